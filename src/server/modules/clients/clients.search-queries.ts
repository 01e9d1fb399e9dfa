import { clientSearchCountLimit, type ClientListQuery } from '../../../shared/schemas/clients.js';
import type { Db } from '../../db/database.js';
import type { PracticeScope } from '../../platform/context.js';
import { countClients } from './clients.counts.js';
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
          // The practice too, so PostgreSQL may also read this term's range and join by hash.
          .where('other.practice_id', '=', scope.practiceId)
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

interface Counted {
  /** Matching clients: exact when `allWords`, else at least this many. */
  clients: number;
  /** Whether every matching word was read. */
  allWords: boolean;
}

/**
 * Counts the clients among the first `limit` matching words, read in index order and no further:
 * counting every match of a broad search ("smith" among a million clients) would read all of them
 * for a figure nobody pages through. When the limit cuts off fewer than countLimit clients (each
 * with many matching words), it counts again with a larger limit.
 */
async function countMatches(db: Db, words: MatchingWords, firstLimit: number, countLimit: number): Promise<Counted> {
  for (let limit = firstLimit; ; limit *= 4) {
    const read = words.select('client_search_words.client_id').limit(limit).as('read');
    const row = await db
      .selectFrom(read)
      .select((eb) => [eb.fn.count<number | string>('read.client_id').distinct().as('clients'), eb.fn.countAll<number | string>().as('words')])
      .executeTakeFirstOrThrow();
    const counted = { clients: Number(row.clients), allWords: Number(row.words) < limit };
    if (counted.allWords || counted.clients > countLimit) return counted;
  }
}

/**
 * One page of matching clients from their words (unless a walk found it): the words are sorted by
 * the copied sort column and client id with a LIMIT, so the database keeps only the top rows
 * instead of grouping every match; a client's several words sort next to each other and are folded here.
 * If folding leaves the page short while the limit was reached, it reads again with a larger limit
 * (each read goes through every matching word, so the first allows four words per client; much
 * more and PostgreSQL plans parallel workers, slower on a busy server).
 */
async function pageFromWords(words: MatchingWords, [column, direction]: SearchSort, offset: number, pageSize: number): Promise<string[]> {
  const wanted = offset + pageSize;
  for (let limit = wanted * 4; ; limit *= 4) {
    const rows = await words
      .select(['client_search_words.client_id', `client_search_words.${column}`])
      .orderBy(`client_search_words.${column}`, direction)
      .orderBy('client_search_words.client_id', direction)
      .limit(limit)
      .execute();
    const ids = [...new Set(rows.map((row) => row.client_id))];
    if (rows.length < limit || ids.length >= wanted) return ids.slice(offset, wanted);
  }
}

export interface SearchTuning {
  /** Matches counted before the total says "more than" (the list's clientSearchCountLimit). */
  countLimit: number;
  /**
   * How many clients, in the list's order, a broad search may look at per client up to the end of
   * the page before it gives up walking: finding one match in 40 clients is cheaper than sorting
   * every match.
   */
  walkPerWanted: number;
  /**
   * How many matching words make a broad search try the walk first. Below it, sorting the words is
   * cheap (20,000 take a few milliseconds) and a walk that gives up would only add to it.
   */
  walkFromWords: number;
}

const tuning: SearchTuning = { countLimit: clientSearchCountLimit, walkPerWanted: 40, walkFromWords: 20_000 };

/** Whether at least `count` words match, counted from the index no further than that. */
async function wordsReach(db: Db, words: MatchingWords, count: number): Promise<boolean> {
  const counted = words.select('client_search_words.client_id').limit(count).as('counted');
  const row = await db.selectFrom(counted).select((eb) => eb.fn.countAll<number | string>().as('words')).executeTakeFirstOrThrow();
  return Number(row.words) >= count;
}

/**
 * One page of a broad search (more than clientSearchCountLimit clients match), found by walking the
 * practice's clients in the list's own order (its index) and probing each one's words for every
 * term through (client_id, word), until the page is full. A broad search matches many clients, so
 * the walk is short, however many there are. When the matches sit together elsewhere in the order
 * ("smith" sorted by name starts at S), the walk stops after its budget and answers null.
 */
async function pageFromWalk(
  db: Db,
  scope: PracticeScope,
  filter: Filter,
  terms: readonly string[],
  [column, direction]: SearchSort,
  offset: number,
  pageSize: number,
  walkPerWanted: number,
): Promise<string[] | null> {
  const budget = (offset + pageSize) * walkPerWanted;
  let inOrder = clientsWithStatus(db, scope, filter)
    // Only the id and the sort column, which the list's index holds: the walk never reads the table.
    .select(['clients.id', `clients.${column}`]);
  // Every active client's archived_at is null, so ordering by it changes nothing, but it lets
  // PostgreSQL see that the (practice_id, archived_at, column, id) index gives the order by itself.
  if (filter.status === 'active') inOrder = inOrder.orderBy('clients.archived_at', direction);
  const walked = inOrder.orderBy(`clients.${column}`, direction).orderBy('clients.id', direction).limit(budget).as('walked');
  let query = db.selectFrom(walked).select('walked.id');
  for (const term of terms) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('client_search_words as word')
          .select('word.client_id')
          .whereRef('word.client_id', '=', 'walked.id')
          .where('word.word', '>=', term)
          .where('word.word', '<', prefixUpperBound(term)),
      ),
    );
  }
  const rows = await query
    .orderBy(`walked.${column}`, direction)
    .orderBy('walked.id', direction)
    .limit(pageSize)
    .offset(offset)
    .execute();
  if (rows.length === pageSize || (await countClients(db, scope, filter.status)) <= budget) return rows.map((row) => row.id);
  return null;
}

export function clientsWithStatus(db: Db, scope: PracticeScope, filter: Pick<ClientListQuery, 'status'>) {
  let query = db.selectFrom('clients').where('clients.practice_id', '=', scope.practiceId);
  if (filter.status === 'active') query = query.where('clients.archived_at', 'is', null);
  if (filter.status === 'archived') query = query.where('clients.archived_at', 'is not', null);
  return query;
}

export async function searchClientIds(
  db: Db,
  scope: PracticeScope,
  query: ClientListQuery,
  terms: readonly string[],
  sort: SearchSort,
  { countLimit, walkPerWanted, walkFromWords }: SearchTuning = tuning,
): Promise<{ ids: string[]; total: number; totalCapped: boolean }> {
  const words = matchingWords(db, scope, query, terms);
  const offset = (query.page - 1) * query.pageSize;
  const counted = await countMatches(db, words, (countLimit + 1) * 2, countLimit);
  const total = counted.clients > countLimit ? { total: countLimit, totalCapped: true } : { total: counted.clients, totalCapped: false };
  // A walk pays off for a broad search with many words; past the first countLimit matches (which
  // the list does not offer) it could grow to every client.
  const walk =
    total.totalCapped && !counted.allWords && offset + query.pageSize <= countLimit && (await wordsReach(db, words, walkFromWords));
  const walked = walk ? await pageFromWalk(db, scope, query, terms, sort, offset, query.pageSize, walkPerWanted) : null;
  const ids = walked ?? (await pageFromWords(words, sort, offset, query.pageSize));
  return { ids, ...total };
}
