import type { FastifyInstance, FastifyReply } from 'fastify';
import { portalApi } from '../../../shared/contract/portal.js';
import { auditIn } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { KeyLimiter } from '../../platform/key-limiter.js';
import { clientContext, visitorContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { clearSessionCookie, endSession, setSessionCookie, type NewSession } from '../../platform/sessions.js';
import { loadPortalSettings } from '../portal-settings/index.js';
import { toPortalPractice } from '../practices/index.js';
import { codeKeys, linkRequestKeys, perIp } from './portal-auth.limits.js';
import { getPortalMe, portalClient, portalPractice } from './portal-client.js';
import {
  getPortalPractice,
  requestLinkAgain,
  requestSignInLink,
  signInWithCode,
  signInWithLink,
} from './portal-auth.service.js';

/** The client portal's API: sign-in without a password, and who is signed in. */
export async function portalAuthRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;
  const linkRequests = new KeyLimiter(app.rateWindows, linkRequestKeys);
  // Wrong codes only: a code that signs in is taken back.
  const wrongCodes = new KeyLimiter(app.rateWindows, codeKeys);

  function startSession(reply: FastifyReply, session: NewSession) {
    setSessionCookie(deps, reply, 'client', session.token);
    return { ok: true as const, csrfToken: session.csrfToken };
  }

  route(app, portalApi.info, async (request) => {
    const practice = await portalPractice(request, request.params.slug);
    // A client signed in here holds a grant, which the session hook gives only while the portal is on.
    const { actor } = request;
    const signedInHere = actor.kind === 'client' && actor.grant !== undefined && actor.practiceId === practice.id;
    const enabled = signedInHere || (await loadPortalSettings(visitorContext(request, practice.id))).enabled === 1;
    return { practice: toPortalPractice(practice), enabled };
  });

  route(
    app,
    portalApi.requestLink,
    { config: { rateLimit: perIp }, preHandler: linkRequests.count },
    async (request) => {
      const practice = await getPortalPractice(deps, request.params.slug);
      await requestSignInLink(visitorContext(request, practice.id), practice, request.body.email);
      return { ok: true as const };
    },
  );

  route(app, portalApi.redeemLink, { config: { rateLimit: perIp } }, async (request, reply) => {
    const practice = await getPortalPractice(deps, request.params.slug);
    return startSession(reply, await signInWithLink(visitorContext(request, practice.id), request.body.token));
  });

  route(
    app,
    portalApi.redeemCode,
    { config: { rateLimit: perIp }, preHandler: wrongCodes.count },
    async (request, reply) => {
      const practice = await getPortalPractice(deps, request.params.slug);
      const session = await signInWithCode(visitorContext(request, practice.id), request.body);
      await wrongCodes.forgive(request);
      return startSession(reply, session);
    },
  );

  route(app, portalApi.newLink, { config: { rateLimit: perIp } }, async (request) => {
    const practice = await getPortalPractice(deps, request.params.slug);
    await requestLinkAgain(visitorContext(request, practice.id), practice, request.body.token);
    return { ok: true as const };
  });

  route(app, portalApi.me, async (request) => {
    const { practice, ctx } = await portalClient(request, request.params.slug);
    return getPortalMe(ctx, practice);
  });

  route(app, portalApi.session, async (request) => {
    const practice = await portalPractice(request, request.params.slug);
    // A visitor, staff, or a client of another practice: nobody is signed in at this address.
    const actor = request.actor;
    const signedOut = async () => {
      const settings = await loadPortalSettings(visitorContext(request, practice.id));
      return { signedIn: false as const, portalEnabled: settings.enabled === 1 };
    };
    if (actor.kind !== 'client' || actor.practiceId !== practice.id) return signedOut();
    try {
      return { signedIn: true as const, me: await getPortalMe(clientContext(request, practice.id), practice) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') return signedOut();
      throw error;
    }
  });

  route(app, portalApi.signOut, async (request, reply) => {
    if (request.actor.kind === 'client') {
      // Signed out in the session's own practice, whichever portal address the request came to.
      const ctx = clientContext(request);
      await endSession(deps, ctx.actor.sessionHash);
      await auditIn(ctx, { action: 'portal.signed_out', clientId: ctx.actor.clientId });
    }
    clearSessionCookie(reply, 'client');
    return { ok: true as const };
  });
}
