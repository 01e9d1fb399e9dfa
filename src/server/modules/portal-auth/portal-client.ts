import type { FastifyRequest } from 'fastify';
import type { PortalMe } from '../../../shared/schemas/portal.js';
import type { PracticesTable } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { clientContext, type ClientContext } from '../../platform/request-context.js';
import { getClient } from '../clients/index.js';
import { findAccess } from '../portal-access/index.js';
import { loadPortalSettings } from '../portal-settings/index.js';
import { toPortalPractice } from '../practices/index.js';
import { getPortalPractice } from './portal-auth.service.js';

/**
 * The signed-in client of the portal at this address, with their context: only their own
 * practice's portal knows them (the session hook has already checked that their access is usable).
 */
export async function portalClient(
  request: FastifyRequest,
  slug: string,
): Promise<{ practice: PracticesTable; ctx: ClientContext }> {
  const practice = await getPortalPractice(request.server.deps, slug);
  return { practice, ctx: clientContext(request, practice.id) };
}

/** Who is signed in to the portal, and what their portal offers them. */
export async function getPortalMe(ctx: ClientContext, practice: PracticesTable): Promise<PortalMe> {
  const [client, access, settings] = await Promise.all([
    getClient(ctx, ctx.actor.clientId),
    findAccess(ctx, ctx.actor.clientId),
    loadPortalSettings(ctx),
  ]);
  if (!access) throw new AppError('unauthenticated');
  return {
    client: {
      id: client.id,
      firstName: client.first_name,
      lastName: client.last_name,
      preferredName: client.preferred_name,
    },
    practice: toPortalPractice(practice),
    permissions: {
      appointments: access.perm_appointments === 1,
      // The practice's switch overrides the client's permission: the portal shows what works.
      messaging: access.perm_messaging === 1 && settings.messaging_enabled === 1,
      billing: access.perm_billing === 1,
      pay: access.perm_pay === 1,
    },
    csrfToken: ctx.actor.csrfToken,
  };
}
