import type { Scope } from '../../platform/request-context.js';

/** The practice's audit rows, newest first, one more than the limit (so the caller knows there is a next page). */
export async function listAudit(
  scope: Scope,
  filter: { clientId?: string | undefined; before?: string | undefined; limit: number },
) {
  let query = scope.db
    .selectFrom('audit_log')
    .leftJoin('staff_users', (join) =>
      join.onRef('staff_users.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'),
    )
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.actor_type',
      'audit_log.actor_id',
      'staff_users.name as actor_name',
      'audit_log.client_id',
      'audit_log.ip',
      'audit_log.user_agent',
      'audit_log.details',
      'audit_log.created_at',
    ])
    .where('audit_log.practice_id', '=', scope.practiceId);
  if (filter.clientId) query = query.where('audit_log.client_id', '=', filter.clientId);
  if (filter.before) {
    // Entries can share a time, so the cursor is (time, id), matching the order below.
    const [time = '', id = ''] = filter.before.split('|');
    query = query.where((eb) =>
      eb.or([
        eb('audit_log.created_at', '<', time),
        eb.and([eb('audit_log.created_at', '=', time), eb('audit_log.id', '<', id)]),
      ]),
    );
  }
  return query
    .orderBy('audit_log.created_at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
