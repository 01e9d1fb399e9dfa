import { sql } from 'kysely';
import type { ClientListQuery } from '../../../shared/schemas/clients.js';
import type { Scope } from '../../platform/request-context.js';

/**
 * The number of active and archived clients per practice (migration 005), so the client list's
 * total is one row instead of a count over every client. Changed only inside the transaction that
 * changes a client's existence or status (or a bulk loader's, with its own numbers).
 */
export async function changeClientCounts(scope: Scope, change: { active: number; archived: number }): Promise<void> {
  await scope.db
    .insertInto('practice_client_counts')
    .values({ practice_id: scope.practiceId, active: change.active, archived: change.archived })
    .onConflict((oc) =>
      oc.column('practice_id').doUpdateSet({
        active: sql<number>`practice_client_counts.active + ${change.active}`,
        archived: sql<number>`practice_client_counts.archived + ${change.archived}`,
      }),
    )
    .execute();
}

export async function countClients(scope: Scope, status: ClientListQuery['status']): Promise<number> {
  const row = await scope.db
    .selectFrom('practice_client_counts')
    .select(['active', 'archived'])
    .where('practice_id', '=', scope.practiceId)
    .executeTakeFirst();
  if (!row) return 0;
  if (status === 'active') return row.active;
  if (status === 'archived') return row.archived;
  return row.active + row.archived;
}
