import { useQuery } from '@tanstack/react-query';
import { completedDocumentsApi } from '../../../../shared/contract/portal-documents.js';
import { call, urlOf } from '../../../common/api.js';

export const completedDocumentKey = (clientId: string, documentId: string) =>
  ['clients', clientId, 'documents', 'completed', documentId] as const;

/** A completed document's answers and signing record (each reading is audit-logged by the server). */
export function useCompletedDocument(clientId: string, documentId: string) {
  return useQuery({
    queryKey: completedDocumentKey(clientId, documentId),
    queryFn: ({ signal }) => call(completedDocumentsApi.get, { params: { clientId, documentId }, signal }),
    // Nothing about a completed document changes: no need to ask again while the page is open.
    staleTime: Infinity,
    retry: false,
  });
}

export const completedPdfUrl = (clientId: string, documentId: string) =>
  urlOf(completedDocumentsApi.pdf, { clientId, documentId });

/** A file the client uploaded to the completed document (each download is audit-logged by the server). */
export const completedFileUrl = (clientId: string, documentId: string, fileId: string) =>
  urlOf(completedDocumentsApi.file, { clientId, documentId, fileId });

/** Where a completed document's answers are read: the Documents tab links here. */
export const completedDocumentPath = (clientId: string, documentId: string) =>
  `/clients/${clientId}/documents/${documentId}/completed`;
