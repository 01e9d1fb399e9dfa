import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { PracticesTable, SessionsTable, StaffRole } from '../db/schema.js';
import type { AppDeps } from './deps.js';
import { requestPath, type Actor, type ClientGrant } from './context.js';
import { AppError } from './errors.js';
import { endSession, keepSessionAlive, readSessionCookie } from './sessions.js';
import { hashToken, safeEqual } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the modules answer about a session's subject: the hook itself knows no module's tables. */
export interface SessionSubjects {
  /**
   * A staff session found by its token hash together with its account, in one query (the account
   * no longer existing means no session). Whether it is still live is checked here.
   */
  staffSession(db: Db, tokenHash: string): Promise<{ session: SessionsTable; roles: StaffRole[] } | undefined>;
  /**
   * A client session found by its token hash with its practice and what the portal offers the
   * client now (null when they may not use it: see portal-access's usableGrant), in one query.
   */
  clientSession(
    db: Db,
    tokenHash: string,
  ): Promise<{ session: SessionsTable; practice: PracticesTable; grant: ClientGrant | null } | undefined>;
}

async function staffActor(deps: AppDeps, subjects: SessionSubjects, token: string): Promise<Actor | null> {
  const found = await subjects.staffSession(deps.db, hashToken(token));
  const session = found && (await keepSessionAlive(deps, found.session));
  if (!found || !session) return null;
  return {
    kind: 'staff',
    staffId: session.subject_id,
    practiceId: session.practice_id,
    roles: found.roles,
    csrfToken: session.csrf_token,
    sessionHash: session.token_hash,
    ...(session.limited_to ? { limitedTo: session.limited_to } : {}),
  };
}

/**
 * A session limited to setting up two-factor reaches only the API routes that say they serve it
 * (`config.limitedSessions`); every other API route answers `two_factor_required`, which the web
 * app turns into the set-up page. Pages and their files are not the API and load as usual.
 */
function refuseBeyondLimit(request: FastifyRequest, actor: Actor): void {
  if (actor.kind !== 'staff' || !actor.limitedTo) return;
  if (!requestPath(request).startsWith('/api/')) return;
  if (request.routeOptions.config?.limitedSessions === true) return;
  throw new AppError('two_factor_required');
}

/**
 * A client session lasts only while the client's access is active, the client is not archived and
 * the practice's portal is on; otherwise it ends here, whatever its age.
 */
async function clientActor(deps: AppDeps, subjects: SessionSubjects, token: string): Promise<Actor | null> {
  const found = await subjects.clientSession(deps.db, hashToken(token));
  const session = found && (await keepSessionAlive(deps, found.session));
  if (!found || !session) return null;
  const { grant, practice } = found;
  if (!grant) {
    await endSession(deps, session.token_hash);
    return null;
  }
  return {
    kind: 'client',
    clientId: session.subject_id,
    practiceId: session.practice_id,
    csrfToken: session.csrf_token,
    sessionHash: session.token_hash,
    grant,
    practice,
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
export function installAuthHook(app: FastifyInstance, subjects: SessionSubjects): void {
  // Set on every request below; null only until the first hook runs (decorators must not be objects).
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = { kind: 'anonymous' };
    const kind = isPortalRequest(request) ? 'client' : 'staff';
    const token = readSessionCookie(request, kind);
    if (!token) return;
    const actor =
      kind === 'client' ? await clientActor(app.deps, subjects, token) : await staffActor(app.deps, subjects, token);
    if (!actor || actor.kind === 'anonymous') return;
    request.actor = actor;
    refuseBeyondLimit(request, actor);
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, actor.csrfToken)) {
        throw new AppError('csrf_failed');
      }
    }
  });
}
