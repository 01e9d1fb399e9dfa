import type { FastifyInstance } from 'fastify';
import { clientsApi } from '../../../shared/contract/clients.js';
import type { Client } from '../../../shared/schemas/clients.js';
import type { UpdateClientBody } from '../../../shared/schemas/clients.js';
import type { StaffContext } from '../../platform/request-context.js';
import { staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { createClient, getClient, listClients, setArchived, updateClient } from './clients.service.js';

/**
 * What another module does in the same transaction as a client's creation or update: the Client
 * Portal module invites a new client and moves access when the portal email changes. Given when
 * the routes are registered, so this module imports nothing of the portal's.
 */
export interface ClientRouteHooks {
  inviteOnCreate(tx: StaffContext, client: Client, invitation: { message: string }): Promise<void>;
  followPortalEmail(
    tx: StaffContext,
    client: Client,
    resend: UpdateClientBody['resendPortalInvitation'],
  ): Promise<void>;
}

export function clientRoutes(hooks: ClientRouteHooks) {
  return async function registerClientRoutes(app: FastifyInstance): Promise<void> {
    route(app, clientsApi.list, async (request) => listClients(staffContext(request), request.query));

    route(app, clientsApi.create, async (request) => {
      const { portalInvitation, ...input } = request.body;
      return createClient(staffContext(request), input, async (tx, client) => {
        if (portalInvitation) await hooks.inviteOnCreate(tx, client, portalInvitation);
      });
    });

    route(app, clientsApi.get, async (request) => getClient(staffContext(request), request.params.id));

    route(app, clientsApi.update, async (request) => {
      const { resendPortalInvitation, ...input } = request.body;
      return updateClient(staffContext(request), request.params.id, input, (tx, saved) =>
        hooks.followPortalEmail(tx, saved, resendPortalInvitation),
      );
    });

    route(app, clientsApi.archive, async (request) => setArchived(staffContext(request), request.params.id, true));
    route(app, clientsApi.restore, async (request) => setArchived(staffContext(request), request.params.id, false));
  };
}
