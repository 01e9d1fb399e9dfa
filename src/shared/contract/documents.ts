import { z } from 'zod';
import { emptyBody, idParams } from '../schemas/common.js';
import {
  clientDocumentParams,
  clientDocuments,
  clientFileParams,
  markdownPreview,
  markdownPreviewBody,
  shareBody,
  templateDetail,
  templateInput,
  templateListItem,
  templateListQuery,
} from '../schemas/documents.js';
import { endpoint } from './endpoint.js';

/** Settings → Documents: the practice's templates. Owners write them; clinicians read them to share. */
export const documentTemplatesApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/document-templates',
    query: templateListQuery,
    response: z.array(templateListItem),
  }),
  get: endpoint({ method: 'GET', path: '/api/document-templates/:id', params: idParams, response: templateDetail }),
  create: endpoint({
    method: 'POST',
    path: '/api/document-templates',
    body: templateInput,
    response: templateDetail,
    status: 201,
  }),
  /** Saves a new version; what was shared keeps its own. */
  update: endpoint({
    method: 'PUT',
    path: '/api/document-templates/:id',
    params: idParams,
    body: templateInput,
    response: templateDetail,
  }),
  archive: endpoint({
    method: 'POST',
    path: '/api/document-templates/:id/archive',
    params: idParams,
    body: emptyBody,
    response: templateDetail,
  }),
  restore: endpoint({
    method: 'POST',
    path: '/api/document-templates/:id/restore',
    params: idParams,
    body: emptyBody,
    response: templateDetail,
  }),
  /** A consent's markdown as the client will see it: sanitised HTML. */
  preview: endpoint({
    method: 'POST',
    path: '/api/document-templates/preview',
    body: markdownPreviewBody,
    response: markdownPreview,
  }),
};

/** A client's Documents tab and Share; each action answers with the refreshed tab. */
export const clientDocumentsApi = {
  get: endpoint({ method: 'GET', path: '/api/clients/:id/documents', params: idParams, response: clientDocuments }),
  share: endpoint({
    method: 'POST',
    path: '/api/clients/:id/documents/shares',
    params: idParams,
    body: shareBody,
    response: clientDocuments,
    status: 201,
  }),
  remind: endpoint({
    method: 'POST',
    path: '/api/clients/:id/documents/:documentId/remind',
    params: clientDocumentParams,
    body: emptyBody,
    response: clientDocuments,
  }),
  cancel: endpoint({
    method: 'POST',
    path: '/api/clients/:id/documents/:documentId/cancel',
    params: clientDocumentParams,
    body: emptyBody,
    response: clientDocuments,
  }),
  /** A file (PDF or image, by the attachment rules) for the client to download from the portal. */
  uploadFile: endpoint({
    method: 'POST',
    path: '/api/clients/:id/files',
    params: idParams,
    body: 'multipart',
    response: clientDocuments,
    status: 201,
  }),
  /** Takes a shared file back: the client no longer sees it. */
  removeFile: endpoint({
    method: 'POST',
    path: '/api/clients/:id/files/:fileId/remove',
    params: clientFileParams,
    body: emptyBody,
    response: clientDocuments,
  }),
};
