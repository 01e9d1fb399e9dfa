import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSorts, type ClientListQuery } from '../../../shared/schemas/clients.js';
import { portalStates } from '../../../shared/schemas/portal-access.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { setClientArchived, setClientPortalState } from './clients.queries.js';
import { setArchived, updateClient } from './clients.service.js';
import { systemContext, systemScope } from '../../platform/request-context.js';
import { clientSearchWords } from './clients.search.js';
import { keepSearchRows, practiceSearchRows } from './clients.search-rows.js';
import { searchClientIds, searchTerms, type SearchSort, type SearchTuning } from './clients.search-queries.js';

/**
 * The search's ways to a page must all give the page a full sort would: a first term of up to three
 * characters read from its prefix rows in the list's order; else the sorted words (few matches),
 * the walk through the first term's prefix rows in the list's order (a broad search), and the words
 * again when the walk gives up. Small limits make 120 clients "broad", and every way is checked
 * against a brute-force answer.
 */
let t: TestApp;
/** Two practices with the same clients: one keeps search rows (as from 1,000 clients), one searches its clients' documents. */
const practices: Record<string, string> = {};
let practiceId: string;

const sorts: Record<ClientListQuery['sort'], SearchSort> = {
  name: ['sort_name', 'asc'],
  '-name': ['sort_name', 'desc'],
  created: ['created_at', 'asc'],
  '-created': ['created_at', 'desc'],
};

const email = (address: string) => ({ address, type: 'home' as const, emailOk: true, isPrimary: true });

/** Names and addresses with punctuation, accents and short words, for the edges of "starts a word". */
const awkward = [
  { firstName: 'Siobhán', lastName: "O'Connor-Nic Aodha", emails: [email('siobhan+therapy@mail.example')] },
  { firstName: 'Jean-Luc', lastName: 'Da Silva', emails: [email('jl_da.silva@x.example')] },
  { firstName: 'Al', lastName: 'Xu', preferredName: 'A.J.', emails: [email('a+b_c@xu.example')] },
  { firstName: 'Zoë', lastName: 'Ng', emails: [] },
];

async function seedPractice(keepsRows: boolean): Promise<string> {
  const id = (await createPractice(t.deps)).id;
  if (keepsRows) await t.deps.db.transaction().execute((trx) => keepSearchRows(systemScope(trx, id)));
  const system = systemContext(t.deps, id);
  for (let i = 0; i < 120; i++) {
    const n = String(i).padStart(2, '0');
    // Zebras sort last by name and are created among the others; some match "zeb" through several
    // words (name, preferred name and email), some only through their email.
    const client =
      i % 30 === 29
        ? (awkward[(i - 29) / 30] ?? {})
        : i % 3 === 0
          ? {
              firstName: i % 9 === 0 ? 'Ann' : `Ann${n}`,
              lastName: 'Zebra',
              preferredName: 'Zebby',
              emails: [email(`zeb.${n}@zebra.example`)],
            }
          : i % 7 === 0
            ? { firstName: `Bo${n}`, lastName: `Mills${n}`, emails: [email(`zebedee${n}@example.org`)] }
            : { firstName: `Cy${n}`, lastName: `Adams${n}`, emails: [email(`cy${n}@example.com`)] };
    const created = await createClient(t.deps, id, client);
    if (i % 6 === 0) {
      const now = t.deps.clock.now().toISOString();
      await t.deps.db.transaction().execute((trx) => setClientArchived(systemScope(trx, id), created.id, now, now));
    }
    // Some Cys are renamed after the fact (their search rows rewritten, sort name and all), one of
    // them to a name with characters outside the BMP; some archived clients are restored.
    if (i % 11 === 1) {
      const renamed =
        i === 12 ? { firstName: '🦓Zed', lastName: 'Zebrano' } : { firstName: `Zebulon${n}`, lastName: `Ayers${n}` };
      const { preferredName, dateOfBirth, phone, emails } = created;
      await updateClient(system, created.id, { ...renamed, preferredName, dateOfBirth, phone, emails });
    }
    if (i % 12 === 6) await setArchived(system, created.id, false);
    // Client Portal states spread over every kind of client (the copies are what the search filters).
    const state = (['not_invited', 'invited', 'active', 'disabled'] as const)[i % 5 === 0 ? 2 : i % 4];
    if (state && state !== 'not_invited') {
      await t.deps.db.transaction().execute((trx) => setClientPortalState(systemScope(trx, id), created.id, state));
    }
    // Some clients are created in the same minute, and some Zebras share a name: ties the id breaks.
    if (i % 4 !== 0) t.deps.clock.advanceMinutes(1);
  }
  return id;
}

beforeAll(async () => {
  t = await buildTestApp();
  practices.rows = await seedPractice(true);
  practices.documents = await seedPractice(false);
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** The page a full sort gives: the practice's clients in the list's order, filtered here by matching. */
async function expectedPage(query: ClientListQuery): Promise<{ ids: string[]; matches: number }> {
  const [column, direction] = sorts[query.sort];
  let rows = t.deps.db
    .selectFrom('clients')
    .select(['id', 'search_text'])
    .where('practice_id', '=', practiceId)
    .orderBy(column, direction)
    .orderBy('id', direction);
  if (query.status === 'active') rows = rows.where('archived_at', 'is', null);
  if (query.status === 'archived') rows = rows.where('archived_at', 'is not', null);
  if (query.portal) rows = rows.where('portal_state', '=', query.portal);
  const terms = searchTerms(query.q);
  const matching = (await rows.execute()).filter((row) =>
    terms.every((term) => clientSearchWords(row.search_text).some((word) => word.startsWith(term))),
  );
  const offset = (query.page - 1) * query.pageSize;
  return { ids: matching.slice(offset, offset + query.pageSize).map((row) => row.id), matches: matching.length };
}

const tunings: Record<string, SearchTuning> = {
  'counted in full': { countLimit: 1000, walkPerWanted: 40 },
  'broad, walk gives up at once': { countLimit: 30, walkPerWanted: 1 },
  'broad, short walks': { countLimit: 30, walkPerWanted: 3 },
  'broad, walks as far as needed': { countLimit: 30, walkPerWanted: 1000 },
  // Few enough that the archived clients' searches are broad too.
  'broad from five matches, short walks': { countLimit: 5, walkPerWanted: 3 },
  'broad from five matches, walks as far as needed': { countLimit: 5, walkPerWanted: 1000 },
};

describe.each([
  ['in a practice that keeps search rows', 'rows'],
  ['in a practice that searches its clients’ documents', 'documents'],
])('%s', (_mode, mode) => {
  beforeAll(async () => {
    practiceId = practices[mode] ?? '';
    expect((await practiceSearchRows(systemScope(t.deps.db, practiceId))).kept).toBe(mode === 'rows');
  });

  it('finds the start of any word, with punctuation, accents, short terms and characters of LIKE', async () => {
    const searches = [
      "o'c",
      "o'connor-nic",
      'oconnor',
      'connor',
      'nic',
      'aodha',
      'siobhán',
      'siobhan',
      'siobhan+t',
      'therapy',
      'mail.example',
      '+',
      'jean-l',
      'jeanluc',
      'luc',
      'jl_',
      'jl_da',
      '_',
      '%',
      'da s',
      'a.j',
      'aj',
      'a+b',
      'b_c',
      'x',
      'xu',
      'zoë',
      'zoe',
      'z n',
      '-',
      '\\',
    ];
    for (const q of searches) {
      for (const sort of ['name', '-created'] as const) {
        for (const status of ['active', 'all'] as const) {
          const query: ClientListQuery = { q, sort, status, page: 1, pageSize: 100 };
          const expected = await expectedPage(query);
          const found = await searchClientIds(systemScope(t.deps.db, practiceId), query, searchTerms(q), sorts[sort]);
          expect(found, JSON.stringify(query)).toEqual({
            ids: expected.ids,
            total: expected.matches,
            totalCapped: false,
          });
        }
      }
    }
    // The edges are real matches, not only agreement on nothing.
    const count = async (q: string) =>
      (await expectedPage({ q, sort: 'name', status: 'all', page: 1, pageSize: 100 })).matches;
    expect(await count("o'c")).toBe(1);
    expect(await count('connor')).toBe(1);
    expect(await count('siobhan+t')).toBe(1);
    expect(await count('jl_da')).toBe(1);
    expect(await count('%')).toBe(0);
  });

  describe.each(Object.entries(tunings))('client search, %s', (_name, tuning) => {
    it('gives the page a full sort would, in every order, status and page', async () => {
      // A first term of up to three characters is answered by its prefix rows; a longer one ("zebr":
      // the walk reads every "zeb", Zebedees and Zebulons too) and further terms are probed per client.
      const searches = [
        'zeb',
        'zebe',
        'zebr',
        'zebra ann',
        'ann zeb',
        'zebby',
        'zebul ay',
        'adams',
        'a',
        'a zeb',
        'example',
        '🦓',
        '🦓z',
        'nothing',
      ];
      for (const q of searches) {
        for (const sort of clientSorts) {
          for (const status of ['active', 'archived', 'all'] as const) {
            // The last two pages lie past the first countLimit matches, where no walk is tried.
            for (const [page, pageSize] of [
              [1, 5],
              [2, 5],
              [3, 7],
              [1, 30],
              [5, 7],
              [1, 100],
            ] as const) {
              const query: ClientListQuery = { q, sort, status, page, pageSize };
              const expected = await expectedPage(query);
              const found = await searchClientIds(
                systemScope(t.deps.db, practiceId),
                query,
                searchTerms(q),
                sorts[sort],
                tuning,
              );
              const capped = expected.matches > tuning.countLimit;
              expect(found, JSON.stringify(query)).toEqual({
                ids: expected.ids,
                total: capped ? tuning.countLimit : expected.matches,
                totalCapped: capped,
              });
            }
          }
        }
      }
    }, 60_000);
  });

  describe.each(Object.entries(tunings))('client search with a Client Portal state, %s', (_name, tuning) => {
    it('gives the page a full sort would, for every state', async () => {
      for (const q of ['zeb', 'zebr', 'zebra ann', 'adams', 'a']) {
        for (const portal of portalStates) {
          for (const sort of ['name', '-created'] as const) {
            for (const status of ['active', 'all'] as const) {
              for (const [page, pageSize] of [
                [2, 5],
                [1, 100],
              ] as const) {
                const query: ClientListQuery = { q, sort, status, portal, page, pageSize };
                const expected = await expectedPage(query);
                const found = await searchClientIds(
                  systemScope(t.deps.db, practiceId),
                  query,
                  searchTerms(q),
                  sorts[sort],
                  tuning,
                );
                const capped = expected.matches > tuning.countLimit;
                expect(found, JSON.stringify(query)).toEqual({
                  ids: expected.ids,
                  total: capped ? tuning.countLimit : expected.matches,
                  totalCapped: capped,
                });
              }
            }
          }
        }
      }
    }, 60_000);
  });
});
