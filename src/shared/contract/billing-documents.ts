import { z } from 'zod';
import { billingDocumentBody, billingDocumentSummary } from '../schemas/billing-documents.js';
import { idParams, idSchema } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

const documentParams = z.strictObject({ clientId: idSchema, documentId: idSchema });

/**
 * A client's statements and superbills (decision 041): read by who reads the client's billing,
 * created by owners and billers; each PDF is rendered from the document's stored snapshot.
 */
export const billingDocumentsApi = {
  statements: endpoint({
    method: 'GET',
    path: '/api/clients/:id/statements',
    params: idParams,
    response: z.array(billingDocumentSummary),
  }),
  createStatement: endpoint({
    method: 'POST',
    path: '/api/clients/:id/statements',
    params: idParams,
    body: billingDocumentBody,
    response: billingDocumentSummary,
    status: 201,
  }),
  statementPdf: endpoint({
    method: 'GET',
    path: '/api/clients/:clientId/statements/:documentId/pdf',
    params: documentParams,
    answers: 'download',
  }),
  superbills: endpoint({
    method: 'GET',
    path: '/api/clients/:id/superbills',
    params: idParams,
    response: z.array(billingDocumentSummary),
  }),
  createSuperbill: endpoint({
    method: 'POST',
    path: '/api/clients/:id/superbills',
    params: idParams,
    body: billingDocumentBody,
    response: billingDocumentSummary,
    status: 201,
  }),
  superbillPdf: endpoint({
    method: 'GET',
    path: '/api/clients/:clientId/superbills/:documentId/pdf',
    params: documentParams,
    answers: 'download',
  }),
};
