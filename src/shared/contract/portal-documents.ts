import { emptyBody } from '../schemas/common.js';
import { portalSlugParams } from '../schemas/portal.js';
import {
  clientDocumentParams,
  completedDocument,
  completedDocumentFileParams,
  documentsToComplete,
  draftSaved,
  portalDocument,
  portalDocumentList,
  portalDocumentParams,
  portalDocumentSummary,
  portalDocumentFileParams,
  portalFileParams,
  portalQuestionFileParams,
  questionFileSaved,
  saveDraftBody,
  submitBody,
} from '../schemas/portal-documents.js';
import { endpoint } from './endpoint.js';

const portal = { params: portalSlugParams } as const;
const one = { params: portalDocumentParams } as const;

/** The client's Documents in the portal: what to fill in and sign, what is completed, files to download. */
export const portalDocumentsApi = {
  list: endpoint({ method: 'GET', path: '/api/portal/:slug/documents', ...portal, response: portalDocumentList }),
  toComplete: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/documents/to-complete',
    ...portal,
    response: documentsToComplete,
  }),
  get: endpoint({ method: 'GET', path: '/api/portal/:slug/documents/:documentId', ...one, response: portalDocument }),
  /** The client opened the document: it becomes viewed (once), and the view is audit-logged. */
  open: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/documents/:documentId/open',
    ...one,
    body: emptyBody,
    response: portalDocument,
  }),
  saveDraft: endpoint({
    method: 'PUT',
    path: '/api/portal/:slug/documents/:documentId/draft',
    ...one,
    body: saveDraftBody,
    response: draftSaved,
  }),
  /** 422 naming each required question or signature left unanswered; 409 once completed. */
  submit: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/documents/:documentId/submit',
    ...one,
    body: submitBody,
    response: portalDocumentSummary,
  }),
  /**
   * The client's file for a file-upload question of a document they are filling in (the file
   * under the field `file`, by the attachment rules), replacing the one uploaded before; the
   * draft's answer names it. 409 once the document is completed.
   */
  uploadQuestionFile: endpoint({
    method: 'PUT',
    path: '/api/portal/:slug/documents/:documentId/questions/:questionId/file',
    params: portalQuestionFileParams,
    body: 'multipart',
    response: questionFileSaved,
  }),
  /** Takes the file off the question (the stored file is deleted); 409 once completed. */
  removeQuestionFile: endpoint({
    method: 'DELETE',
    path: '/api/portal/:slug/documents/:documentId/questions/:questionId/file',
    params: portalQuestionFileParams,
    body: emptyBody,
    response: questionFileSaved,
  }),
  /** A file the client uploaded to one of their documents, downloaded again. */
  questionFile: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/documents/:documentId/files/:fileId',
    params: portalDocumentFileParams,
    answers: 'download',
  }),
  pdf: endpoint({ method: 'GET', path: '/api/portal/:slug/documents/:documentId/pdf', ...one, answers: 'download' }),
  file: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/client-files/:fileId',
    params: portalFileParams,
    answers: 'download',
  }),
};

/** A completed document of a client, as staff read it and download its PDF. */
export const completedDocumentsApi = {
  get: endpoint({
    method: 'GET',
    path: '/api/clients/:clientId/documents/:documentId/completed',
    params: clientDocumentParams,
    response: completedDocument,
  }),
  pdf: endpoint({
    method: 'GET',
    path: '/api/clients/:clientId/documents/:documentId/pdf',
    params: clientDocumentParams,
    answers: 'download',
  }),
  /** A file the client uploaded to a file question of the completed document. */
  file: endpoint({
    method: 'GET',
    path: '/api/clients/:clientId/documents/:documentId/files/:fileId',
    params: completedDocumentFileParams,
    answers: 'download',
  }),
};
