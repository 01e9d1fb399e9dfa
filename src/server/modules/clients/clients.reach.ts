import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../../platform/request-context.js';

/**
 * The conditions that keep a query on client records to the clients the caller reaches
 * (`Scope.clientReach`): none for every client; for a clinician, that the client is assigned to
 * them, one probe of client_clinicians' (practice_id, staff_id, client_id) index. `clientId` names
 * the query's client id column, qualified with its table (`clients.id`), since the probe has its
 * own client_id. Composable with the list's other filters: one more condition on each source.
 */
export function reachConditions(scope: Scope, clientId: string): RawBuilder<SqlBool>[] {
  const reach = scope.clientReach;
  if (!reach || reach.kind === 'all') return [];
  return [
    sql<SqlBool>`exists (select 1 from client_clinicians reach where reach.practice_id = ${scope.practiceId} and reach.staff_id = ${reach.staffId} and reach.client_id = ${sql.ref(clientId)})`,
  ];
}

/** A Kysely where-able query narrowed by reachConditions. */
export function withinReach<Q extends { where(condition: RawBuilder<SqlBool>): Q }>(
  query: Q,
  scope: Scope,
  clientId: string,
): Q {
  return reachConditions(scope, clientId).reduce((narrowed, condition) => narrowed.where(condition), query);
}
