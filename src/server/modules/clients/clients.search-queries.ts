import { clientSearchCountLimit, type ClientListQuery } from '../../../shared/schemas/clients.js';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Scope } from '../../platform/request-context.js';
import { withinReach } from './clients.reach.js';
import { foldPhoneDigits, prefixIsWholeTerm, prefixUpperBound, searchPrefix } from './clients.search.js';
import { practiceSearchRows } from './clients.search-rows.js';

/**
 * What narrows the list besides the search terms: the status and the Client Portal state. Each of
 * the list's three sources (clients, search words, search prefixes) carries a copy of both, so each
 * applies the filter to the index entries it reads (`listFilterConditions`). A later filter (a
 * clinician's own clients) is one more condition there, or a join, on each source.
 */
export type ListFilter = Pick<ClientListQuery, 'status' | 'portal'>;
type Filter = ListFilter & Pick<ClientListQuery, 'q'>;

type ListSource = 'clients' | 'client_search_words' | 'client_search_prefixes';

/** The status and portal-state conditions on one of the list's sources, for its WHERE clause. */
function listFilterConditions(source: ListSource, filter: ListFilter): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (filter.status !== 'all') {
    const archived = filter.status === 'archived';
    conditions.push(
      source === 'clients'
        ? sql<SqlBool>`${sql.ref('clients.archived_at')} ${archived ? sql`is not null` : sql`is null`}`
        : sql<SqlBool>`${sql.ref(`${source}.archived`)} = ${archived ? 1 : 0}`,
    );
  }
  if (filter.portal) conditions.push(sql<SqlBool>`${sql.ref(`${source}.portal_state`)} = ${filter.portal}`);
  return conditions;
}

/**
 * Up to ten distinct lower-cased terms of the search, longest first: every term must start one of
 * the client's words, and the longest is usually the rarest, so it picks the candidates and the
 * others are checked per candidate.
 */
export function searchTerms(q: string | undefined): string[] {
  const terms = [...new Set(foldPhoneDigits((q ?? '').toLowerCase().split(/\s+/).filter(Boolean)))].slice(0, 10);
  return terms.sort((a, b) => b.length - a.length);
}

/**
 * The rows proving that the client `refs` names (its id and sort name columns in the outer query)
 * has a word starting with `term`. A term of up to three characters is its prefix row, found by its
 * whole key; a longer one is a range of the client's words through the (client_id, word) index,
 * which does not hold the practice: naming it costs a look at each row, and only pays when the
 * database may join the term's whole range instead of probing.
 */
function termProbe(
  scope: Scope,
  term: string,
  refs: { clientId: string; sortName: string },
  { withPractice }: { withPractice: boolean },
) {
  if (prefixIsWholeTerm(term)) {
    return scope.db
      .selectFrom('client_search_prefixes as other')
      .select('other.client_id')
      .where('other.practice_id', '=', scope.practiceId)
      .where('other.prefix', '=', term)
      .where('other.sort_name', '=', sql.ref<string>(refs.sortName))
      .where('other.client_id', '=', sql.ref<string>(refs.clientId));
  }
  let words = scope.db
    .selectFrom('client_search_words as other')
    .select('other.client_id')
    .where('other.client_id', '=', sql.ref<string>(refs.clientId))
    .where('other.word', '>=', term)
    .where('other.word', '<', prefixUpperBound(term));
  if (withPractice) words = words.where('other.practice_id', '=', scope.practiceId);
  return words;
}

/**
 * The search words matching every term. The first term is a range on the primary key
 * (practice_id, word, client_id), read from the index alone since it holds the copied status,
 * name and creation time; each further term is an index probe on (client_id, word) per candidate.
 * A client matching through several words has a row for each, all with the same copies.
 */
function matchingWords(scope: Scope, filter: Filter, terms: readonly string[]) {
  const [first = '', ...rest] = terms;
  let query = scope.db
    .selectFrom('client_search_words')
    .where('client_search_words.practice_id', '=', scope.practiceId)
    .where('client_search_words.word', '>=', first)
    .where('client_search_words.word', '<', prefixUpperBound(first));
  for (const condition of listFilterConditions('client_search_words', filter)) query = query.where(condition);
  query = withinReach(query, scope, 'client_search_words.client_id');
  for (const term of rest) {
    const refs = { clientId: 'client_search_words.client_id', sortName: 'client_search_words.sort_name' };
    // Naming the practice lets PostgreSQL also read a longer term's range and join by hash.
    query = query.where((eb) => eb.exists(termProbe(scope, term, refs, { withPractice: true })));
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
  /**
   * When every matching word was read: the first `wanted` matching clients in the list's order,
   * from the same rows, so a search with few matches needs no second pass over its words.
   */
  firstIds: string[] | null;
}

/**
 * Counts the clients among the first `limit` matching words, read in index order and no further:
 * counting every match of a broad search ("smith" among a million clients) would read all of them
 * for a figure nobody pages through. When the limit cuts off fewer than countLimit clients (each
 * with many matching words), it counts again with a larger limit.
 *
 * The same statement sorts the words it read and returns the first `wanted` clients: when those
 * words are all the matches, that is the page, and the search's words (a join of every term's
 * rows, decision 015) are read once instead of twice. The words are read once into a common table
 * expression that the count and the page share.
 */
async function countMatches(
  db: Db,
  words: MatchingWords,
  [column, direction]: SearchSort,
  wanted: number,
  firstLimit: number,
  countLimit: number,
): Promise<Counted> {
  for (let limit = firstLimit; ; limit *= 4) {
    const rows = await db
      .with('read', () =>
        words
          .select(['client_search_words.client_id as client_id', `client_search_words.${column} as sort_key`])
          .limit(limit),
      )
      .selectFrom((eb) =>
        eb
          .selectFrom('read')
          .select((inner) => [
            inner.fn.count<number | string>('read.client_id').distinct().as('clients'),
            inner.fn.countAll<number | string>().as('words'),
          ])
          .as('counted'),
      )
      // The page only when every match was read (a one-time condition: otherwise it is not sorted).
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('read')
            .select(['read.client_id', 'read.sort_key'])
            .distinct()
            .where(sql<SqlBool>`(select count(*) from ${sql.table('read')}) < ${limit}`)
            .orderBy('read.sort_key', direction)
            .orderBy('read.client_id', direction)
            .limit(wanted)
            .as('page'),
        (join) => join.onTrue(),
      )
      .select(['counted.clients', 'counted.words', 'page.client_id'])
      .orderBy('page.sort_key', direction)
      .orderBy('page.client_id', direction)
      .execute();
    const [first] = rows;
    const counted = {
      clients: Number(first?.clients ?? 0),
      allWords: Number(first?.words ?? 0) < limit,
    };
    if (counted.allWords || counted.clients > countLimit) {
      const firstIds = rows.flatMap((row) => (row.client_id === null ? [] : [row.client_id]));
      return { ...counted, firstIds: counted.allWords ? firstIds : null };
    }
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
async function pageFromWords(
  words: MatchingWords,
  [column, direction]: SearchSort,
  offset: number,
  pageSize: number,
): Promise<string[]> {
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
   * How many clients with the first term's prefix, in the list's order, a broad search may look at
   * per client up to the end of the page before it gives up walking and sorts the words instead.
   */
  walkPerWanted: number;
}

const tuning: SearchTuning = { countLimit: clientSearchCountLimit, walkPerWanted: 40 };

/** The practice's client_search_prefixes rows with one prefix, in the status and portal state asked for. */
function clientsWithPrefix(scope: Scope, filter: Filter, prefix: string) {
  let query = scope.db
    .selectFrom('client_search_prefixes')
    .where('client_search_prefixes.practice_id', '=', scope.practiceId)
    .where('client_search_prefixes.prefix', '=', prefix);
  for (const condition of listFilterConditions('client_search_prefixes', filter)) query = query.where(condition);
  return withinReach(query, scope, 'client_search_prefixes.client_id');
}

/**
 * The clients whose words start with the first term's first characters (client_search_prefixes:
 * one row per client and prefix, keyed in the list's order), in that order and at most `walk` of
 * them when given, that match every term. A first term of up to three characters is proved by the
 * prefix itself; a further term that short is its own prefix row, looked up by its whole key, which
 * PostgreSQL may also merge with the first term's rows since both come in the list's order; a
 * longer term is probed per client through the words' (client_id, word) index.
 */
function prefixMatches(
  scope: Scope,
  filter: Filter,
  terms: readonly string[],
  [column, direction]: SearchSort,
  walk: number | null,
) {
  const [first = ''] = terms;
  let candidates = clientsWithPrefix(scope, filter, searchPrefix(first)).select([
    'client_search_prefixes.client_id',
    'client_search_prefixes.sort_name',
    'client_search_prefixes.created_at',
  ]);
  if (walk !== null) {
    candidates = candidates
      .orderBy(`client_search_prefixes.${column}`, direction)
      .orderBy('client_search_prefixes.client_id', direction)
      .limit(walk);
  }
  let query = scope.db.selectFrom(candidates.as('walked'));
  for (const term of terms) {
    if (term === first && prefixIsWholeTerm(term)) continue;
    const refs = { clientId: 'walked.client_id', sortName: 'walked.sort_name' };
    query = query.where((eb) => eb.exists(termProbe(scope, term, refs, { withPractice: false })));
  }
  return query;
}

/** One page of prefixMatches, in the list's order. */
async function pageOfPrefixMatches(
  scope: Scope,
  filter: Filter,
  terms: readonly string[],
  sort: SearchSort,
  walk: number | null,
  offset: number,
  pageSize: number,
): Promise<string[]> {
  const [column, direction] = sort;
  const rows = await prefixMatches(scope, filter, terms, sort, walk)
    .select('walked.client_id')
    .orderBy(`walked.${column}`, direction)
    .orderBy('walked.client_id', direction)
    .limit(pageSize)
    .offset(offset)
    .execute();
  return rows.map((row) => row.client_id);
}

/**
 * One page of a broad search (more than countLimit clients match) whose first term is longer than
 * a prefix ("smith"), found by walking the clients with its prefix ("smi") in the list's order.
 * Those are mostly matches, so the walk is short however many there are and wherever in the order
 * they sit. When few of them match every term, the walk stops after its budget and answers null.
 */
async function pageFromWalk(
  scope: Scope,
  filter: Filter,
  terms: readonly string[],
  sort: SearchSort,
  offset: number,
  pageSize: number,
  walkPerWanted: number,
): Promise<string[] | null> {
  const budget = (offset + pageSize) * walkPerWanted;
  const ids = await pageOfPrefixMatches(scope, filter, terms, sort, budget, offset, pageSize);
  if (ids.length === pageSize) return ids;
  // A short page is the answer only if the walk read every client with the prefix.
  const [first = ''] = terms;
  const read = clientsWithPrefix(scope, filter, searchPrefix(first))
    .select('client_search_prefixes.client_id')
    .limit(budget);
  const counted = await scope.db
    .selectFrom(read.as('read'))
    .select((eb) => eb.fn.countAll<number | string>().as('rows'))
    .executeTakeFirstOrThrow();
  return Number(counted.rows) < budget ? ids : null;
}

/**
 * A search whose first (longest) term has at most a prefix's characters ("s", "a s", "ann"): its
 * matches are exactly the prefix rows that pass the other terms' probes, one row per client, so the
 * count reads at most countLimit + 1 of them and the page is read in the list's order from the
 * index, stopping at its last row — however many clients match, and with no words to sort.
 */
async function searchByPrefix(
  scope: Scope,
  query: ClientListQuery,
  terms: readonly string[],
  sort: SearchSort,
  countLimit: number,
): Promise<{ ids: string[]; total: number; totalCapped: boolean }> {
  const offset = (query.page - 1) * query.pageSize;
  const counted = await scope.db
    .selectFrom(
      prefixMatches(scope, query, terms, sort, null)
        .select('walked.client_id')
        .limit(countLimit + 1)
        .as('counted'),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('clients'))
    .executeTakeFirstOrThrow();
  const clients = Number(counted.clients);
  const ids = await pageOfPrefixMatches(scope, query, terms, sort, null, offset, query.pageSize);
  return clients > countLimit
    ? { ids, total: countLimit, totalCapped: true }
    : { ids, total: clients, totalCapped: false };
}

/** The practice's clients in the status and portal state asked for: the list without a search. */
export function clientsInList(scope: Scope, filter: ListFilter) {
  let query = scope.db.selectFrom('clients').where('clients.practice_id', '=', scope.practiceId);
  for (const condition of listFilterConditions('clients', filter)) query = query.where(condition);
  return withinReach(query, scope, 'clients.id');
}

/** `text like pattern`, with the pattern's own % and _ matched as themselves. */
function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The client's search document has a word starting with `term`: " " + term somewhere in it. */
function documentHasWordStarting(term: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref('clients.search_document')} like ${`% ${likePattern(term)}%`} escape '\\'`;
}

/**
 * The clients of a practice without search rows (decision 027) whose search document has a word
 * starting with every term: " " + term somewhere in it. The practice has fewer than
 * searchRowsFromClients clients, so one statement reads the list's own index in its order, looks at
 * each client's document and returns the matches' ids up to the end of the page or one past the
 * count limit, whichever is further: the page and the total come from the same rows.
 */
async function searchByDocument(
  scope: Scope,
  query: ClientListQuery,
  terms: readonly string[],
  [column, direction]: SearchSort,
  countLimit: number,
): Promise<{ ids: string[]; total: number; totalCapped: boolean }> {
  let matches = clientsInList(scope, query);
  for (const term of terms) {
    matches = matches.where(documentHasWordStarting(term));
  }
  const offset = (query.page - 1) * query.pageSize;
  const rows = await matches
    .select('clients.id')
    .orderBy(`clients.${column}`, direction)
    .orderBy('clients.id', direction)
    .limit(Math.max(countLimit + 1, offset + query.pageSize))
    .execute();
  const ids = rows.slice(offset, offset + query.pageSize).map((row) => row.id);
  return rows.length > countLimit
    ? { ids, total: countLimit, totalCapped: true }
    : { ids, total: rows.length, totalCapped: false };
}

/**
 * One condition per term on a query that joins `clients`: the client has a word starting with the
 * term, matched as the client search matches (decision 027): through the search words where the
 * practice keeps them, else through the client's search document. Terms are lower-cased words as
 * `clientSearchWords` folds them. For other lists of clients (the Messages inbox's search).
 */
export async function clientMatchesTerms(scope: Scope, terms: readonly string[]): Promise<RawBuilder<SqlBool>[]> {
  if (terms.length === 0) return [];
  const { kept } = await practiceSearchRows(scope);
  return terms.map((term) =>
    kept
      ? sql<SqlBool>`${sql.ref('clients.id')} in (${scope.db
          .selectFrom('client_search_words')
          .select('client_search_words.client_id')
          .where('client_search_words.practice_id', '=', scope.practiceId)
          .where('client_search_words.word', '>=', term)
          .where('client_search_words.word', '<', prefixUpperBound(term))})`
      : documentHasWordStarting(term),
  );
}

export async function searchClientIds(
  scope: Scope,
  query: ClientListQuery,
  terms: readonly string[],
  sort: SearchSort,
  { countLimit, walkPerWanted }: SearchTuning = tuning,
): Promise<{ ids: string[]; total: number; totalCapped: boolean }> {
  if (!(await practiceSearchRows(scope)).kept) return searchByDocument(scope, query, terms, sort, countLimit);
  const [first = ''] = terms;
  if (prefixIsWholeTerm(first)) return searchByPrefix(scope, query, terms, sort, countLimit);
  const words = matchingWords(scope, query, terms);
  const offset = (query.page - 1) * query.pageSize;
  const wanted = offset + query.pageSize;
  const counted = await countMatches(scope.db, words, sort, wanted, (countLimit + 1) * 2, countLimit);
  const total =
    counted.clients > countLimit
      ? { total: countLimit, totalCapped: true }
      : { total: counted.clients, totalCapped: false };
  if (counted.firstIds) return { ids: counted.firstIds.slice(offset, wanted), ...total };
  // A walk pays off for a broad search; past the first countLimit matches (which the list does not
  // offer) it could grow to every client with the prefix.
  const walk = total.totalCapped && offset + query.pageSize <= countLimit;
  const walked = walk ? await pageFromWalk(scope, query, terms, sort, offset, query.pageSize, walkPerWanted) : null;
  const ids = walked ?? (await pageFromWords(words, sort, offset, query.pageSize));
  return { ids, ...total };
}
