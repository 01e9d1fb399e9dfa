import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './app-config.js';
import type { Db } from '../db/database.js';
import type { AppDeps } from './deps.js';
import type { SessionLimit, SessionsTable } from '../db/schema.js';
import { addMinutes, iso } from './clock.js';
import type { RequestMeta } from './context.js';
import { hashToken, newToken } from './tokens.js';

export type SessionKind = SessionsTable['kind'];

export const sessionCookie: Record<SessionKind, string> = {
  staff: 'portico_staff',
  client: 'portico_client',
};

/** Served over https (PUBLIC_URL), session cookies are Secure and carry the `__Host-` prefix. */
const servedOverHttps = (config: Pick<Config, 'publicUrl'>): boolean => config.publicUrl.startsWith('https://');

/**
 * The session cookie's name. Over https it is `__Host-portico_staff` (and `__Host-portico_client`):
 * browsers keep such a cookie only when it is Secure, Path=/ and without a Domain, so no other
 * host (a sibling subdomain, a plain-http page on the same name) can set or overwrite it. Over plain
 * http, where a browser would refuse the prefix, the name is bare.
 */
export function sessionCookieName(config: Pick<Config, 'publicUrl'>, kind: SessionKind): string {
  return servedOverHttps(config) ? `__Host-${sessionCookie[kind]}` : sessionCookie[kind];
}

/** last_seen_at is written at most this often, so reads do not all turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  token: string;
  csrfToken: string;
}

export async function createSession(
  deps: AppDeps,
  input: {
    kind: SessionKind;
    subjectId: string;
    practiceId: string;
    meta: RequestMeta | null;
    /** A session that may only do this (set up two-factor) until the limit is lifted. */
    limitedTo?: SessionLimit | null;
  },
  db: Db = deps.db,
): Promise<NewSession> {
  const now = deps.clock.now();
  const token = newToken();
  const csrfToken = newToken();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      kind: input.kind,
      subject_id: input.subjectId,
      practice_id: input.practiceId,
      csrf_token: csrfToken,
      created_at: iso(now),
      last_seen_at: iso(now),
      expires_at: iso(addMinutes(now, deps.config.sessionMaxHours * 60)),
      ip: input.meta?.ip ?? null,
      user_agent: input.meta?.userAgent ?? null,
      limited_to: input.limitedTo ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/**
 * A session row read by its token hash (alone, or joined with its subject in the same query) is
 * live only within its limits: past either it is ended here and null is answered. Otherwise the
 * request counts as activity, written at most once a minute.
 */
export async function keepSessionAlive(deps: AppDeps, row: SessionsTable): Promise<SessionsTable | null> {
  const now = deps.clock.now();
  const idleLimit = addMinutes(new Date(row.last_seen_at), deps.config.sessionIdleMinutes);
  if (now >= new Date(row.expires_at) || now >= idleLimit) {
    await deps.db.deleteFrom('sessions').where('token_hash', '=', row.token_hash).execute();
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: iso(now) })
      .where('token_hash', '=', row.token_hash)
      .execute();
  }
  return row;
}

export async function endSession(deps: AppDeps, sessionHash: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('token_hash', '=', sessionHash).execute();
}

export async function endSessionsOf(deps: Pick<AppDeps, 'db'>, kind: SessionKind, subjectId: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('kind', '=', kind).where('subject_id', '=', subjectId).execute();
}

/** Lifts a limit from every session of the account (it has done what the limit asked: set up two-factor). */
export async function liftSessionLimit(
  deps: Pick<AppDeps, 'db'>,
  kind: SessionKind,
  subjectId: string,
  limit: SessionLimit,
): Promise<void> {
  await deps.db
    .updateTable('sessions')
    .set({ limited_to: null })
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where('limited_to', '=', limit)
    .execute();
}

export function setSessionCookie(deps: AppDeps, reply: FastifyReply, kind: SessionKind, token: string): void {
  // Never a Domain: the cookie belongs to this host alone (and `__Host-` requires it).
  void reply.setCookie(sessionCookieName(deps.config, kind), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: servedOverHttps(deps.config),
    path: '/',
    signed: true,
    maxAge: deps.config.sessionMaxHours * 3600,
  });
}

/** Clears the cookie with the attributes it was set with: a browser ignores a `__Host-` one without Secure. */
export function clearSessionCookie(reply: FastifyReply, kind: SessionKind): void {
  const { config } = reply.server.deps;
  void reply.clearCookie(sessionCookieName(config, kind), {
    httpOnly: true,
    sameSite: 'lax',
    secure: servedOverHttps(config),
    path: '/',
  });
}

export function readSessionCookie(request: FastifyRequest, kind: SessionKind): string | null {
  const raw = request.cookies[sessionCookieName(request.server.deps.config, kind)];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/**
 * Whether a session is still live, without counting this check as activity: an open event stream
 * must not keep an idle session alive.
 */
export async function sessionIsLive(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  sessionHash: string,
): Promise<boolean> {
  const row = await deps.db
    .selectFrom('sessions')
    .select(['last_seen_at', 'expires_at'])
    .where('token_hash', '=', sessionHash)
    .executeTakeFirst();
  if (!row) return false;
  const now = deps.clock.now();
  return now < new Date(row.expires_at) && now < addMinutes(new Date(row.last_seen_at), deps.config.sessionIdleMinutes);
}

/** A session's public name: derived from its stored hash, so it reveals neither cookie nor hash. */
export function sessionPublicId(sessionHash: string): string {
  return hashToken(`session-id:${sessionHash}`).slice(0, 32);
}

/** The live sessions of one account in its practice, most recently seen first. */
export async function listSessionsOf(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  kind: SessionKind,
  practiceId: string,
  subjectId: string,
): Promise<SessionsTable[]> {
  const now = deps.clock.now();
  const rows = await deps.db
    .selectFrom('sessions')
    .selectAll()
    .where('kind', '=', kind)
    .where('practice_id', '=', practiceId)
    .where('subject_id', '=', subjectId)
    .where('expires_at', '>', iso(now))
    .where('last_seen_at', '>', iso(addMinutes(now, -deps.config.sessionIdleMinutes)))
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows;
}

/** Ends every session of the account except `keepHash` (this browser's); answers how many ended. */
export async function endOtherSessionsOf(
  deps: Pick<AppDeps, 'db'>,
  kind: SessionKind,
  subjectId: string,
  keepHash: string,
): Promise<number> {
  const result = await deps.db
    .deleteFrom('sessions')
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where('token_hash', '!=', keepHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
