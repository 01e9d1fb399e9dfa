import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionLimit } from '../../db/schema.js';
import { authApi } from '../../../shared/contract/auth.js';
import { auditIn } from '../../platform/audit.js';
import { requestMeta } from '../../platform/context.js';
import { KeyLimiter } from '../../platform/key-limiter.js';
import { staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { clearSessionCookie, endSession, setSessionCookie, type NewSession } from '../../platform/sessions.js';
import { createPracticeWithOwner } from '../staff/index.js';
import { codeKeys, perIp, resetRequestKeys, signInKeys } from './auth.limits.js';
import { pendingSignInAccount, signInWithCode } from './staff-sessions.js';
import { getSessionState, requestPasswordReset, resetPassword, signIn } from './auth.service.js';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  // Per route and address on every request (perIp), and per address and account once the body is
  // read: wrong passwords only (a sign-in that works is taken back), and reset requests apart.
  const wrongPasswords = new KeyLimiter(app.rateWindows, signInKeys);
  const resetRequests = new KeyLimiter(app.rateWindows, resetRequestKeys);

  // Wrong two-factor codes at sign-in, per address and per account: the pending sign-in names the
  // account (read before counting; an unknown token counts for the address alone).
  const codeAccounts = new WeakMap<FastifyRequest, string>();
  const wrongCodes = new KeyLimiter(
    app.rateWindows,
    codeKeys((request) => codeAccounts.get(request) ?? ''),
  );
  const findCodeAccount = async (request: FastifyRequest) => {
    const token = (request.body as { token?: unknown } | undefined)?.token;
    const account = typeof token === 'string' ? await pendingSignInAccount(app.deps, token) : null;
    if (account) codeAccounts.set(request, account);
  };

  async function signedInState(
    reply: FastifyReply,
    session: NewSession,
    who: { staffId: string; practiceId: string; limitedTo?: SessionLimit | null },
  ) {
    setSessionCookie(app.deps, reply, 'staff', session.token);
    return getSessionState(app.deps, { ...who, csrfToken: session.csrfToken });
  }

  // A session limited to setting up two-factor may still read its state and sign out.
  const duringSetUp = { limitedSessions: true };

  route(app, authApi.session, { config: duringSetUp }, async (request) =>
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
      if (signedIn.step === 'code') {
        return { codeRequired: true as const, token: signedIn.token, expiresAt: signedIn.expiresAt };
      }
      return signedInState(reply, signedIn.session, signedIn);
    },
  );

  route(
    app,
    authApi.signInCode,
    { config: { rateLimit: perIp }, preHandler: [findCodeAccount, wrongCodes.count] },
    async (request, reply) => {
      const signedIn = await signInWithCode(app.deps, request.body, requestMeta(request));
      await wrongCodes.forgive(request);
      return signedInState(reply, signedIn.session, signedIn);
    },
  );

  route(app, authApi.signOut, { config: duringSetUp }, async (request, reply) => {
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
