import { emptyBody } from '../schemas/common.js';
import { portalSlugParams } from '../schemas/portal.js';
import {
  clientDocumentParams,
  completedDocument,
  documentsToComplete,
  draftSaved,
  portalDocument,
  portalDocumentList,
  portalDocumentParams,
  portalDocumentSummary,
  portalFileParams,
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
};
