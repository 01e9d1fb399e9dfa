import type { ClientListQuery } from '../../../shared/schemas/clients.js';
import type { ClientEmailsTable, ClientsTable, PortalState } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';
import { notFound } from '../../platform/errors.js';
import { changeClientCounts, changePortalStateCounts, countClients } from './clients.counts.js';
import { clientsInList, searchClientIds, searchTerms } from './clients.search-queries.js';
import { setSearchRowsArchived, setSearchRowsPortalState } from './clients.search-rows.js';
import { withinReach } from './clients.reach.js';

/**
 * Every query here takes a Scope and filters on practice_id, so one practice's staff can
 * never reach another practice's clients, whatever id they send.
 */

export type ClientRow = ClientsTable;
/** A client of the list, with its copy of its Client Portal access state. */
export type ClientListRow = ClientRow;
export type ClientEmailRow = ClientEmailsTable;

/** The client, if the scope's practice has it and the caller reaches it (a clinician: assigned to them). */
export async function findClient(scope: Scope, id: string): Promise<ClientRow | undefined> {
  return withinReach(
    scope.db.selectFrom('clients').selectAll().where('practice_id', '=', scope.practiceId).where('id', '=', id),
    scope,
    'clients.id',
  ).executeTakeFirst();
}

/**
 * Throws not_found for unknown ids, another practice's ids and clients the caller does not reach:
 * the answers are identical.
 */
export async function getClient(scope: Scope, id: string): Promise<ClientRow> {
  const row = await findClient(scope, id);
  if (!row) throw notFound();
  return row;
}

/** Call in a transaction: the practice's client counts change with the row. */
export async function insertClient(scope: Scope, row: Omit<ClientRow, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('clients')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
  const archived = row.archived_at === null ? 0 : 1;
  await changeClientCounts(scope, { active: 1 - archived, archived });
  await changePortalStateCounts(scope, row.portal_state, { active: 1 - archived, archived });
}

export async function updateClientRow(
  scope: Scope,
  id: string,
  changes: Partial<Omit<ClientRow, 'id' | 'practice_id' | 'created_at'>>,
): Promise<number> {
  const result = await scope.db
    .updateTable('clients')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Sets archived_at only when it is not already in that state, so archive/restore are idempotent.
 * Call in a transaction: the search rows' copy of the status and the practice's counts change too.
 */
export async function setClientArchived(
  scope: Scope,
  id: string,
  archivedAt: string | null,
  now: string,
): Promise<boolean> {
  const changed = await scope.db
    .updateTable('clients')
    .set({ archived_at: archivedAt, updated_at: now })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('archived_at', archivedAt === null ? 'is not' : 'is', null)
    .returning('portal_state')
    .executeTakeFirst();
  if (changed) {
    await setSearchRowsArchived(scope, id, archivedAt !== null);
    const toArchived = archivedAt === null ? -1 : 1;
    await changeClientCounts(scope, { active: -toArchived, archived: toArchived });
    await changePortalStateCounts(scope, changed.portal_state, { active: -toArchived, archived: toArchived });
  }
  return changed !== undefined;
}

/**
 * Copies a change of the client's Client Portal access state to the client row, its search rows
 * and the practice's counts, which the client list filters and counts by. The portal-access module
 * calls it whenever it saves an access row; call in that same transaction. Answers whether the
 * state changed (false for an unknown client or the state it already has).
 */
export async function setClientPortalState(scope: Scope, id: string, state: PortalState): Promise<boolean> {
  const before = await scope.db
    .selectFrom('clients')
    .select(['portal_state', 'archived_at'])
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before || before.portal_state === state) return false;
  await scope.db
    .updateTable('clients')
    .set({ portal_state: state })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
  await setSearchRowsPortalState(scope, id, state);
  const one = before.archived_at === null ? { active: 1, archived: 0 } : { active: 0, archived: 1 };
  await changePortalStateCounts(scope, before.portal_state, { active: -one.active, archived: -one.archived });
  await changePortalStateCounts(scope, state, one);
  return true;
}

/** The emails of some clients, in their display order. */
export async function listClientEmails(scope: Scope, clientIds: readonly string[]): Promise<ClientEmailRow[]> {
  if (clientIds.length === 0) return [];
  return scope.db
    .selectFrom('client_emails')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', 'in', clientIds)
    .orderBy('client_id')
    .orderBy('position')
    .execute();
}

export async function insertClientEmails(
  scope: Scope,
  rows: readonly Omit<ClientEmailRow, 'practice_id'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await scope.db
    .insertInto('client_emails')
    .values(rows.map((row) => ({ ...row, practice_id: scope.practiceId })))
    .execute();
}

export async function updateClientEmail(
  scope: Scope,
  id: string,
  changes: Pick<ClientEmailRow, 'address' | 'type' | 'email_ok' | 'is_primary' | 'position'>,
): Promise<void> {
  await scope.db
    .updateTable('client_emails')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteClientEmails(scope: Scope, clientId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await scope.db
    .deleteFrom('client_emails')
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', 'in', ids)
    .execute();
}

// Orders follow the indexes (practice_id, archived_at, sort_name, id) and (practice_id,
// archived_at, created_at, id), or with a portal state (practice_id, portal_state, archived_at,
// sort_name, id) and so on (migration 019); id breaks ties so that pages never overlap or skip rows.
const sortOrders = {
  name: ['sort_name', 'asc'],
  '-name': ['sort_name', 'desc'],
  created: ['created_at', 'asc'],
  '-created': ['created_at', 'desc'],
} as const satisfies Record<ClientListQuery['sort'], readonly ['sort_name' | 'created_at', 'asc' | 'desc']>;

/** One page of the list without a search, in the list's order: read from one index (see sortOrders). */
export function listPageQuery(scope: Scope, query: ClientListQuery) {
  const [column, direction] = sortOrders[query.sort];
  return clientsInList(scope, query)
    .selectAll('clients')
    .orderBy(`clients.${column}`, direction)
    .orderBy('clients.id', direction)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
}

export async function listClientRows(
  scope: Scope,
  query: ClientListQuery,
): Promise<{ rows: ClientListRow[]; total: number; totalCapped: boolean }> {
  const terms = searchTerms(query.q);
  if (terms.length === 0) {
    const [rows, total] = await Promise.all([listPageQuery(scope, query).execute(), countClients(scope, query)]);
    return { rows, total, totalCapped: false };
  }
  const { ids, total, totalCapped } = await searchClientIds(scope, query, terms, sortOrders[query.sort]);
  // Only the page's clients are read from the clients table, in the page's order.
  // By primary key only: with practice_id in the WHERE clause SQLite walks the practice's index
  // instead. The ids come from this practice's words, and the scope is checked again below.
  const found =
    ids.length === 0
      ? []
      : await scope.db.selectFrom('clients').selectAll('clients').where('clients.id', 'in', ids).execute();
  const byId = new Map(found.filter((row) => row.practice_id === scope.practiceId).map((row) => [row.id, row]));
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), total, totalCapped };
}
