import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requestPath, type Actor } from './context.js';
import { AppError } from './errors.js';
import { endSession, readSessionCookie, resumeSession } from './sessions.js';
import { safeEqual } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function staffActor(deps: AppDeps, token: string): Promise<Actor | null> {
  const session = await resumeSession(deps, 'staff', token);
  if (!session) return null;
  const staff = await deps.db
    .selectFrom('staff_users')
    .select(['id', 'practice_id', 'role'])
    .where('id', '=', session.subject_id)
    .executeTakeFirst();
  if (!staff) return null;
  return {
    kind: 'staff',
    staffId: staff.id,
    practiceId: staff.practice_id,
    role: staff.role,
    csrfToken: session.csrf_token,
    sessionHash: session.token_hash,
  };
}

/**
 * A client session lasts only while the client's access is active, the client is not archived and
 * the practice's portal is on; otherwise it ends here, whatever its age.
 */
async function clientActor(deps: AppDeps, token: string): Promise<Actor | null> {
  const session = await resumeSession(deps, 'client', token);
  if (!session) return null;
  const access = await deps.db
    .selectFrom('portal_access')
    .innerJoin('clients', 'clients.id', 'portal_access.client_id')
    .leftJoin('portal_settings', 'portal_settings.practice_id', 'portal_access.practice_id')
    .select(['portal_access.state', 'portal_settings.enabled', 'clients.archived_at'])
    .where('portal_access.client_id', '=', session.subject_id)
    .where('portal_access.practice_id', '=', session.practice_id)
    .executeTakeFirst();
  if (!access || access.state !== 'active' || access.enabled === 0 || access.archived_at !== null) {
    await endSession(deps, session.token_hash);
    return null;
  }
  return {
    kind: 'client',
    clientId: session.subject_id,
    practiceId: session.practice_id,
    csrfToken: session.csrf_token,
    sessionHash: session.token_hash,
  };
}

function isPortalRequest(request: FastifyRequest): boolean {
  return requestPath(request).startsWith('/api/portal/');
}

/**
 * Resolves the caller from the session cookie on every request: the portal API knows only client
 * sessions, the rest of the API only staff sessions. Every mutating request made with a session
 * must carry the session's CSRF token in `x-csrf-token`. Requests without a session can only send
 * JSON, which a cross-site form cannot, and cookies are SameSite=Lax.
 */
export function installAuthHook(app: FastifyInstance): void {
  // Set on every request below; null only until the first hook runs (decorators must not be objects).
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = { kind: 'anonymous' };
    const kind = isPortalRequest(request) ? 'client' : 'staff';
    const token = readSessionCookie(request, kind);
    if (!token) return;
    const actor = kind === 'client' ? await clientActor(app.deps, token) : await staffActor(app.deps, token);
    if (!actor || actor.kind === 'anonymous') return;
    request.actor = actor;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, actor.csrfToken)) {
        throw new AppError('csrf_failed');
      }
    }
  });
}
