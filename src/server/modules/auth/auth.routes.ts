import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createPracticeBody,
  forgotPasswordBody,
  resetPasswordBody,
  sessionState,
  signInBody,
} from '../../../shared/schemas/auth.js';
import { emptyBody, okSchema } from '../../../shared/schemas/common.js';
import { audit } from '../../platform/audit.js';
import { KeyLimiter } from '../../platform/key-limiter.js';
import { requestMeta } from '../../platform/context.js';
import {
  clearSessionCookie,
  endSession,
  setSessionCookie,
  type NewSession,
} from '../../platform/sessions.js';
import {
  createPracticeWithOwner,
  getSessionState,
  requestPasswordReset,
  resetPassword,
  signIn,
} from './auth.service.js';
import { perIp, resetRequestKeys, signInKeys } from './auth.limits.js';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Per route and address on every request (perIp), and per address and account once the body is
  // read: wrong passwords only (a sign-in that works is taken back), and reset requests apart.
  const wrongPasswords = new KeyLimiter(app.rateWindows, signInKeys);
  const resetRequests = new KeyLimiter(app.rateWindows, resetRequestKeys);

  async function signedInState(reply: FastifyReply, session: NewSession, who: { staffId: string; practiceId: string }) {
    setSessionCookie(app.deps, reply, 'staff', session.token);
    return getSessionState(app.deps, { ...who, csrfToken: session.csrfToken });
  }

  r.get('/session', { schema: { response: { 200: sessionState } } }, async (request) =>
    getSessionState(app.deps, request.actor.kind === 'staff' ? request.actor : null),
  );

  for (const mode of ['setup', 'signup'] as const) {
    r.post(
      `/${mode}`,
      { schema: { body: createPracticeBody, response: { 201: sessionState } }, config: { rateLimit: perIp } },
      async (request, reply) => {
        const created = await createPracticeWithOwner(app.deps, request.body, requestMeta(request), mode);
        const state = await signedInState(reply, created.session, created);
        return reply.status(201).send(state);
      },
    );
  }

  r.post(
    '/auth/sign-in',
    {
      schema: { body: signInBody, response: { 200: sessionState } },
      config: { rateLimit: perIp },
      preHandler: wrongPasswords.count,
    },
    async (request, reply) => {
      const signedIn = await signIn(app.deps, request.body, requestMeta(request));
      await wrongPasswords.forgive(request);
      return signedInState(reply, signedIn.session, signedIn);
    },
  );

  r.post('/auth/sign-out', { schema: { body: emptyBody, response: { 200: okSchema } } }, async (request, reply) => {
    if (request.actor.kind === 'staff') {
      await endSession(app.deps, request.actor.sessionHash);
      await audit(app.deps.db, app.deps.clock, request.actor, requestMeta(request), {
        action: 'staff.signed_out',
        practiceId: request.actor.practiceId,
      });
    }
    clearSessionCookie(reply, 'staff');
    return { ok: true as const };
  });

  r.post(
    '/auth/forgot-password',
    {
      schema: { body: forgotPasswordBody, response: { 200: okSchema } },
      config: { rateLimit: perIp },
      preHandler: resetRequests.count,
    },
    async (request) => {
      await requestPasswordReset(app.deps, request.body.email, requestMeta(request));
      return { ok: true as const };
    },
  );

  r.post(
    '/auth/reset-password',
    { schema: { body: resetPasswordBody, response: { 200: okSchema } }, config: { rateLimit: perIp } },
    async (request) => {
      await resetPassword(app.deps, request.body, requestMeta(request));
      return { ok: true as const };
    },
  );
}
