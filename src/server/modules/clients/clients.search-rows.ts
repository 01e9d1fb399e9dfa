import type { ClientSearchWordsTable, ClientsTable, PortalState } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';
import { searchPrefixRows, searchWordRows, wordPrefixes } from './clients.search.js';

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

/** Rewrites the client's search words and prefixes from the client row; call in the same transaction. */
export async function replaceSearchRows(scope: Scope, client: ClientsTable): Promise<void> {
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
