import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../../test/factories/clients.js';
import { factoryPassword } from '../../../../test/factories/practices.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { seedDatabase } from '../../../../seed/seed-database.js';
import { systemScope } from '../../platform/request-context.js';
import { searchPrefixRows, searchRowsFromClients, searchWordRows } from './clients.search.js';
import { practiceSearchRows } from './clients.search-rows.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('search rows of a growing practice', () => {
  it('are written for every client when the practice reaches 1,000 clients, and kept from then on', async () => {
    const seeded = await seedDatabase(t.deps.db, t.deps.dialect, {
      practices: 1,
      clientsPerPractice: searchRowsFromClients - 1,
      password: factoryPassword,
    });
    const practiceId = seeded.practices[0]?.id ?? '';
    const scope = systemScope(t.deps.db, practiceId);
    const rowsOf = async () => ({
      words: (
        await t.deps.db.selectFrom('client_search_words').selectAll().where('practice_id', '=', practiceId).execute()
      )
        .map((row) => `${row.client_id} ${row.word} ${row.sort_name} ${row.archived} ${row.portal_state}`)
        .sort(byKey),
      prefixes: (
        await t.deps.db.selectFrom('client_search_prefixes').selectAll().where('practice_id', '=', practiceId).execute()
      )
        .map((row) => `${row.client_id} ${row.prefix} ${row.sort_name} ${row.archived} ${row.portal_state}`)
        .sort(byKey),
    });
    const expectedOf = async () => {
      const clients = await t.deps.db.selectFrom('clients').selectAll().where('practice_id', '=', practiceId).execute();
      return {
        words: searchWordRows(clients)
          .map((row) => `${row.client_id} ${row.word} ${row.sort_name} ${row.archived} ${row.portal_state}`)
          .sort(byKey),
        prefixes: searchPrefixRows(clients)
          .map((row) => `${row.client_id} ${row.prefix} ${row.sort_name} ${row.archived} ${row.portal_state}`)
          .sort(byKey),
      };
    };

    expect(await practiceSearchRows(scope)).toEqual({ kept: false, clients: searchRowsFromClients - 1 });
    expect(await rowsOf()).toEqual({ words: [], prefixes: [] });

    const last = await createClient(t.deps, practiceId, { firstName: 'Wren', lastName: "D'Arcy-Lowe" });
    expect(await practiceSearchRows(scope)).toEqual({ kept: true, clients: searchRowsFromClients });
    const built = await rowsOf();
    expect(built.words.length).toBeGreaterThan(searchRowsFromClients * 4);
    expect(built).toEqual(await expectedOf());
    expect(built.words.some((row) => row.startsWith(`${last.id} darcylowe `))).toBe(true);

    // The next client's rows are written with it.
    await createClient(t.deps, practiceId, { firstName: 'Ode', lastName: 'Lund' });
    expect(await rowsOf()).toEqual(await expectedOf());
  }, 120_000);
});
