import type { Scope } from '../../platform/request-context.js';

/** What the log is narrowed to, as the database compares it: instants in UTC, `to` excluded. */
export interface AuditSelection {
  clientId?: string | undefined;
  staffId?: string | undefined;
  kind?: string | undefined;
  fromTime?: string | undefined;
  toTime?: string | undefined;
  /** A row left out: the export's own audit row, written as the export starts. */
  exceptId?: string | undefined;
}

function selected(scope: Scope, selection: AuditSelection) {
  let query = scope.db.selectFrom('audit_log').where('audit_log.practice_id', '=', scope.practiceId);
  if (selection.clientId) query = query.where('audit_log.client_id', '=', selection.clientId);
  if (selection.staffId) {
    query = query.where('audit_log.actor_type', '=', 'staff').where('audit_log.actor_id', '=', selection.staffId);
  }
  if (selection.kind) query = query.where('audit_log.kind', '=', selection.kind);
  if (selection.fromTime) query = query.where('audit_log.created_at', '>=', selection.fromTime);
  if (selection.toTime) query = query.where('audit_log.created_at', '<', selection.toTime);
  if (selection.exceptId) query = query.where('audit_log.id', '<>', selection.exceptId);
  return query;
}

/**
 * The selected rows, newest first, each with the names it needs (the staff member or client who
 * acted, and the client it concerns) joined in: one query for a whole page. The joins name the
 * practice too, so a row can only ever be named from its own practice.
 */
export function auditRowsQuery(
  scope: Scope,
  selection: AuditSelection & { before?: string | undefined; limit: number },
) {
  let query = selected(scope, selection)
    .leftJoin('staff_memberships as actor_membership', (join) =>
      join
        .onRef('actor_membership.staff_id', '=', 'audit_log.actor_id')
        .on('audit_log.actor_type', '=', 'staff')
        .on('actor_membership.practice_id', '=', scope.practiceId),
    )
    .leftJoin('staff_users as actor_staff', 'actor_staff.id', 'actor_membership.staff_id')
    .leftJoin('clients as actor_client', (join) =>
      join
        .onRef('actor_client.id', '=', 'audit_log.actor_id')
        .on('audit_log.actor_type', '=', 'client')
        .on('actor_client.practice_id', '=', scope.practiceId),
    )
    .leftJoin('clients as subject', (join) =>
      join.onRef('subject.id', '=', 'audit_log.client_id').on('subject.practice_id', '=', scope.practiceId),
    )
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.kind',
      'audit_log.actor_type',
      'audit_log.actor_id',
      'actor_staff.name as actor_staff_name',
      'actor_client.first_name as actor_first_name',
      'actor_client.last_name as actor_last_name',
      'audit_log.client_id',
      'subject.first_name as client_first_name',
      'subject.last_name as client_last_name',
      'audit_log.ip',
      'audit_log.user_agent',
      'audit_log.details',
      'audit_log.created_at',
    ]);
  if (selection.before) {
    // Entries can share a time, so the cursor is (time, id), matching the order below.
    const [time = '', id = ''] = selection.before.split('|');
    query = query.where((eb) =>
      eb.or([
        eb('audit_log.created_at', '<', time),
        eb.and([eb('audit_log.created_at', '=', time), eb('audit_log.id', '<', id)]),
      ]),
    );
  }
  return query.orderBy('audit_log.created_at', 'desc').orderBy('audit_log.id', 'desc').limit(selection.limit);
}

export type AuditRow = Awaited<ReturnType<ReturnType<typeof auditRowsQuery>['execute']>>[number];

/** Up to `limit` selected rows, newest first, after the cursor `before` when given. */
export async function listAudit(
  scope: Scope,
  selection: AuditSelection & { before?: string | undefined; limit: number },
): Promise<AuditRow[]> {
  return auditRowsQuery(scope, selection).execute();
}

/** How many rows the selection holds, counting no further than `atMost`. */
export async function countAudit(scope: Scope, selection: AuditSelection, atMost: number): Promise<number> {
  const capped = selected(scope, selection).select('audit_log.id').limit(atMost);
  const row = await scope.db
    .selectFrom(capped.as('capped'))
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The practice's staff, by name, for the filter on who acted. */
export async function listStaffNames(scope: Scope): Promise<{ id: string; name: string }[]> {
  return scope.db
    .selectFrom('staff_users')
    .innerJoin('staff_memberships', 'staff_memberships.staff_id', 'staff_users.id')
    .select(['staff_users.id', 'staff_users.name'])
    .where('staff_memberships.practice_id', '=', scope.practiceId)
    .orderBy('staff_users.name')
    .orderBy('staff_users.id')
    .execute();
}

/** A client of the practice's name parts, for the filter on whom the rows concern (it views no record). */
export async function findClientName(scope: Scope, clientId: string) {
  return scope.db
    .selectFrom('clients')
    .select(['id', 'first_name', 'last_name'])
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', clientId)
    .executeTakeFirst();
}
