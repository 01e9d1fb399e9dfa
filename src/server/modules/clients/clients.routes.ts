import type { FastifyInstance } from 'fastify';
import { clientsApi } from '../../../shared/contract/clients.js';
import type { Client } from '../../../shared/schemas/clients.js';
import type { UpdateClientBody } from '../../../shared/schemas/clients.js';
import type { StaffContext } from '../../platform/request-context.js';
import { clientCliniciansApi } from '../../../shared/contract/client-clinicians.js';
import { mayDo } from '../../../shared/permissions.js';
import { AppError } from '../../platform/errors.js';
import { staffContext, staffContextAllowed, staffContextFor } from '../../platform/request-context.js';
import { listClinicians } from '../staff/index.js';
import { getClientClinicians, setClientClinicians } from './clients.clinicians.js';
import { route } from '../../platform/route.js';
import { createClient, getClient, listClients, setArchived, updateClient } from './clients.service.js';

/**
 * What another module does in the same transaction as a client's creation or update: the Client
 * Portal module invites a new client and moves access when the portal email changes; the documents
 * module shares documents with a new client's invitation. Given when the routes are registered, so
 * this module imports nothing of theirs.
 */
export interface ClientRouteHooks {
  inviteOnCreate(tx: StaffContext, client: Client, invitation: { message: string }): Promise<void>;
  /** Invites the new client with documents shared: one welcome email saying they wait. */
  shareOnCreate(
    tx: StaffContext,
    client: Client,
    invitation: { message: string },
    documents: { templateIds: string[]; dueDate: string | null },
  ): Promise<void>;
  followPortalEmail(
    tx: StaffContext,
    client: Client,
    resend: UpdateClientBody['resendPortalInvitation'],
  ): Promise<void>;
}

export function clientRoutes(hooks: ClientRouteHooks) {
  return async function registerClientRoutes(app: FastifyInstance): Promise<void> {
    // Every role reads demographics; a clinician's list, search and counts hold only their clients.
    route(app, clientsApi.list, async (request) =>
      listClients(staffContextFor(request, 'profile', { area: true }), request.query),
    );

    route(app, clientsApi.create, async (request) => {
      const { portalInvitation, clinicians, ...input } = request.body;
      const ctx = staffContextAllowed(request, 'create_client');
      // Inviting on create is Client Portal work: only for those who manage portal access; sharing
      // documents with the invitation only for those who may share documents.
      if (portalInvitation) staffContextFor(request, 'portal', { area: true });
      if (portalInvitation?.documents) staffContextFor(request, 'documents', { area: true });
      return createClient(ctx, input, {
        clinicians,
        alsoInTransaction: async (tx, client) => {
          if (!portalInvitation) return;
          const { documents, ...invitation } = portalInvitation;
          if (documents) await hooks.shareOnCreate(tx, client, invitation, documents);
          else await hooks.inviteOnCreate(tx, client, invitation);
        },
      });
    });

    route(app, clientsApi.get, async (request) => getClient(staffContextFor(request, 'profile'), request.params.id));

    route(app, clientsApi.update, async (request) => {
      const { resendPortalInvitation, ...input } = request.body;
      const ctx = staffContextFor(request, 'profile');
      // Moving portal access to a new address is the portal's; an edit that only disables it is not.
      if (resendPortalInvitation) staffContextFor(request, 'portal', { area: true });
      return updateClient(ctx, request.params.id, input, (tx, saved) =>
        hooks.followPortalEmail(tx, saved, resendPortalInvitation),
      );
    });

    route(app, clientsApi.archive, async (request) =>
      setArchived(staffContextFor(request, 'profile'), request.params.id, true),
    );
    route(app, clientsApi.restore, async (request) =>
      setArchived(staffContextFor(request, 'profile'), request.params.id, false),
    );

    route(app, clientCliniciansApi.get, async (request) =>
      getClientClinicians(staffContextFor(request, 'profile'), request.params.id),
    );

    route(app, clientCliniciansApi.set, async (request) => {
      const ctx = staffContextFor(request, 'profile');
      if (!mayDo(ctx.actor.roles, 'assign_clinicians')) throw new AppError('forbidden');
      return setClientClinicians(ctx, request.params.id, request.body);
    });

    route(app, clientCliniciansApi.options, async (request) => listClinicians(staffContext(request)));
  };
}
