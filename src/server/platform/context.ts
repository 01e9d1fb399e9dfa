import type { FastifyRequest } from 'fastify';
import type { PracticesTable, SessionLimit, StaffRole } from '../db/schema.js';
import type { AppDeps } from './deps.js';
import type { RateWindows } from './rate-windows.js';

/** Who is calling. Data access takes a scope derived from this, never a bare practice id from input. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'staff';
      staffId: string;
      practiceId: string;
      /** Their roles in `practiceId` (combinable). */
      roles: readonly StaffRole[];
      csrfToken: string;
      sessionHash: string;
      /**
       * Set while the session may only set up two-factor (the practice requires it and the person
       * has none): the session hook refuses every other API route with `two_factor_required`.
       */
      limitedTo?: SessionLimit;
    }
  | {
      kind: 'client';
      clientId: string;
      practiceId: string;
      csrfToken: string;
      sessionHash: string;
      /**
       * What the portal offers the client, read by the session hook with the check that their
       * access is usable, so a request does not read it again. Absent outside a request (seeding,
       * factories): then whoever needs it reads it.
       */
      grant?: ClientGrant;
      /**
       * The session's practice, read by the session hook in the same query: a portal route at this
       * practice's address uses it instead of reading it again. Absent outside a request.
       */
      practice?: PracticesTable;
    };

/** What a client's portal offers them now: their permissions, with the practice's switches applied. */
export interface ClientGrant {
  appointments: boolean;
  messaging: boolean;
  billing: boolean;
  pay: boolean;
}

export type ClientActor = Extract<Actor, { kind: 'client' }>;

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route whose successful answers may be cached (a logo's immutable address); others are no-store. */
    cacheable?: boolean;
    /** A route a session limited to setting up two-factor may call (the session state, signing out, the set-up itself). */
    limitedSessions?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    deps: AppDeps;
    routeTable: readonly { method: string; url: string }[];
    /** Rate-limit counters shared by every instance on the database. */
    rateWindows: RateWindows;
  }
}

/**
 * The route the request reached (`/api/clients/:id`), or its URL when it reached none. Decide by
 * this, not by the raw URL: the router decodes %-escapes, so `/%61pi/clients` is `/api/clients`.
 */
export function requestPath(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent.slice(0, 400) : null };
}

/** Whether a staff actor holds a role in the practice they are signed in to. */
export function hasRole(actor: StaffActor, role: StaffRole): boolean {
  return actor.roles.includes(role);
}
