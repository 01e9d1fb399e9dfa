import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { client, clientList, clientListQuery, createClientBody, updateClientBody } from '../../../shared/schemas/clients.js';
import { emptyBody, idParams } from '../../../shared/schemas/common.js';
import { requestMeta, requireStaff, scopeOf } from '../../platform/context.js';
import { inviteInTransaction, portalEmailFor } from '../portal-access/portal-access.service.js';
import { followPortalEmail } from '../portal-access/portal-email-change.js';
import { createClient, getClient, listClients, setArchived, updateClient, type ClientCaller } from './clients.service.js';

/** The signed-in staff member, their practice as the scope, and the request for the audit log. */
function callerOf(request: FastifyRequest): ClientCaller {
  const staff = requireStaff(request);
  return { scope: scopeOf(staff), actor: staff, meta: requestMeta(request) };
}

export async function clientRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = app;

  r.get('/clients', { schema: { querystring: clientListQuery, response: { 200: clientList } } }, async (request) =>
    listClients(deps, scopeOf(requireStaff(request)), request.query),
  );

  r.post('/clients', { schema: { body: createClientBody, response: { 201: client } } }, async (request, reply) => {
    const { portalInvitation, ...input } = request.body;
    const caller = callerOf(request);
    const created = await createClient(deps, caller, input, async (trx, newClient) => {
      if (!portalInvitation) return;
      const staff = requireStaff(request);
      await inviteInTransaction(trx, deps, { actor: staff, meta: requestMeta(request) }, newClient.id, {
        emailId: portalEmailFor(newClient),
        message: portalInvitation.message,
      });
    });
    return reply.status(201).send(created);
  });

  r.get('/clients/:id', { schema: { params: idParams, response: { 200: client } } }, async (request) =>
    getClient(deps, callerOf(request), request.params.id),
  );

  r.put('/clients/:id', { schema: { params: idParams, body: updateClientBody, response: { 200: client } } }, async (request) => {
    const { resendPortalInvitation, ...input } = request.body;
    const staff = requireStaff(request);
    return updateClient(deps, callerOf(request), request.params.id, input, (trx, saved) =>
      followPortalEmail(trx, deps, { actor: staff, meta: requestMeta(request) }, saved, resendPortalInvitation),
    );
  });

  for (const [action, archived] of [['archive', true], ['restore', false]] as const) {
    r.post(
      `/clients/:id/${action}`,
      { schema: { params: idParams, body: emptyBody, response: { 200: client } } },
      async (request) => setArchived(deps, callerOf(request), request.params.id, archived),
    );
  }
}
