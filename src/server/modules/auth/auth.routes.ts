import type { FastifyInstance, FastifyReply } from 'fastify';
import { authApi } from '../../../shared/contract/auth.js';
import { auditIn } from '../../platform/audit.js';
import { requestMeta } from '../../platform/context.js';
import { KeyLimiter } from '../../platform/key-limiter.js';
import { staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { clearSessionCookie, endSession, setSessionCookie, type NewSession } from '../../platform/sessions.js';
import { createPracticeWithOwner } from '../staff/index.js';
import { perIp, resetRequestKeys, signInKeys } from './auth.limits.js';
import { getSessionState, requestPasswordReset, resetPassword, signIn } from './auth.service.js';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  // Per route and address on every request (perIp), and per address and account once the body is
  // read: wrong passwords only (a sign-in that works is taken back), and reset requests apart.
  const wrongPasswords = new KeyLimiter(app.rateWindows, signInKeys);
  const resetRequests = new KeyLimiter(app.rateWindows, resetRequestKeys);

  async function signedInState(reply: FastifyReply, session: NewSession, who: { staffId: string; practiceId: string }) {
    setSessionCookie(app.deps, reply, 'staff', session.token);
    return getSessionState(app.deps, { ...who, csrfToken: session.csrfToken });
  }

  route(app, authApi.session, async (request) =>
    getSessionState(app.deps, request.actor.kind === 'staff' ? request.actor : null),
  );

  for (const [spec, mode] of [
    [authApi.setup, 'setup'],
    [authApi.signUp, 'signup'],
  ] as const) {
    route(app, spec, { config: { rateLimit: perIp } }, async (request, reply) => {
      const created = await createPracticeWithOwner(app.deps, request.body, requestMeta(request), mode);
      return signedInState(reply, created.session, created);
    });
  }

  route(
    app,
    authApi.signIn,
    { config: { rateLimit: perIp }, preHandler: wrongPasswords.count },
    async (request, reply) => {
      const signedIn = await signIn(app.deps, request.body, requestMeta(request));
      await wrongPasswords.forgive(request);
      return signedInState(reply, signedIn.session, signedIn);
    },
  );

  route(app, authApi.signOut, async (request, reply) => {
    if (request.actor.kind === 'staff') {
      const ctx = staffContext(request);
      await endSession(app.deps, ctx.actor.sessionHash);
      await auditIn(ctx, { action: 'staff.signed_out' });
    }
    clearSessionCookie(reply, 'staff');
    return { ok: true as const };
  });

  route(
    app,
    authApi.forgotPassword,
    { config: { rateLimit: perIp }, preHandler: resetRequests.count },
    async (request) => {
      await requestPasswordReset(app.deps, request.body.email, requestMeta(request));
      return { ok: true as const };
    },
  );

  route(app, authApi.resetPassword, { config: { rateLimit: perIp } }, async (request) => {
    await resetPassword(app.deps, request.body, requestMeta(request));
    return { ok: true as const };
  });
}
