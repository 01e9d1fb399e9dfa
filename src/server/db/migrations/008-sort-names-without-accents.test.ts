import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientList } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import type { Db } from '../database.js';
import { migrateTo, migrateToLatest } from '../migrate.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/** Every copy of every client's sort name: the client rows, the words and the prefix rows. */
async function sortNames(db: Db) {
  const clients = await db.selectFrom('clients').select(['id', 'sort_name']).orderBy('id').execute();
  const words = await db
    .selectFrom('client_search_words')
    .select(['client_id', 'word', 'sort_name'])
    .orderBy('client_id')
    .orderBy('word')
    .execute();
  const prefixes = await db
    .selectFrom('client_search_prefixes')
    .select(['client_id', 'prefix', 'sort_name'])
    .orderBy('client_id')
    .orderBy('prefix')
    .execute();
  return { clients, words, prefixes };
}

describe('migration 008 (sort names without accents)', () => {
  it('sorts Åsa with the As in every copy of the sort name, and goes down and up again', async () => {
    const practice = await createPractice(t.deps);
    const email = (address: string) => ({ address, type: 'home' as const, emailOk: true, isPrimary: true });
    const asa = await createClient(t.deps, practice.id, {
      firstName: 'Åsa',
      lastName: 'Allen',
      emails: [email('asa@example.test')],
    });
    const william = await createClient(t.deps, practice.id, {
      firstName: 'William',
      lastName: 'Allen',
      emails: [email('w@example.test')],
    });
    const emile = await createClient(t.deps, practice.id, {
      firstName: 'Émile',
      lastName: 'Zola',
      emails: [email('ez@example.test')],
    });
    const agent = await signInAs(t.app, practice.owner.email);
    const byName = async (q: string) =>
      (await agent.get(`/api/clients?sort=name&q=${encodeURIComponent(q)}`)).json<ClientList>().items.map((c) => c.id);
    expect(await byName('allen')).toEqual([asa.id, william.id]);

    const current = await sortNames(t.deps.db);
    expect(current.clients.find((c) => c.id === emile.id)?.sort_name).toBe('zola emile');

    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '007-client-search-prefixes', schema);
    // As the key was: "å" after "w", bytewise, in the client row and in every copy.
    const before = await sortNames(t.deps.db);
    expect(before.clients.find((c) => c.id === asa.id)?.sort_name).toBe('allen åsa');
    expect(new Set(before.words.filter((w) => w.client_id === asa.id).map((w) => w.sort_name))).toEqual(
      new Set(['allen åsa']),
    );
    expect(new Set(before.prefixes.filter((p) => p.client_id === asa.id).map((p) => p.sort_name))).toEqual(
      new Set(['allen åsa']),
    );
    // The list of today reads columns of later migrations (019); the order it had is the key's.
    const inKeyOrder = await t.deps.db
      .selectFrom('clients')
      .select('id')
      .where('practice_id', '=', practice.id)
      .where('last_name', '=', 'Allen')
      .orderBy('sort_name')
      .execute();
    expect(inKeyOrder.map((c) => c.id)).toEqual([william.id, asa.id]);

    await migrateToLatest(t.deps.db, schema);
    expect(await sortNames(t.deps.db)).toEqual(current);
    expect(await byName('allen')).toEqual([asa.id, william.id]);
    expect(await byName('al')).toEqual([asa.id, william.id]);
  });
});
