import type { ClientSearchWordsTable, ClientsTable, PortalState } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';
import { searchPrefixRows, searchRowsFromClients, searchWordRows, wordPrefixes } from './clients.search.js';

/**
 * Whether the practice keeps search rows (practice_client_counts.search_rows), and how many clients
 * it has. A practice without a counts row has no clients yet.
 */
export async function practiceSearchRows(scope: Scope): Promise<{ kept: boolean; clients: number }> {
  const row = await scope.db
    .selectFrom('practice_client_counts')
    .select(['active', 'archived', 'search_rows'])
    .where('practice_id', '=', scope.practiceId)
    .executeTakeFirst();
  return row ? { kept: row.search_rows === 1, clients: row.active + row.archived } : { kept: false, clients: 0 };
}

/** Clients read, and search rows written per statement, while a practice's rows are built. */
const buildBatch = 500;

/**
 * Makes the practice one that keeps search rows: writes the words and prefixes of every client it
 * has and marks it, so that from now on every write of a client keeps its rows (replaceSearchRows).
 * Call in a transaction; the application calls it when a practice reaches searchRowsFromClients
 * clients (about a second's work, once), bulk loaders before they write a large practice's rows.
 */
export async function keepSearchRows(scope: Scope): Promise<void> {
  await scope.db
    .insertInto('practice_client_counts')
    .values({ practice_id: scope.practiceId, active: 0, archived: 0, search_rows: 1 })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet({ search_rows: 1 }))
    .execute();
  // A practice without rows has none to remove; this makes a second call harmless too.
  await scope.db.deleteFrom('client_search_prefixes').where('practice_id', '=', scope.practiceId).execute();
  await scope.db.deleteFrom('client_search_words').where('practice_id', '=', scope.practiceId).execute();
  for (let after = ''; ;) {
    const clients = await scope.db
      .selectFrom('clients')
      .select(['id', 'practice_id', 'search_text', 'sort_name', 'created_at', 'archived_at', 'portal_state'])
      .where('practice_id', '=', scope.practiceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(buildBatch)
      .execute();
    const last = clients.at(-1);
    if (!last) return;
    after = last.id;
    const words = searchWordRows(clients);
    for (let i = 0; i < words.length; i += buildBatch) {
      await scope.db
        .insertInto('client_search_words')
        .values(words.slice(i, i + buildBatch))
        .execute();
    }
    const prefixes = searchPrefixRows(clients);
    for (let i = 0; i < prefixes.length; i += buildBatch) {
      await scope.db
        .insertInto('client_search_prefixes')
        .values(prefixes.slice(i, i + buildBatch))
        .execute();
    }
  }
}

/**
 * The full keys of a client's client_search_prefixes rows. That table has no index by client (it
 * would be as large as the table), so they are worked out from the client's search words, which
 * the (client_id, word) index finds: the prefixes of those words and the sort name they carry.
 */
async function prefixKeys(scope: Scope, clientId: string): Promise<{ prefixes: string[]; sortName: string } | null> {
  const words = await scope.db
    .selectFrom('client_search_words')
    .select(['word', 'sort_name'])
    .where('client_id', '=', clientId)
    .where('practice_id', '=', scope.practiceId)
    .execute();
  const [first] = words;
  return first ? { prefixes: wordPrefixes(words.map((row) => row.word)), sortName: first.sort_name } : null;
}

/**
 * Rewrites the client's search words and prefixes from the client row, in a practice that keeps
 * them; call in the same transaction, after the row is written. A practice that has just reached
 * searchRowsFromClients clients gets every client's rows (this one's included); a smaller one has
 * none, its searches read the clients' search documents.
 */
export async function replaceSearchRows(scope: Scope, client: ClientsTable): Promise<void> {
  const practice = await practiceSearchRows(scope);
  if (!practice.kept) {
    if (practice.clients >= searchRowsFromClients) await keepSearchRows(scope);
    return;
  }
  const keys = await prefixKeys(scope, client.id);
  if (keys) {
    await scope.db
      .deleteFrom('client_search_prefixes')
      .where('practice_id', '=', scope.practiceId)
      .where('prefix', 'in', keys.prefixes)
      .where('sort_name', '=', keys.sortName)
      .where('client_id', '=', client.id)
      .execute();
  }
  await scope.db
    .deleteFrom('client_search_words')
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', client.id)
    .execute();
  const words = searchWordRows([client]);
  if (words.length > 0) await scope.db.insertInto('client_search_words').values(words).execute();
  const prefixes = searchPrefixRows([client]);
  if (prefixes.length > 0) await scope.db.insertInto('client_search_prefixes').values(prefixes).execute();
}

/** Copies an archive or restore to the client's search rows; call in the same transaction. */
export async function setSearchRowsArchived(scope: Scope, clientId: string, archived: boolean): Promise<void> {
  await setSearchRowCopies(scope, clientId, { archived: archived ? 1 : 0 });
}

/** Copies a change of the client's Client Portal state to its search rows; call in the same transaction. */
export async function setSearchRowsPortalState(scope: Scope, clientId: string, state: PortalState): Promise<void> {
  await setSearchRowCopies(scope, clientId, { portal_state: state });
}

/** Sets copied list columns on every search word and prefix row of the client. */
async function setSearchRowCopies(
  scope: Scope,
  clientId: string,
  copies: Partial<Pick<ClientSearchWordsTable, 'archived' | 'portal_state'>>,
): Promise<void> {
  const keys = await prefixKeys(scope, clientId);
  if (keys) {
    await scope.db
      .updateTable('client_search_prefixes')
      .set(copies)
      .where('practice_id', '=', scope.practiceId)
      .where('prefix', 'in', keys.prefixes)
      .where('sort_name', '=', keys.sortName)
      .where('client_id', '=', clientId)
      .execute();
  }
  await scope.db
    .updateTable('client_search_words')
    .set(copies)
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .execute();
}
