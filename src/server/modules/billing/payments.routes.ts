import type { FastifyInstance, FastifyRequest } from 'fastify';
import { paymentsApi } from '../../../shared/contract/billing-payments.js';
import { mayDo } from '../../../shared/permissions.js';
import { AppError } from '../../platform/errors.js';
import { staffContextFor, type StaffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { getClientBalance, getPracticeAging } from './payments.balance.js';
import { applyCredit, listClientPayments, recordPayment, refundPayment } from './payments.service.js';

/** Reading billing: owners and billers every client's, clinicians their assigned clients'; schedulers 403. */
const readingBilling = (request: FastifyRequest): StaffContext => staffContextFor(request, 'billing', { area: true });

/** Recording, applying and refunding money: owners and billers only. */
function managingBilling(request: FastifyRequest): StaffContext {
  const ctx = readingBilling(request);
  if (!mayDo(ctx.actor.roles, 'manage_billing')) throw new AppError('forbidden');
  return ctx;
}

export async function paymentsRoutes(app: FastifyInstance): Promise<void> {
  route(app, paymentsApi.list, async (request) => listClientPayments(readingBilling(request), request.params.id));
  route(app, paymentsApi.record, async (request) =>
    recordPayment(managingBilling(request), request.params.id, request.body),
  );
  route(app, paymentsApi.applyCredit, async (request) =>
    applyCredit(managingBilling(request), request.params.id, request.body),
  );
  route(app, paymentsApi.refund, async (request) =>
    refundPayment(managingBilling(request), request.params.id, request.params.paymentId, request.body),
  );
  route(app, paymentsApi.balance, async (request) => getClientBalance(readingBilling(request), request.params.id));
  route(app, paymentsApi.aging, async (request) => getPracticeAging(readingBilling(request), request.query));
}
