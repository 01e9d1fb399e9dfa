import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientList } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, factoryPassword } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import { seedDatabase } from '../../../../seed/seed-database.js';
import {
  clientSearchDocument,
  clientSearchText,
  searchPrefixRows,
  searchRowsFromClients,
  searchWordRows,
} from '../../modules/clients/clients.search.js';
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

async function searchRows(db: Db) {
  return {
    words: sortedRows(await db.selectFrom('client_search_words').selectAll().execute(), (row) => row.word),
    prefixes: sortedRows(await db.selectFrom('client_search_prefixes').selectAll().execute(), (row) => row.prefix),
  };
}

async function clientsWithEmails(db: Db) {
  const clients = await db.selectFrom('clients').selectAll().orderBy('id').execute();
  const emails = await db.selectFrom('client_emails').select(['client_id', 'address', 'position']).execute();
  return clients.map((client) => ({
    ...client,
    emails: emails.filter((e) => e.client_id === client.id).sort((a, b) => a.position - b.position),
  }));
}

describe('migration 026 (phone numbers in client search)', () => {
  it('takes the phone words off every client and its search rows going down, and puts them back going up', async () => {
    const seeded = await seedDatabase(t.deps.db, t.deps.dialect, {
      practices: 1,
      clientsPerPractice: searchRowsFromClients,
      password: factoryPassword,
    });
    const large = seeded.practices[0];
    if (!large) throw new Error('no practice seeded');
    const small = await createPractice(t.deps, { timeZone: 'Europe/London' });
    const london = await createClient(t.deps, small.id, { lastName: 'Eze', emails: [], phone: '020 7946 0958' });
    const noPhone = await createClient(t.deps, small.id, { lastName: 'Eze', emails: [], phone: null });
    const legacy = await createClient(t.deps, small.id, { lastName: 'Eze', emails: [], phone: null });
    // Stored before numbers were checked: its digits are found, whatever is around them.
    const legacyText = clientSearchText({ ...legacy, phone: 'ring 555-0199 ☎' });
    await t.deps.db
      .updateTable('clients')
      .set({ phone: 'ring 555-0199 ☎', search_text: legacyText, search_document: clientSearchDocument(legacyText) })
      .where('id', '=', legacy.id)
      .execute();

    // As the application writes them.
    const current = await clientsWithEmails(t.deps.db);
    const currentRows = await searchRows(t.deps.db);
    const largeClients = current.filter((c) => c.practice_id === large.id);
    expect(largeClients.filter((c) => c.phone !== null).length).toBeGreaterThan(800);
    expect(currentRows.words).toEqual(sortedRows(searchWordRows(largeClients), (row) => row.word));

    // Down: every text, document and search row is what it was before phones were searched.
    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '024-availability', schema);
    const without = (await clientsWithEmails(t.deps.db)).map((c) => {
      const text = clientSearchText({
        firstName: c.first_name,
        lastName: c.last_name,
        preferredName: c.preferred_name,
        emails: c.emails,
      });
      return { ...c, text, document: clientSearchDocument(text) };
    });
    expect(without.map((c) => [c.id, c.search_text, c.search_document])).toEqual(
      without.map((c) => [c.id, c.text, c.document]),
    );
    const largeWithout = without.filter((c) => c.practice_id === large.id).map((c) => ({ ...c, search_text: c.text }));
    const down = await searchRows(t.deps.db);
    expect(down.words).toEqual(sortedRows(searchWordRows(largeWithout), (row) => row.word));
    expect(down.prefixes).toEqual(sortedRows(searchPrefixRows(largeWithout), (row) => row.prefix));

    // Up: the backfill gives every client what the application writes.
    await migrateToLatest(t.deps.db, schema);
    expect(await clientsWithEmails(t.deps.db)).toEqual(current);
    expect(await searchRows(t.deps.db)).toEqual(currentRows);

    const search = async (email: string, q: string) =>
      (await (await signInAs(t.app, email)).get(`/api/clients?status=all&q=${encodeURIComponent(q)}`))
        .json<ClientList>()
        .items.map((c) => c.id);
    expect(await search(small.owner.email, '020 7946')).toEqual([london.id]);
    expect(await search(small.owner.email, '(555) 01')).toEqual([legacy.id]);
    expect(await search(small.owner.email, 'eze')).toHaveLength(3);
    expect(noPhone.phone).toBeNull();
    const withPhone = largeClients.find((c) => c.phone !== null);
    if (!withPhone?.phone) throw new Error('no seeded phone');
    const found = await search(large.owner.email, withPhone.phone.slice(2));
    expect(found).toContain(withPhone.id);
  }, 120_000);
});
