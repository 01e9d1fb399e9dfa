import {
  billableItem,
  billableItemFeeBody,
  clientInvoices,
  createInvoiceBody,
  invoiceChanged,
  invoiceDetail,
  reissueInvoiceBody,
  voidInvoiceBody,
} from '../schemas/invoices.js';
import { idParams } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

/**
 * A client's invoices and billable items (decision 040): read by owners, billers and the client's
 * clinicians; created, voided and re-issued by owners and billers.
 */
export const invoicesApi = {
  list: endpoint({ method: 'GET', path: '/api/clients/:id/invoices', params: idParams, response: clientInvoices }),
  create: endpoint({
    method: 'POST',
    path: '/api/clients/:id/invoices',
    params: idParams,
    body: createInvoiceBody,
    response: invoiceChanged,
  }),
  get: endpoint({ method: 'GET', path: '/api/invoices/:id', params: idParams, response: invoiceDetail }),
  void: endpoint({
    method: 'POST',
    path: '/api/invoices/:id/void',
    params: idParams,
    body: voidInvoiceBody,
    response: invoiceChanged,
  }),
  reissue: endpoint({
    method: 'POST',
    path: '/api/invoices/:id/reissue',
    params: idParams,
    body: reissueInvoiceBody,
    response: invoiceChanged,
  }),
  pdf: endpoint({ method: 'GET', path: '/api/invoices/:id/pdf', params: idParams, answers: 'download' }),
  updateItem: endpoint({
    method: 'PUT',
    path: '/api/billable-items/:id',
    params: idParams,
    body: billableItemFeeBody,
    response: billableItem,
  }),
};
