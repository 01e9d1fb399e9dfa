import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { portalDocumentsApi } from '../../../../shared/contract/portal-documents.js';
import type { PortalDocument } from '../../../../shared/schemas/portal-documents.js';
import { call, uploadWithProgress, urlOf } from '../../../common/api.js';
import type { CountQuery } from '../../common/area.js';

/** Under ['portal', slug, …] so that signing out forgets them (see useSignOut). */
export const documentKeys = {
  all: (slug: string) => ['portal', slug, 'documents'] as const,
  list: (slug: string) => ['portal', slug, 'documents', 'list'] as const,
  toComplete: (slug: string) => ['portal', slug, 'documents', 'to-complete'] as const,
  one: (slug: string, id: string) => ['portal', slug, 'documents', 'one', id] as const,
};

/** How many documents the client still has to complete: on Home and beside Documents in the header. */
export const toCompleteQuery = (slug: string): CountQuery => ({
  queryKey: documentKeys.toComplete(slug),
  queryFn: async ({ signal }) => (await call(portalDocumentsApi.toComplete, { params: { slug }, signal })).count,
  staleTime: 10_000,
  refetchInterval: 60_000,
});

export function useToCompleteCount(slug: string) {
  return useQuery(toCompleteQuery(slug));
}

export function useDocumentList(slug: string) {
  return useQuery({
    queryKey: documentKeys.list(slug),
    queryFn: ({ signal }) => call(portalDocumentsApi.list, { params: { slug }, signal }),
    staleTime: 5_000,
  });
}

/** Opens the document (the first opening marks it viewed) and keeps what it answered. */
export function useOpenDocument(slug: string, documentId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: documentKeys.one(slug, documentId),
    queryFn: async () => {
      const document = await call(portalDocumentsApi.open, { params: { slug, documentId } });
      void queryClient.invalidateQueries({ queryKey: documentKeys.list(slug) });
      return document;
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useSaveDraft(slug: string, documentId: string) {
  return useMutation({
    mutationFn: (answers: Record<string, unknown>) =>
      call(portalDocumentsApi.saveDraft, { params: { slug, documentId }, body: { answers } }),
  });
}

export function useSubmitDocument(slug: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, unknown>) =>
      call(portalDocumentsApi.submit, { params: { slug, documentId }, body: { answers } }),
    onSuccess: async (summary, answers) => {
      queryClient.setQueryData<PortalDocument>(documentKeys.one(slug, documentId), (old) =>
        old ? { ...old, ...summary, answers, draftSavedAt: null } : old,
      );
      await queryClient.invalidateQueries({ queryKey: documentKeys.list(slug) });
      await queryClient.invalidateQueries({ queryKey: documentKeys.toComplete(slug) });
    },
  });
}

/** Sends the client's file for a file question, telling `onProgress` how much has gone (0 to 1). */
export function uploadQuestionFile(
  slug: string,
  documentId: string,
  questionId: string,
  file: File,
  onProgress: (fraction: number) => void,
) {
  const body = new FormData();
  body.append('file', file);
  return uploadWithProgress(portalDocumentsApi.uploadQuestionFile, { slug, documentId, questionId }, body, onProgress);
}

export function removeQuestionFile(slug: string, documentId: string, questionId: string) {
  return call(portalDocumentsApi.removeQuestionFile, { params: { slug, documentId, questionId }, body: {} });
}

/** The client's own uploaded file, to download again. */
export const questionFileUrl = (slug: string, documentId: string, fileId: string) =>
  urlOf(portalDocumentsApi.questionFile, { slug, documentId, fileId });

export const pdfUrl = (slug: string, documentId: string) => urlOf(portalDocumentsApi.pdf, { slug, documentId });
export const fileUrl = (slug: string, fileId: string) => urlOf(portalDocumentsApi.file, { slug, fileId });
