import { sql, type SelectQueryBuilder } from 'kysely';
import type { ClientListQuery } from '../../../shared/schemas/clients.js';
import type { Db } from '../../db/database.js';
import type { ClientEmailsTable, ClientsTable, Database } from '../../db/schema.js';
import type { PracticeScope } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';

/**
 * Every query here takes a PracticeScope and filters on practice_id, so one practice's staff can
 * never reach another practice's clients, whatever id they send.
 */

export type ClientRow = ClientsTable;
export type ClientEmailRow = ClientEmailsTable;

export async function findClient(db: Db, scope: PracticeScope, id: string): Promise<ClientRow | undefined> {
  return db
    .selectFrom('clients')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Throws not_found both for unknown ids and for another practice's ids: the answers are identical. */
export async function getClient(db: Db, scope: PracticeScope, id: string): Promise<ClientRow> {
  const row = await findClient(db, scope, id);
  if (!row) throw notFound();
  return row;
}

export async function insertClient(db: Db, row: ClientRow): Promise<void> {
  await db.insertInto('clients').values(row).execute();
}

export async function updateClientRow(
  db: Db,
  scope: PracticeScope,
  id: string,
  changes: Partial<Omit<ClientRow, 'id' | 'practice_id' | 'created_at'>>,
): Promise<number> {
  const result = await db
    .updateTable('clients')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Sets archived_at only when it is not already in that state, so archive/restore are idempotent. */
export async function setClientArchived(
  db: Db,
  scope: PracticeScope,
  id: string,
  archivedAt: string | null,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('clients')
    .set({ archived_at: archivedAt, updated_at: now })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('archived_at', archivedAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The emails of some clients, in their display order. */
export async function listClientEmails(
  db: Db,
  scope: PracticeScope,
  clientIds: readonly string[],
): Promise<ClientEmailRow[]> {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom('client_emails')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', 'in', clientIds)
    .orderBy('client_id')
    .orderBy('position')
    .execute();
}

export async function insertClientEmails(db: Db, rows: readonly ClientEmailRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('client_emails').values([...rows]).execute();
}

export async function updateClientEmail(
  db: Db,
  scope: PracticeScope,
  id: string,
  changes: Pick<ClientEmailRow, 'address' | 'type' | 'email_ok' | 'is_primary' | 'position'>,
): Promise<void> {
  await db
    .updateTable('client_emails')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteClientEmails(
  db: Db,
  scope: PracticeScope,
  clientId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('client_emails')
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', 'in', ids)
    .execute();
}

/** `%` and `_` are LIKE wildcards and `\` our escape character; a search for them means the character. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type ClientSelect<O> = SelectQueryBuilder<Database, 'clients', O>;

/**
 * The filter shared by the page and the count. search_text is lower-cased when written and the
 * terms here are lower-cased too, so matching is case-insensitive on both dialects (SQLite's LIKE
 * ignores ASCII case, PostgreSQL's does not). Each whitespace-separated term must match somewhere.
 */
function filtered<O>(query: ClientSelect<O>, scope: PracticeScope, filter: Pick<ClientListQuery, 'q' | 'status'>): ClientSelect<O> {
  let q = query.where('clients.practice_id', '=', scope.practiceId);
  if (filter.status === 'active') q = q.where('clients.archived_at', 'is', null);
  if (filter.status === 'archived') q = q.where('clients.archived_at', 'is not', null);
  const terms = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  for (const term of terms) {
    q = q.where(sql<boolean>`clients.search_text like ${likeContains(term)} escape '\\'`);
  }
  return q;
}

// Orders follow the indexes (practice_id, sort_name, id) and (practice_id, created_at); id breaks
// ties so that pages never overlap or skip rows.
const sortOrders = {
  name: ['sort_name', 'asc'],
  '-name': ['sort_name', 'desc'],
  created: ['created_at', 'asc'],
  '-created': ['created_at', 'desc'],
} as const satisfies Record<ClientListQuery['sort'], readonly ['sort_name' | 'created_at', 'asc' | 'desc']>;

export async function listClientRows(
  db: Db,
  scope: PracticeScope,
  query: ClientListQuery,
): Promise<{ rows: ClientRow[]; total: number }> {
  // Orders follow the indexes (practice_id, sort_name, id) and (practice_id, created_at); id breaks
  // ties so that pages never overlap or skip rows.
  const [column, direction] = sortOrders[query.sort];
  const page = filtered(db.selectFrom('clients').selectAll('clients'), scope, query)
    .orderBy(column, direction)
    .orderBy('id', direction)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const count = filtered(
    db.selectFrom('clients').select((eb) => eb.fn.countAll<number | string>().as('count')),
    scope,
    query,
  ).executeTakeFirstOrThrow();
  const [rows, counted] = await Promise.all([page, count]);
  return { rows, total: Number(counted.count) };
}
