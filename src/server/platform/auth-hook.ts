import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';
import { readSessionCookie, resumeSession } from './sessions.js';
import { safeEqual } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the session cookie on every request, and requires the session's CSRF
 * token in `x-csrf-token` on every mutating request made with a session. Requests without a session
 * can only send JSON, which a cross-site form cannot, and cookies are SameSite=Lax.
 */
export function installAuthHook(app: FastifyInstance): void {
  // Set on every request below; null only until the first hook runs (decorators must not be objects).
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = { kind: 'anonymous' };
    const token = readSessionCookie(request, 'staff');
    if (!token) return;
    const session = await resumeSession(app.deps, 'staff', token);
    if (!session) return;
    const staff = await app.deps.db
      .selectFrom('staff_users')
      .select(['id', 'practice_id', 'role'])
      .where('id', '=', session.subject_id)
      .executeTakeFirst();
    if (!staff) return;
    request.actor = {
      kind: 'staff',
      staffId: staff.id,
      practiceId: staff.practice_id,
      role: staff.role,
      csrfToken: session.csrf_token,
      sessionHash: session.token_hash,
    };
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, session.csrf_token)) {
        throw new AppError('csrf_failed');
      }
    }
  });
}
