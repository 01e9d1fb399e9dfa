import type { FastifyInstance, FastifyRequest } from 'fastify';
import { portalBillingApi } from '../../../shared/contract/portal-billing.js';
import type { ClientContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { grantOf, portalClient } from '../portal-auth/index.js';
import { billingOff, getPortalBalances, getPortalBilling } from './portal-billing.service.js';

/** The signed-in client of this portal, with Access billing documents on; anyone else is turned away. */
async function billingClient(request: FastifyRequest, slug: string): Promise<ClientContext> {
  const { ctx } = await portalClient(request, slug);
  if (!(await grantOf(ctx))?.billing) throw billingOff();
  return ctx;
}

/** The client's side of billing: only their own, only while their billing permission is on. */
export async function portalBillingRoutes(app: FastifyInstance): Promise<void> {
  route(app, portalBillingApi.balance, async (request) =>
    getPortalBalances(await billingClient(request, request.params.slug)),
  );
  route(app, portalBillingApi.overview, async (request) =>
    getPortalBilling(await billingClient(request, request.params.slug)),
  );
}
