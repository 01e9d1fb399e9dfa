import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientList } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import { setArchived } from '../../modules/clients/clients.service.js';
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

describe('migration 005 (client counts, covering search words)', () => {
  it('counts the clients that exist, keeps every search word, and goes down and up again', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    // Practices with search rows, as from 1,000 clients (migration 021 removes smaller ones' rows).
    for (const id of [practice.id, other.id]) {
      await t.deps.db.transaction().execute((trx) => keepSearchRows(systemScope(trx, id)));
    }
    // No phones: their words came with migration 026, which going down takes off.
    const ada = await createClient(t.deps, practice.id, { firstName: 'Ada', lastName: 'Lovelace', phone: null });
    const grace = await createClient(t.deps, practice.id, { firstName: 'Grace', lastName: 'Hopper', phone: null });
    await createClient(t.deps, practice.id, { firstName: 'Alan', lastName: 'Turing', phone: null });
    await createClient(t.deps, other.id, { phone: null });
    await setArchived(systemContext(t.deps, practice.id), grace.id, true);
    const wordsBefore = await t.deps.db
      .selectFrom('client_search_words')
      .selectAll()
      .orderBy('word')
      .orderBy('client_id')
      .execute();

    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '004-messaging', schema);
    await t.deps.db.deleteFrom('clients').where('id', '=', ada.id).execute();
    await migrateTo(t.deps.db, '019-client-list-portal-filter', schema);

    const counts = await t.deps.db.selectFrom('practice_client_counts').selectAll().orderBy('archived').execute();
    expect(counts).toEqual([
      { practice_id: other.id, active: 1, archived: 0 },
      { practice_id: practice.id, active: 1, archived: 1 },
    ]);
    const wordsAfter = await t.deps.db
      .selectFrom('client_search_words')
      .selectAll()
      .orderBy('word')
      .orderBy('client_id')
      .execute();
    expect(wordsAfter).toEqual(wordsBefore.filter((row) => row.client_id !== ada.id));
    expect(wordsAfter.length).toBeGreaterThan(0);

    // Then these small practices search their clients' documents (migration 021).
    await migrateToLatest(t.deps.db, schema);

    const agent = await signInAs(t.app, practice.owner.email);
    const search = (await agent.get('/api/clients?q=hop&status=all')).json<ClientList>();
    expect(search.items.map((c) => c.id)).toEqual([grace.id]);
    expect((await agent.get('/api/clients?status=all')).json<ClientList>().total).toBe(2);
  });
});
