import { auditKindOf } from '../../shared/audit-actions.js';
import type { Db } from '../db/database.js';
import type { ActorType } from '../db/schema.js';
import { writeAuditRow } from './audit-batch.js';
import { iso, type Clock } from './clock.js';
import type { Actor, RequestMeta } from './context.js';
import type { Context } from './request-context.js';
import { newId } from './tokens.js';

export interface AuditEvent {
  action: string;
  practiceId: string | null;
  clientId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

function actorColumns(actor: Actor | { kind: 'system' }): { actor_type: ActorType; actor_id: string | null } {
  if (actor.kind === 'staff') return { actor_type: 'staff', actor_id: actor.staffId };
  if (actor.kind === 'client') return { actor_type: 'client', actor_id: actor.clientId };
  return { actor_type: actor.kind, actor_id: null };
}

/**
 * Appends an audit row. Pass the transaction when the audited change is part of one, so the row
 * exists exactly when the change does. Details never carry tokens, passwords or message text.
 */
/** Who an audit row names: an actor, or a staff member or client known by id (signing in). */
export type AuditActor =
  Actor | { kind: 'system' } | { kind: 'staff-id'; staffId: string } | { kind: 'client-id'; clientId: string };

export async function audit(
  db: Db,
  clock: Clock,
  actor: AuditActor,
  meta: RequestMeta | null,
  event: AuditEvent,
): Promise<string> {
  const who =
    actor.kind === 'staff-id'
      ? { actor_type: 'staff' as const, actor_id: actor.staffId }
      : actor.kind === 'client-id'
        ? { actor_type: 'client' as const, actor_id: actor.clientId }
        : actorColumns(actor);
  const id = newId();
  const row = {
    id,
    practice_id: event.practiceId,
    ...who,
    client_id: event.clientId ?? null,
    action: event.action,
    kind: auditKindOf(event.action),
    ip: meta?.ip ?? null,
    user_agent: meta?.userAgent ?? null,
    details: event.details ? JSON.stringify(event.details) : null,
    created_at: iso(clock.now()),
  };
  // In a transaction the row is part of it; outside one (a read's row) it joins the rows other
  // requests write in the same turn, one insert for them all, and is committed before this returns.
  if (db.isTransaction) await db.insertInto('audit_log').values(row).execute();
  else await writeAuditRow(db, row);
  return id;
}

/**
 * Appends an audit row for the context's practice, actor and request. Inside `ctx.inTransaction`
 * pass the transaction's context, so the row exists exactly when the change does. Returns the row's id.
 */
export async function auditIn(
  ctx: Pick<Context, 'db' | 'clock' | 'meta' | 'practiceId'> & { actor: AuditActor },
  event: Omit<AuditEvent, 'practiceId'>,
): Promise<string> {
  return audit(ctx.db, ctx.clock, ctx.actor, ctx.meta, { ...event, practiceId: ctx.practiceId });
}
