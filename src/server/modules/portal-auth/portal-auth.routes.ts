import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emptyBody, okSchema } from '../../../shared/schemas/common.js';
import {
  portalInfo,
  portalMe,
  portalSlugParams,
  redeemCodeBody,
  redeemLinkBody,
  requestLinkBody,
} from '../../../shared/schemas/portal.js';
import type { PracticesTable } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import { requestMeta, requireClient, type ClientActor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { KeyLimiter } from '../../platform/key-limiter.js';
import { clearSessionCookie, endSession, setSessionCookie, type NewSession } from '../../platform/sessions.js';
import { getClient } from '../clients/clients.queries.js';
import { findAccess } from '../portal-access/portal-access.queries.js';
import { legacyScope } from '../../platform/request-context.js';
import { loadPortalSettings } from '../portal-settings/index.js';
import {
  getPortalPractice,
  requestLinkAgain,
  requestSignInLink,
  signInWithCode,
  signInWithLink,
} from './portal-auth.service.js';
import { codeKeys, linkRequestKeys, perIp } from './portal-auth.limits.js';

const signedIn = z.strictObject({ ok: z.literal(true), csrfToken: z.string() });

/** The client portal's API: sign-in without a password, and who is signed in. */
export async function portalAuthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = app;
  const linkRequests = new KeyLimiter(app.rateWindows, linkRequestKeys);
  // Wrong codes only: a code that signs in is taken back.
  const wrongCodes = new KeyLimiter(app.rateWindows, codeKeys);

  /** The signed-in client, only on their own practice's portal. */
  function clientOf(request: FastifyRequest, practice: PracticesTable): ClientActor {
    const client = requireClient(request);
    if (client.practiceId !== practice.id) throw new AppError('unauthenticated');
    return client;
  }

  function startSession(reply: FastifyReply, session: NewSession) {
    setSessionCookie(deps, reply, 'client', session.token);
    return { ok: true as const, csrfToken: session.csrfToken };
  }

  r.get('/portal/:slug', { schema: { params: portalSlugParams, response: { 200: portalInfo } } }, async (request) => {
    const practice = await getPortalPractice(deps, request.params.slug);
    const settings = await loadPortalSettings(legacyScope(deps.db, { practiceId: practice.id }, deps.clock));
    return { practice: { name: practice.name, slug: practice.slug }, enabled: settings.enabled === 1 };
  });

  r.post(
    '/portal/:slug/sign-in/request',
    {
      schema: { params: portalSlugParams, body: requestLinkBody, response: { 200: okSchema } },
      config: { rateLimit: perIp },
      preHandler: linkRequests.count,
    },
    async (request) => {
      const practice = await getPortalPractice(deps, request.params.slug);
      await requestSignInLink(deps, practice, request.body.email, requestMeta(request));
      return { ok: true as const };
    },
  );

  r.post(
    '/portal/:slug/sign-in/link',
    { schema: { params: portalSlugParams, body: redeemLinkBody, response: { 200: signedIn } }, config: { rateLimit: perIp } },
    async (request, reply) => {
      const practice = await getPortalPractice(deps, request.params.slug);
      return startSession(reply, await signInWithLink(deps, practice, request.body.token, requestMeta(request)));
    },
  );

  r.post(
    '/portal/:slug/sign-in/code',
    {
      schema: { params: portalSlugParams, body: redeemCodeBody, response: { 200: signedIn } },
      config: { rateLimit: perIp },
      preHandler: wrongCodes.count,
    },
    async (request, reply) => {
      const practice = await getPortalPractice(deps, request.params.slug);
      const session = await signInWithCode(deps, practice, request.body, requestMeta(request));
      await wrongCodes.forgive(request);
      return startSession(reply, session);
    },
  );

  r.post(
    '/portal/:slug/sign-in/new-link',
    { schema: { params: portalSlugParams, body: redeemLinkBody, response: { 200: okSchema } }, config: { rateLimit: perIp } },
    async (request) => {
      const practice = await getPortalPractice(deps, request.params.slug);
      await requestLinkAgain(deps, practice, request.body.token, requestMeta(request));
      return { ok: true as const };
    },
  );

  r.get('/portal/:slug/me', { schema: { params: portalSlugParams, response: { 200: portalMe } } }, async (request) => {
    const practice = await getPortalPractice(deps, request.params.slug);
    const actor = clientOf(request, practice);
    const scope = { practiceId: practice.id };
    const [client, access, settings] = await Promise.all([
      getClient(deps.db, scope, actor.clientId),
      findAccess(deps.db, scope, actor.clientId),
      loadPortalSettings(legacyScope(deps.db, scope, deps.clock)),
    ]);
    if (!access) throw new AppError('unauthenticated');
    return {
      client: { firstName: client.first_name, lastName: client.last_name, preferredName: client.preferred_name },
      practice: { name: practice.name, slug: practice.slug },
      permissions: {
        appointments: access.perm_appointments === 1,
        // The practice's switch overrides the client's permission: the portal shows what works.
        messaging: access.perm_messaging === 1 && settings.messaging_enabled === 1,
        billing: access.perm_billing === 1,
        pay: access.perm_pay === 1,
      },
      csrfToken: actor.csrfToken,
    };
  });

  r.post(
    '/portal/:slug/sign-out',
    { schema: { params: portalSlugParams, body: emptyBody, response: { 200: okSchema } } },
    async (request, reply) => {
      if (request.actor.kind === 'client') {
        await endSession(deps, request.actor.sessionHash);
        await audit(deps.db, deps.clock, request.actor, requestMeta(request), {
          action: 'portal.signed_out',
          practiceId: request.actor.practiceId,
          clientId: request.actor.clientId,
        });
      }
      clearSessionCookie(reply, 'client');
      return { ok: true as const };
    },
  );
}
