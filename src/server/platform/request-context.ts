import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { AppDeps } from './deps.js';
import type { Clock } from './clock.js';
import { hasRole, requestMeta, type ClientActor, type RequestMeta, type StaffActor } from './context.js';
import { AppError, notFound } from './errors.js';
import { clientReach, type ClientCapability, type ClientReach } from './permissions.js';
import { mayDo, type StaffAction } from '../../shared/permissions.js';

/**
 * The data handle of one practice: every query on practice data takes one and filters on its
 * practice. It is made only here, from a signed-in session (or, for work that is no request's,
 * by `systemContext`), never from an id that came with the input.
 */
export interface Scope {
  readonly practiceId: string;
  /** The database, or the transaction the work is part of. */
  readonly db: Db;
  /**
   * Which of the practice's clients the caller reaches (a clinician: only those assigned to them).
   * Set by `staffContextFor`; absent, every client: Portico's own work and routes that are not
   * about clients' records.
   */
  readonly clientReach?: ClientReach;
}

/** Work done by Portico itself (workers, scripts, factories), in one practice. */
export interface SystemActor {
  readonly kind: 'system';
}

/** Someone not signed in, on a practice's public portal pages (asking for a link, redeeming one). */
export interface VisitorActor {
  readonly kind: 'anonymous';
}

export type Acting = StaffActor | ClientActor | SystemActor | VisitorActor;

/**
 * Everything a service needs for one request: the practice as a scope, who acts, the request's
 * metadata for the audit log and the app's dependencies. A transaction hands on the same shape.
 */
export interface Context<A extends Acting = Acting> extends Scope {
  readonly actor: A;
  readonly meta: RequestMeta | null;
  readonly deps: AppDeps;
  readonly clock: Clock;
  /** Runs `work` in a transaction with a context bound to it; inside one already, in that one. */
  inTransaction<T>(work: (ctx: Context<A>) => Promise<T>): Promise<T>;
  /**
   * Runs `task` once the transaction this context belongs to has committed (outside one, at once),
   * never after a rollback: for announcing a change, such as a live event. A task that fails is
   * ignored, so it must not be work the change depends on.
   */
  afterCommit(task: () => Promise<void>): void;
}

type CommitTask = () => Promise<void>;

async function runQuietly(task: CommitTask): Promise<void> {
  try {
    await task();
  } catch (error) {
    // An announcement that failed leaves the committed change as it is, but is not hidden.
    console.error('after commit: a task failed', error);
  }
}

export type StaffContext = Context<StaffActor>;
export type ClientContext = Context<ClientActor>;

function contextOf<A extends Acting>(
  deps: AppDeps,
  db: Db,
  practiceId: string,
  actor: A,
  meta: RequestMeta | null,
  /** Inside a transaction: what runs once it has committed. */
  commitTasks: CommitTask[] | null = null,
  reach?: ClientReach,
): Context<A> {
  const ctx: Context<A> = {
    practiceId,
    db,
    ...(reach ? { clientReach: reach } : {}),
    actor,
    meta,
    deps,
    clock: deps.clock,
    inTransaction: async (work) => {
      if (db.isTransaction) return work(ctx);
      const tasks: CommitTask[] = [];
      const result = await db
        .transaction()
        .execute((trx) => work(contextOf(deps, trx, practiceId, actor, meta, tasks, reach)));
      for (const task of tasks) await runQuietly(task);
      return result;
    },
    afterCommit: (task) => {
      if (commitTasks) commitTasks.push(task);
      else void runQuietly(task);
    },
  };
  return ctx;
}

/** The signed-in staff member's context; anyone else is unauthenticated. */
export function staffContext(request: FastifyRequest): StaffContext {
  const actor = request.actor;
  if (actor.kind !== 'staff') throw new AppError('unauthenticated');
  return contextOf(request.server.deps, request.server.deps.db, actor.practiceId, actor, requestMeta(request));
}

/** The signed-in staff member's context when they are an owner of the practice. */
export function ownerContext(request: FastifyRequest): StaffContext {
  const ctx = staffContext(request);
  if (!hasRole(ctx.actor, 'owner')) throw new AppError('forbidden');
  return ctx;
}

/**
 * The signed-in staff member's context for one capability on clients' records (profile, portal,
 * messages): its queries reach only the clients the member's roles grant (a clinician's assigned
 * clients), so any other client is not found. A member none of whose roles grants the capability
 * is answered as for a client that does not exist (404) on a route about one client's records, and
 * 403 on a route about the whole area (`area: true`: the list, the inbox, creating).
 */
export function staffContextFor(
  request: FastifyRequest,
  capability: ClientCapability,
  { area = false }: { area?: boolean } = {},
): StaffContext {
  const ctx = staffContext(request);
  const reach = clientReach(ctx.actor, capability);
  if (!reach) throw area ? new AppError('forbidden') : notFound();
  return contextOf(ctx.deps, ctx.db, ctx.practiceId, ctx.actor, ctx.meta, null, reach);
}

/** The signed-in staff member's context when one of their roles may do a practice-wide action. */
export function staffContextAllowed(request: FastifyRequest, action: StaffAction): StaffContext {
  const ctx = staffContext(request);
  if (!mayDo(ctx.actor.roles, action)) throw new AppError('forbidden');
  return ctx;
}

/** The signed-in client's context, only within their own practice's portal. */
export function clientContext(request: FastifyRequest, practiceId?: string): ClientContext {
  const actor = request.actor;
  if (actor.kind !== 'client' || (practiceId !== undefined && actor.practiceId !== practiceId)) {
    throw new AppError('unauthenticated');
  }
  return contextOf(request.server.deps, request.server.deps.db, actor.practiceId, actor, requestMeta(request));
}

/**
 * A context for Portico's own work in one practice: the mail and notification workers, scripts,
 * seeding and test factories. Its practice comes from stored rows, never from a request's input.
 */
export function systemContext(
  deps: AppDeps,
  practiceId: string,
  meta: RequestMeta | null = null,
): Context<SystemActor> {
  return contextOf(deps, deps.db, practiceId, { kind: 'system' }, meta);
}

/** A staff context made outside a request, for the sign-in and set-up flows that open a session. */
export function signedInStaffContext(deps: AppDeps, actor: StaffActor, meta: RequestMeta | null): StaffContext {
  return contextOf(deps, deps.db, actor.practiceId, actor, meta);
}

/**
 * A context acting as someone outside any request: the bench and the test factories, which call
 * the services as a staff member, a visitor or a signed-in client would.
 */
export function actingContext<A extends Acting>(
  deps: AppDeps,
  practiceId: string,
  actor: A,
  meta: RequestMeta | null = null,
): Context<A> {
  return contextOf(deps, deps.db, practiceId, actor, meta);
}

/**
 * A visitor's context on the public portal pages of the practice found by its address
 * (`/portal/:slug`), before anyone signs in: the sign-in flows that look up access by email and
 * redeem links and codes, always within that one practice.
 */
export function visitorContext(request: FastifyRequest, practiceId: string): Context<VisitorActor> {
  return contextOf(
    request.server.deps,
    request.server.deps.db,
    practiceId,
    { kind: 'anonymous' },
    requestMeta(request),
  );
}

/**
 * A Scope for Portico's own bulk work on a practice it is creating or measuring: seeding, the demo
 * and the benchmark. Never for a request: those get their scope from the session.
 */
export function systemScope(db: Db, practiceId: string): Scope {
  return { practiceId, db };
}
