import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientList } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import { searchPrefixRows } from '../../modules/clients/clients.search.js';
import { setArchived, updateClient } from '../../modules/clients/clients.service.js';
import type { Db } from '../database.js';
import { migrateTo, migrateToLatest } from '../migrate.js';
import { systemContext, systemScope } from '../../platform/request-context.js';
import { keepSearchRows } from '../../modules/clients/clients.search-rows.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const byKey = (a: { client_id: string; prefix: string }, b: { client_id: string; prefix: string }) =>
  a.client_id === b.client_id ? (a.prefix < b.prefix ? -1 : 1) : a.client_id < b.client_id ? -1 : 1;

async function prefixRows(db: Db) {
  return (await db.selectFrom('client_search_prefixes').selectAll().execute()).sort(byKey);
}

describe('migration 007 (client search prefixes)', () => {
  it('writes the prefixes the application writes, for every client as it now stands, and goes down and up again', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    // Practices with search rows, as from 1,000 clients (migration 021 removes smaller ones' rows).
    for (const id of [practice.id, other.id]) {
      await t.deps.db.transaction().execute((trx) => keepSearchRows(systemScope(trx, id)));
    }
    const caller = systemContext(t.deps, practice.id);
    const email = (address: string) => ({ address, type: 'home' as const, emailOk: true, isPrimary: true });
    const zoe = await createClient(t.deps, practice.id, {
      firstName: 'Zoë',
      lastName: "O'Brien",
      emails: [email('zoe.ob@example.test')],
      // No phones: their words came with migration 026, which going down takes off.
      phone: null,
    });
    const rainbow = await createClient(t.deps, practice.id, {
      firstName: '🌈Sky',
      lastName: 'Émile',
      preferredName: 'Ém',
      emails: [],
      phone: null,
    });
    const renamed = await createClient(t.deps, practice.id, { firstName: 'Grace', lastName: 'Hopper', phone: null });
    await updateClient(caller, renamed.id, {
      firstName: 'Grace',
      lastName: 'Murray',
      preferredName: null,
      dateOfBirth: null,
      phone: null,
      emails: [email('gm@navy.example')],
    });
    await setArchived(caller, rainbow.id, true);
    await createClient(t.deps, other.id, { firstName: 'Al', lastName: 'Ai', phone: null });

    // What the application wrote is exactly what the clients as they stand call for.
    const clients = await t.deps.db.selectFrom('clients').selectAll().execute();
    const written = await prefixRows(t.deps.db);
    expect(written).toEqual(searchPrefixRows(clients).sort(byKey));
    expect(written.filter((row) => row.client_id === zoe.id).map((row) => row.prefix)).toEqual(
      expect.arrayContaining(['z', 'zo', 'zoë', 'zoe', 'o', "o'b", 'ob', 'obr', 'e', 'ex']),
    );
    expect(written.filter((row) => row.client_id === rainbow.id).map((row) => row.prefix)).toEqual(
      expect.arrayContaining(['🌈', '🌈s', '🌈sk', 'é', 'ém', 'emi', 's', 'sky']),
    );
    expect(written.some((row) => row.client_id === renamed.id && row.prefix.startsWith('h'))).toBe(false);

    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '006-rate-limit-windows', schema);
    await migrateTo(t.deps.db, '019-client-list-portal-filter', schema);
    expect(await prefixRows(t.deps.db)).toEqual(written);
    // Then these small practices search their clients' documents (migration 021).
    await migrateToLatest(t.deps.db, schema);

    const agent = await signInAs(t.app, practice.owner.email);
    const search = (await agent.get(`/api/clients?q=${encodeURIComponent('🌈s')}&status=all`)).json<ClientList>();
    expect(search.items.map((c) => c.id)).toEqual([rainbow.id]);
  });
});
