import { clientSearchCountLimit, type ClientListQuery } from '../../../shared/schemas/clients.js';
import type { Db } from '../../db/database.js';
import type { PracticeScope } from '../../platform/context.js';
import { prefixUpperBound } from './clients.search.js';

type Filter = Pick<ClientListQuery, 'q' | 'status'>;

/**
 * Up to ten distinct lower-cased terms of the search, longest first: every term must start one of
 * the client's words, and the longest is usually the rarest, so it picks the candidates and the
 * others are checked per candidate.
 */
export function searchTerms(q: string | undefined): string[] {
  const terms = [...new Set((q ?? '').toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 10);
  return terms.sort((a, b) => b.length - a.length);
}

/**
 * The search words matching every term. The first term is a range on the primary key
 * (practice_id, word, client_id), read from the index alone since it holds the copied status,
 * name and creation time; each further term is an index probe on (client_id, word) per candidate.
 * A client matching through several words has a row for each, all with the same copies.
 */
function matchingWords(db: Db, scope: PracticeScope, filter: Filter, terms: readonly string[]) {
  const [first = '', ...rest] = terms;
  let query = db
    .selectFrom('client_search_words')
    .where('client_search_words.practice_id', '=', scope.practiceId)
    .where('client_search_words.word', '>=', first)
    .where('client_search_words.word', '<', prefixUpperBound(first));
  if (filter.status === 'active') query = query.where('client_search_words.archived', '=', 0);
  if (filter.status === 'archived') query = query.where('client_search_words.archived', '=', 1);
  for (const term of rest) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('client_search_words as other')
          .select('other.client_id')
          .whereRef('other.client_id', '=', 'client_search_words.client_id')
          .where('other.word', '>=', term)
          .where('other.word', '<', prefixUpperBound(term)),
      ),
    );
  }
  return query;
}

type MatchingWords = ReturnType<typeof matchingWords>;

export type SearchSort = readonly ['sort_name' | 'created_at', 'asc' | 'desc'];

/**
 * The number of clients matching, counted up to clientSearchCountLimit and no further: counting
 * every match of a broad search ("smith" among a million clients) would read all of them for a
 * figure nobody pages through. Both databases stop reading words once enough distinct clients
 * are found.
 */
async function countMatches(words: MatchingWords): Promise<number> {
  const found = await words
    .select('client_search_words.client_id')
    .distinct()
    .limit(clientSearchCountLimit + 1)
    .execute();
  return found.length;
}

function cappedTotal(matches: number): { total: number; totalCapped: boolean } {
  return matches > clientSearchCountLimit
    ? { total: clientSearchCountLimit, totalCapped: true }
    : { total: matches, totalCapped: false };
}

/**
 * The ids of one page of matching clients. The words are sorted by the copied sort column and
 * client id with a LIMIT, so the database keeps only the top rows instead of grouping every match;
 * a client's several words sort next to each other and are folded here. If folding leaves the page
 * short while the limit was reached, it reads again with a larger limit. When every match was read,
 * their number comes with the page.
 */
async function pageOfMatches(
  words: MatchingWords,
  [column, direction]: SearchSort,
  offset: number,
  pageSize: number,
): Promise<{ ids: string[]; matches: number | null }> {
  const wanted = offset + pageSize;
  for (let limit = wanted * 3; ; limit *= 4) {
    const rows = await words
      .select(['client_search_words.client_id', `client_search_words.${column}`])
      .orderBy(`client_search_words.${column}`, direction)
      .orderBy('client_search_words.client_id', direction)
      .limit(limit)
      .execute();
    const ids = [...new Set(rows.map((row) => row.client_id))];
    if (rows.length < limit) return { ids: ids.slice(offset, wanted), matches: ids.length };
    if (ids.length >= wanted) return { ids: ids.slice(offset, wanted), matches: null };
  }
}

export async function searchClientIds(
  db: Db,
  scope: PracticeScope,
  query: ClientListQuery,
  terms: readonly string[],
  sort: SearchSort,
): Promise<{ ids: string[]; total: number; totalCapped: boolean }> {
  const words = matchingWords(db, scope, query, terms);
  const page = await pageOfMatches(words, sort, (query.page - 1) * query.pageSize, query.pageSize);
  return { ids: page.ids, ...cappedTotal(page.matches ?? (await countMatches(words))) };
}
