import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { clientDocumentsApi, documentTemplatesApi } from '../../../../shared/contract/documents.js';
import type {
  ClientDocuments,
  ShareBody,
  TemplateDetail,
  TemplateInput,
} from '../../../../shared/schemas/documents.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const documentKeys = {
  all: areaKeys.documents,
  templates: (archived: boolean) => [...areaKeys.documents, 'templates', archived] as const,
  template: (id: string) => [...areaKeys.documents, 'template', id] as const,
  client: (clientId: string) => [...areaKeys.documents, 'client', clientId] as const,
};

export function useTemplates(archived = false) {
  return useQuery({
    queryKey: documentKeys.templates(archived),
    queryFn: ({ signal }) =>
      call(documentTemplatesApi.list, { query: { archived: archived ? 'true' : 'false' }, signal }),
  });
}

export function useTemplate(id: string | undefined) {
  return useQuery({
    queryKey: documentKeys.template(id ?? ''),
    queryFn: ({ signal }) => call(documentTemplatesApi.get, { params: { id: id ?? '' }, signal }),
    enabled: id !== undefined,
  });
}

function useStoreTemplate() {
  const queryClient = useQueryClient();
  return (detail: TemplateDetail) => {
    queryClient.setQueryData(documentKeys.template(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: [...areaKeys.documents, 'templates'] });
  };
}

export function useSaveTemplate(id: string | undefined) {
  const store = useStoreTemplate();
  return useMutation({
    mutationFn: (body: TemplateInput) =>
      id ? call(documentTemplatesApi.update, { params: { id }, body }) : call(documentTemplatesApi.create, { body }),
    onSuccess: store,
  });
}

export function useSetArchived(id: string) {
  const store = useStoreTemplate();
  return useMutation({
    mutationFn: (archived: boolean) =>
      call(archived ? documentTemplatesApi.archive : documentTemplatesApi.restore, { params: { id }, body: {} }),
    onSuccess: store,
  });
}

export function usePreviewMarkdown() {
  return useMutation({
    mutationFn: (markdown: string) => call(documentTemplatesApi.preview, { body: { markdown } }),
  });
}

export function useClientDocuments(clientId: string) {
  return useQuery({
    queryKey: documentKeys.client(clientId),
    queryFn: ({ signal }) => call(clientDocumentsApi.get, { params: { id: clientId }, signal }),
  });
}

function useStoreClientDocuments(clientId: string) {
  const queryClient = useQueryClient();
  return (view: ClientDocuments) => {
    queryClient.setQueryData(documentKeys.client(clientId), view);
    void queryClient.invalidateQueries({ queryKey: areaKeys.portalAccess });
    void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
  };
}

export function useShareDocuments(clientId: string) {
  const store = useStoreClientDocuments(clientId);
  return useMutation({
    mutationFn: (body: ShareBody) => call(clientDocumentsApi.share, { params: { id: clientId }, body }),
    onSuccess: store,
  });
}

export function useDocumentAction(clientId: string) {
  const store = useStoreClientDocuments(clientId);
  return useMutation({
    mutationFn: ({ documentId, action }: { documentId: string; action: 'remind' | 'cancel' }) =>
      call(action === 'remind' ? clientDocumentsApi.remind : clientDocumentsApi.cancel, {
        params: { id: clientId, documentId },
        body: {},
      }),
    onSuccess: store,
  });
}

/** Uploads a file for the client to download from the portal (the server checks it by content). */
export function useUploadClientFile(clientId: string) {
  const store = useStoreClientDocuments(clientId);
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return call(clientDocumentsApi.uploadFile, { params: { id: clientId }, body });
    },
    onSuccess: store,
  });
}

export function useRemoveClientFile(clientId: string) {
  const store = useStoreClientDocuments(clientId);
  return useMutation({
    mutationFn: (fileId: string) => call(clientDocumentsApi.removeFile, { params: { id: clientId, fileId }, body: {} }),
    onSuccess: store,
  });
}
