import { portalSlugParams } from '../schemas/portal.js';
import {
  portalBalances,
  portalBilling,
  portalBillingDocumentParams,
  portalInvoiceParams,
} from '../schemas/portal-billing.js';
import { endpoint } from './endpoint.js';

const portal = { params: portalSlugParams } as const;

/**
 * The client's Billing in the portal, only while their permission Access billing documents is on
 * (403 `billing_off` otherwise, as the portal's other switched-off areas answer). Every call is
 * audit-logged; another client's invoice or document is not found.
 */
export const portalBillingApi = {
  /** Home's tile: the balance due. */
  balance: endpoint({ method: 'GET', path: '/api/portal/:slug/billing/balance', ...portal, response: portalBalances }),
  /** The Billing page: balance, invoices, statements and superbills, payment history. */
  overview: endpoint({ method: 'GET', path: '/api/portal/:slug/billing', ...portal, response: portalBilling }),
  /** One of the client's invoices as a PDF (every version, a void one marked VOID). */
  invoicePdf: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/billing/invoices/:invoiceId/pdf',
    params: portalInvoiceParams,
    answers: 'download',
  }),
  /** One of the client's statements or superbills as a PDF. */
  documentPdf: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/billing/documents/:documentId/pdf',
    params: portalBillingDocumentParams,
    answers: 'download',
  }),
};
