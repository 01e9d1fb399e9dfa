import {
  agingQuery,
  applyCreditBody,
  appliedCredit,
  clientBalance,
  clientPaymentParams,
  clientPayments,
  payment,
  practiceAging,
  recordPaymentBody,
  refundBody,
} from '../schemas/billing-payments.js';
import { idParams } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

/** Payments staff record for a client, refunds, credit, balance and aging (issue 20). */
export const paymentsApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/clients/:id/payments',
    params: idParams,
    response: clientPayments,
  }),
  record: endpoint({
    method: 'POST',
    path: '/api/clients/:id/payments',
    params: idParams,
    body: recordPaymentBody,
    response: payment,
    status: 201,
  }),
  applyCredit: endpoint({
    method: 'POST',
    path: '/api/clients/:id/credit/apply',
    params: idParams,
    body: applyCreditBody,
    response: appliedCredit,
  }),
  refund: endpoint({
    method: 'POST',
    path: '/api/clients/:id/payments/:paymentId/refunds',
    params: clientPaymentParams,
    body: refundBody,
    response: payment,
    status: 201,
  }),
  balance: endpoint({
    method: 'GET',
    path: '/api/clients/:id/balance',
    params: idParams,
    response: clientBalance,
  }),
  aging: endpoint({
    method: 'GET',
    path: '/api/billing/aging',
    query: agingQuery,
    response: practiceAging,
  }),
};
