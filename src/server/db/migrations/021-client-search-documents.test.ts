import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientList } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPortalAccess } from '../../../../test/factories/portal.js';
import { createPractice, factoryPassword } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import { seedDatabase } from '../../../../seed/seed-database.js';
import {
  clientSearchDocument,
  phoneSearchWords,
  searchPrefixRows,
  searchRowsFromClients,
  searchWordRows,
} from '../../modules/clients/clients.search.js';
import { setArchived, updateClient } from '../../modules/clients/clients.service.js';
import { systemContext } from '../../platform/request-context.js';
import type { Db } from '../database.js';
import { migrateTo, migrateToLatest } from '../migrate.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedRows = <R extends { client_id: string }>(rows: R[], key: (row: R) => string) =>
  [...rows].sort((a, b) => byKey(`${a.client_id} ${key(a)}`, `${b.client_id} ${key(b)}`));

/** The client's search text before migration 026 added its phone's words at the end. */
function withoutPhoneWords<C extends { phone: string | null; search_text: string }>(client: C): C {
  const tail = ` ${phoneSearchWords(client.phone).join(' ')}`;
  return tail !== ' ' && client.search_text.endsWith(tail)
    ? { ...client, search_text: client.search_text.slice(0, -tail.length) }
    : client;
}

/** Every search row, in a stable order. */
async function searchRows(db: Db) {
  return {
    words: sortedRows(await db.selectFrom('client_search_words').selectAll().execute(), (row) => row.word),
    prefixes: sortedRows(await db.selectFrom('client_search_prefixes').selectAll().execute(), (row) => row.prefix),
  };
}

/** Each client's document as its set of words (the order of the words is not part of it). */
async function documents(db: Db) {
  const rows = await db.selectFrom('clients').select(['id', 'search_document']).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, words: row.search_document.split(' ').slice(1).sort(byKey) }));
}

describe('migration 021 (search documents; search rows only in large practices)', () => {
  it('gives every client its document, keeps rows only from 1,000 clients, and goes down and up again', async () => {
    const seeded = await seedDatabase(t.deps.db, t.deps.dialect, {
      practices: 1,
      clientsPerPractice: searchRowsFromClients,
      password: factoryPassword,
    });
    const large = seeded.practices[0];
    if (!large) throw new Error('no practice seeded');
    const small = await createPractice(t.deps);
    const caller = systemContext(t.deps, small.id);
    const email = (address: string) => ({ address, type: 'home' as const, emailOk: true, isPrimary: true });
    const siobhan = await createClient(t.deps, small.id, {
      firstName: 'Siobhán',
      lastName: "O'Connor-Nic Aodha",
      emails: [email('siobhan+therapy@mail.example')],
    });
    const rainbow = await createClient(t.deps, small.id, { firstName: '🌈Sky', lastName: 'Émile', emails: [] });
    const renamed = await createClient(t.deps, small.id, { firstName: 'Grace', lastName: 'Hopper' });
    await updateClient(caller, renamed.id, {
      firstName: 'Grace',
      lastName: 'Murray',
      preferredName: 'G',
      dateOfBirth: null,
      phone: null,
      emails: [email('gm@navy.example')],
    });
    await setArchived(caller, rainbow.id, true);
    await createPortalAccess(t.deps, small.id, siobhan.id, { state: 'invited' });

    // As the application writes them: documents for all, rows for the large practice only.
    const clients = await t.deps.db.selectFrom('clients').selectAll().execute();
    const current = { documents: await documents(t.deps.db), rows: await searchRows(t.deps.db) };
    expect(clients.every((c) => c.search_document === clientSearchDocument(c.search_text))).toBe(true);
    const largeClients = clients.filter((c) => c.practice_id === large.id);
    expect(largeClients).toHaveLength(searchRowsFromClients);
    expect(current.rows.words).toEqual(sortedRows(searchWordRows(largeClients), (row) => row.word));
    expect(current.rows.prefixes).toEqual(sortedRows(searchPrefixRows(largeClients), (row) => row.prefix));
    const flags = await t.deps.db.selectFrom('practice_client_counts').select(['practice_id', 'search_rows']).execute();
    expect(new Map(flags.map((row) => [row.practice_id, row.search_rows]))).toEqual(
      new Map([
        [large.id, 1],
        [small.id, 0],
      ]),
    );

    // Down: every client has its words and prefixes again, as the application wrote them before.
    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '019-client-list-portal-filter', schema);
    // (Going down through migration 026 took the phones' words off first.)
    const restored = await searchRows(t.deps.db);
    const before026 = clients.map(withoutPhoneWords);
    expect(restored.words).toEqual(sortedRows(searchWordRows(before026), (row) => row.word));
    expect(restored.prefixes).toEqual(sortedRows(searchPrefixRows(before026), (row) => row.prefix));
    expect(restored.words.find((row) => row.client_id === siobhan.id)?.portal_state).toBe('invited');
    expect(restored.words.find((row) => row.client_id === rainbow.id)?.archived).toBe(1);

    // Up: the documents are made from those words, and the small practice's rows go.
    await migrateToLatest(t.deps.db, schema);
    expect(await documents(t.deps.db)).toEqual(current.documents);
    expect(await searchRows(t.deps.db)).toEqual(current.rows);

    const agent = await signInAs(t.app, small.owner.email);
    const search = async (q: string) =>
      (await agent.get(`/api/clients?status=all&q=${encodeURIComponent(q)}`)).json<ClientList>().items.map((c) => c.id);
    expect(await search('🌈s')).toEqual([rainbow.id]);
    expect(await search("o'connor-n")).toEqual([siobhan.id]);
    expect(await search('murr g')).toEqual([renamed.id]);
    expect(await search('hopper')).toEqual([]);
  }, 120_000);
});
