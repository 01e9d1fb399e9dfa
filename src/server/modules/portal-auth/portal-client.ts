import type { FastifyRequest } from 'fastify';
import type { PortalMe } from '../../../shared/schemas/portal.js';
import type { PracticesTable } from '../../db/schema.js';
import type { ClientGrant } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { clientContext, type ClientContext } from '../../platform/request-context.js';
import { getClient } from '../clients/index.js';
import { usableGrant } from '../portal-access/index.js';
import { toPortalPractice } from '../practices/index.js';
import { getPortalPractice } from './portal-auth.service.js';

/**
 * The practice whose portal is at this address. A signed-in client's own practice was read with
 * their session (the session hook); any other address is read by its slug.
 */
export async function portalPractice(request: FastifyRequest, slug: string): Promise<PracticesTable> {
  const { actor } = request;
  if (actor.kind === 'client' && actor.practice?.slug === slug) return actor.practice;
  return getPortalPractice(request.server.deps, slug);
}

/**
 * The signed-in client of the portal at this address, with their context: only their own
 * practice's portal knows them (the session hook has already checked that their access is usable).
 */
export async function portalClient(
  request: FastifyRequest,
  slug: string,
): Promise<{ practice: PracticesTable; ctx: ClientContext }> {
  const practice = await portalPractice(request, slug);
  return { practice, ctx: clientContext(request, practice.id) };
}

/** What the portal offers the signed-in client: as the session hook read it, or read now outside a request. */
export async function grantOf(ctx: ClientContext): Promise<ClientGrant | null> {
  return ctx.actor.grant ?? usableGrant(ctx, ctx.actor.clientId);
}

/** Who is signed in to the portal, and what their portal offers them. */
export async function getPortalMe(ctx: ClientContext, practice: PracticesTable): Promise<PortalMe> {
  const [client, permissions] = await Promise.all([getClient(ctx, ctx.actor.clientId), grantOf(ctx)]);
  if (!permissions) throw new AppError('unauthenticated');
  return {
    client: {
      id: client.id,
      firstName: client.first_name,
      lastName: client.last_name,
      preferredName: client.preferred_name,
    },
    practice: toPortalPractice(practice),
    permissions,
    csrfToken: ctx.actor.csrfToken,
  };
}
