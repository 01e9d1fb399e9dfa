import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { emptyBody, idParams } from '../../../shared/schemas/common.js';
import {
  portalAccessView,
  portalPermissions,
  sendInvitationBody,
  signInCode,
} from '../../../shared/schemas/portal-access.js';
import { requestMeta, requireStaff } from '../../platform/context.js';
import {
  disable,
  disableAndResend,
  emailSignInLink,
  generateSignInCode,
  invite,
  savePermissions,
  type StaffCaller,
} from './portal-access.service.js';
import { getAccessView } from './portal-access.view.js';

function callerOf(request: FastifyRequest): StaffCaller {
  return { actor: requireStaff(request), meta: requestMeta(request) };
}

/** The Client Portal tab of a client's profile. Each action answers with the refreshed tab. */
export async function portalAccessRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = app;
  const view = (caller: StaffCaller, clientId: string) =>
    getAccessView(deps, { practiceId: caller.actor.practiceId }, clientId);
  const params = idParams;
  const response = { 200: portalAccessView };

  r.get('/clients/:id/portal', { schema: { params, response } }, async (request) =>
    view(callerOf(request), request.params.id),
  );

  r.post('/clients/:id/portal/invitations', { schema: { params, body: sendInvitationBody, response } }, async (request) => {
    const caller = callerOf(request);
    await invite(deps, caller, request.params.id, request.body);
    return view(caller, request.params.id);
  });

  r.post(
    '/clients/:id/portal/disable-and-resend',
    { schema: { params, body: sendInvitationBody, response } },
    async (request) => {
      const caller = callerOf(request);
      await disableAndResend(deps, caller, request.params.id, request.body);
      return view(caller, request.params.id);
    },
  );

  r.put('/clients/:id/portal/permissions', { schema: { params, body: portalPermissions, response } }, async (request) => {
    const caller = callerOf(request);
    await savePermissions(deps, caller, request.params.id, request.body);
    return view(caller, request.params.id);
  });

  r.post('/clients/:id/portal/disable', { schema: { params, body: emptyBody, response } }, async (request) => {
    const caller = callerOf(request);
    await disable(deps, caller, request.params.id);
    return view(caller, request.params.id);
  });

  r.post('/clients/:id/portal/sign-in-link', { schema: { params, body: emptyBody, response } }, async (request) => {
    const caller = callerOf(request);
    await emailSignInLink(deps, caller, request.params.id);
    return view(caller, request.params.id);
  });

  r.post(
    '/clients/:id/portal/sign-in-code',
    { schema: { params, body: emptyBody, response: { 200: signInCode } } },
    async (request) => generateSignInCode(deps, callerOf(request), request.params.id),
  );
}
