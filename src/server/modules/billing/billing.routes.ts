import type { FastifyInstance, FastifyRequest } from 'fastify';
import { billingApi } from '../../../shared/contract/billing.js';
import { mayDo } from '../../../shared/permissions.js';
import { AppError } from '../../platform/errors.js';
import { staffContextAllowed, staffContextFor, type StaffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { getBillingSetup, updateBillingSettings, updateClinicianBilling } from './billing-settings.service.js';
import { getClientBilling, updateClientBilling } from './client-billing.service.js';
import { paymentsRoutes } from './payments.routes.js';
import { invoiceRoutes } from './invoices.routes.js';

/**
 * A client's billing: read by owners, billers and the client's clinicians, 403 for a member none
 * of whose roles has a part in billing (schedulers); another client is not found.
 */
const readingClientBilling = (request: FastifyRequest): StaffContext =>
  staffContextFor(request, 'billing', { area: true });

/** Changing a client's billing: owners and billers only (a clinician reads it). */
function changingClientBilling(request: FastifyRequest): StaffContext {
  const ctx = readingClientBilling(request);
  if (!mayDo(ctx.actor.roles, 'manage_billing')) throw new AppError('forbidden');
  return ctx;
}

export async function billingRoutes(app: FastifyInstance): Promise<void> {
  route(app, billingApi.setup, async (request) => getBillingSetup(staffContextAllowed(request, 'manage_billing')));
  route(app, billingApi.updateSettings, async (request) =>
    updateBillingSettings(staffContextAllowed(request, 'manage_billing'), request.body),
  );
  route(app, billingApi.updateClinician, async (request) =>
    updateClinicianBilling(staffContextAllowed(request, 'manage_billing'), request.params.id, request.body),
  );
  route(app, billingApi.client, async (request) => getClientBilling(readingClientBilling(request), request.params.id));
  route(app, billingApi.updateClient, async (request) =>
    updateClientBilling(changingClientBilling(request), request.params.id, request.body),
  );
  await paymentsRoutes(app);
  await invoiceRoutes(app);
}
