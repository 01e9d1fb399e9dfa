import { sql } from 'kysely';
import type { ClientListQuery } from '../../../shared/schemas/clients.js';
import type { PortalState } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/**
 * The number of active and archived clients per practice (migration 005), and per practice and
 * Client Portal state (migration 019), so the client list's total is a row read instead of a count
 * over every client. Changed only inside the transaction that changes a client's existence, status
 * or portal state (or a bulk loader's, with its own numbers).
 */
export async function changeClientCounts(scope: Scope, change: { active: number; archived: number }): Promise<void> {
  await scope.db
    .insertInto('practice_client_counts')
    .values({ practice_id: scope.practiceId, active: change.active, archived: change.archived, search_rows: 0 })
    .onConflict((oc) =>
      oc.column('practice_id').doUpdateSet({
        active: sql<number>`practice_client_counts.active + ${change.active}`,
        archived: sql<number>`practice_client_counts.archived + ${change.archived}`,
      }),
    )
    .execute();
}

/** Adds to the practice's number of active and archived clients in one Client Portal state. */
export async function changePortalStateCounts(
  scope: Scope,
  state: PortalState,
  change: { active: number; archived: number },
): Promise<void> {
  if (change.active === 0 && change.archived === 0) return;
  await scope.db
    .insertInto('practice_portal_state_counts')
    .values({ practice_id: scope.practiceId, portal_state: state, active: change.active, archived: change.archived })
    .onConflict((oc) =>
      oc.columns(['practice_id', 'portal_state']).doUpdateSet({
        active: sql<number>`practice_portal_state_counts.active + ${change.active}`,
        archived: sql<number>`practice_portal_state_counts.archived + ${change.archived}`,
      }),
    )
    .execute();
}

export async function countClients(scope: Scope, filter: Pick<ClientListQuery, 'status' | 'portal'>): Promise<number> {
  if (scope.clientReach?.kind === 'assigned') return countAssignedClients(scope, scope.clientReach.staffId, filter);
  const row = filter.portal
    ? await scope.db
        .selectFrom('practice_portal_state_counts')
        .select(['active', 'archived'])
        .where('practice_id', '=', scope.practiceId)
        .where('portal_state', '=', filter.portal)
        .executeTakeFirst()
    : await scope.db
        .selectFrom('practice_client_counts')
        .select(['active', 'archived'])
        .where('practice_id', '=', scope.practiceId)
        .executeTakeFirst();
  if (!row) return 0;
  if (filter.status === 'active') return row.active;
  if (filter.status === 'archived') return row.archived;
  return row.active + row.archived;
}

/**
 * A clinician's own count: their clients through client_clinicians' (practice_id, staff_id,
 * client_id) index, each joined by primary key for its status. As many rows as they have clients,
 * never the practice's.
 */
async function countAssignedClients(
  scope: Scope,
  staffId: string,
  filter: Pick<ClientListQuery, 'status' | 'portal'>,
): Promise<number> {
  const { status } = filter;
  let query = scope.db
    .selectFrom('client_clinicians')
    .innerJoin('clients', 'clients.id', 'client_clinicians.client_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('client_clinicians.practice_id', '=', scope.practiceId)
    .where('client_clinicians.staff_id', '=', staffId);
  if (status === 'active') query = query.where('clients.archived_at', 'is', null);
  if (status === 'archived') query = query.where('clients.archived_at', 'is not', null);
  if (filter.portal) query = query.where('clients.portal_state', '=', filter.portal);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
