import type { Kysely } from 'kysely';
import { clientSearchWords, wordPrefixes } from './frozen/search-words.js';
import type { Database } from '../schema.js';

type SortName = (client: { first_name: string; last_name: string }) => string;

// Both forms written out here, as they were, so the migration means the same whatever the
// application's clientSortName later becomes.
const withoutAccents: SortName = (c) =>
  `${c.last_name} ${c.first_name}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const asTyped: SortName = (c) => `${c.last_name} ${c.first_name}`.toLowerCase();

/**
 * The list's sort key without accents ("Åsa Allen" sorted after "William Allen", "å" being above
 * "z" bytewise). Only clients whose key changes are written: the client row, the copy on each of
 * its search words, and its prefix rows, where the sort name is part of the key and so the rows
 * are found by their whole key (the prefixes of its words) and rewritten.
 */
async function rewriteSortNames(db: Kysely<unknown>, sortName: SortName): Promise<void> {
  const typed = db as unknown as Kysely<Pick<Database, 'clients' | 'client_search_words' | 'client_search_prefixes'>>;
  let after = '';
  for (;;) {
    const batch = await typed
      .selectFrom('clients')
      .select(['id', 'practice_id', 'first_name', 'last_name', 'search_text', 'sort_name'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    const last = batch.at(-1);
    if (!last) return;
    after = last.id;
    for (const client of batch) {
      const next = sortName(client);
      if (next === client.sort_name) continue;
      await typed.updateTable('clients').set({ sort_name: next }).where('id', '=', client.id).execute();
      await typed
        .updateTable('client_search_words')
        .set({ sort_name: next })
        .where('client_id', '=', client.id)
        .execute();
      const prefixes = wordPrefixes(clientSearchWords(client.search_text));
      if (prefixes.length === 0) continue;
      await typed
        .updateTable('client_search_prefixes')
        .set({ sort_name: next })
        .where('practice_id', '=', client.practice_id)
        .where('prefix', 'in', prefixes)
        .where('sort_name', '=', client.sort_name)
        .where('client_id', '=', client.id)
        .execute();
    }
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rewriteSortNames(db, withoutAccents);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rewriteSortNames(db, asTyped);
}
