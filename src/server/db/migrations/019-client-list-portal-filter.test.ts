import {
  CompiledQuery,
  createQueryId,
  SelectQueryNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type RootOperationNode,
} from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientList } from '../../../shared/schemas/clients.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPortalAccess } from '../../../../test/factories/portal.js';
import { createPractice, factoryPassword } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, testDatabaseKind, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import { seedDatabase } from '../../../../seed/seed-database.js';
import type { Db } from '../database.js';
import { migrateTo, migrateToLatest } from '../migrate.js';

/** Every copy of the portal state and the kept counts, in a stable order. */
async function copies(db: Db) {
  return {
    clients: await db.selectFrom('clients').select(['id', 'portal_state']).orderBy('id').execute(),
    words: await db
      .selectFrom('client_search_words')
      .select(['client_id', 'word', 'portal_state'])
      .orderBy('client_id')
      .orderBy('word')
      .execute(),
    prefixes: await db
      .selectFrom('client_search_prefixes')
      .select(['client_id', 'prefix', 'portal_state'])
      .orderBy('client_id')
      .orderBy('prefix')
      .execute(),
    counts: (
      await db
        .selectFrom('practice_portal_state_counts')
        .selectAll()
        .orderBy('practice_id')
        .orderBy('portal_state')
        .execute()
    ).filter((row) => row.active !== 0 || row.archived !== 0),
  };
}

describe('migration 019 (the client list’s Client Portal filter)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('gives the clients there are their portal state in every copy and counts them, and goes down and up again', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    const email = (address: string) => ({ address, type: 'home' as const, emailOk: true, isPrimary: true });
    const states = ['invited', 'active', 'disabled', null, 'active'] as const;
    for (const [i, state] of states.entries()) {
      const client = await createClient(t.deps, i === 4 ? other.id : practice.id, {
        emails: [email(`client${i}@example.test`)],
      });
      if (state) await createPortalAccess(t.deps, i === 4 ? other.id : practice.id, client.id, { state });
      if (i === 1) await signInAs(t.app, practice.owner.email).then((a) => a.post(`/api/clients/${client.id}/archive`));
    }
    const before = await copies(t.deps.db);
    expect(new Set(before.clients.map((c) => c.portal_state))).toEqual(
      new Set(['invited', 'active', 'disabled', 'not_invited']),
    );

    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '014-audit-log-filters', schema);
    await migrateToLatest(t.deps.db, schema);
    expect(await copies(t.deps.db)).toEqual(before);
    expect(before.counts).toEqual(
      [
        { practice_id: practice.id, portal_state: 'active', active: 0, archived: 1 },
        { practice_id: practice.id, portal_state: 'disabled', active: 1, archived: 0 },
        { practice_id: practice.id, portal_state: 'invited', active: 1, archived: 0 },
        { practice_id: practice.id, portal_state: 'not_invited', active: 1, archived: 0 },
        { practice_id: other.id, portal_state: 'active', active: 1, archived: 0 },
      ].sort((a, b) =>
        a.practice_id === b.practice_id
          ? a.portal_state.localeCompare(b.portal_state)
          : a.practice_id < b.practice_id
            ? -1
            : 1,
      ),
    );
  });
});

/**
 * Records the SELECT statements the app runs, to explain them afterwards: a statement's node is
 * kept when its result comes back (subqueries pass through transformQuery too, but are not run alone).
 */
class SelectLog implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  recording = false;
  private seen = new WeakMap<object, RootOperationNode>();
  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    if (this.recording && SelectQueryNode.is(node)) this.seen.set(queryId, node);
    return node;
  }
  transformResult({ result, queryId }: PluginTransformResultArgs) {
    const node = this.seen.get(queryId);
    if (node) this.nodes.push(node);
    return Promise.resolve(result);
  }
}

describe('the Portal filter at scale', () => {
  const log = new SelectLog();
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({}, { plugins: [log] });
  });
  afterEach(async () => {
    await t.close();
  });

  /** The plan of every statement a list request ran, one text per statement. */
  async function plansOf(url: string, agent: Awaited<ReturnType<typeof signInAs>>): Promise<string[]> {
    log.nodes = [];
    log.recording = true;
    const response = await agent.get(url);
    log.recording = false;
    expect(response.statusCode, response.body).toBe(200);
    const plans: string[] = [];
    for (const node of log.nodes) {
      const compiled = t.deps.db.getExecutor().compileQuery(node, createQueryId());
      if (!/"(clients|client_search_words|client_search_prefixes)"/.test(compiled.sql)) continue;
      if (testDatabaseKind === 'sqlite') {
        const result = await t.deps.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
        );
        plans.push(result.rows.map((row) => row.detail).join('\n'));
      } else {
        plans.push(
          await t.deps.db.transaction().execute(async (trx) => {
            // A small table may still be read whole; forbid that to see which index it would use.
            await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
            const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(
              CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
            );
            return result.rows.map((row) => row['QUERY PLAN']).join('\n');
          }),
        );
      }
    }
    return plans;
  }

  it('reads every page through an index, never a whole table, and without a search in the list’s order', async () => {
    const seeded = await seedDatabase(t.deps.db, t.deps.dialect, {
      practices: 2,
      clientsPerPractice: 1500,
      portalAccessesPerPractice: 300,
      password: factoryPassword,
    });
    const [first] = seeded.practices;
    if (!first) throw new Error('no practice seeded');
    await t.deps.db.executeQuery(CompiledQuery.raw('analyze'));
    const agent = await signInAs(t.app, first.owner.email);

    const fullScan = /^SCAN (clients|client_search_words|client_search_prefixes)\b|Seq Scan on/m;
    for (const portal of ['active', 'not_invited']) {
      for (const status of ['active', 'archived', 'all']) {
        for (const sort of ['name', '-created']) {
          const query = `portal=${portal}&status=${status}&sort=${sort}`;
          const [page] = await plansOf(`/api/clients?${query}`, agent);
          expect(page, `${query}\n${page}`).not.toMatch(fullScan);
          // Active and all read the state's clients in the list's order from its index, without
          // sorting them. (Archived clients, a range of archived_at, are sorted, or found walking
          // the practice's clients by date, as in the list without the filter.)
          if (status !== 'archived') {
            expect(page, `${query}\n${page}`).toMatch(
              testDatabaseKind === 'sqlite'
                ? /USING INDEX clients_practice_portal_/
                : /Index (Only )?Scan (Backward )?using clients_practice_portal_/,
            );
            expect(page, `${query}\n${page}`).not.toMatch(/TEMP B-TREE|Sort/);
          }
          for (const q of ['m', 'mart', 'example ma']) {
            for (const plan of await plansOf(`/api/clients?${query}&q=${encodeURIComponent(q)}`, agent)) {
              expect(plan, `${query}&q=${q}`).not.toMatch(fullScan);
            }
          }
        }
      }
    }
    // The filtered list's total is the kept count, the same as counting.
    const listed = (await agent.get('/api/clients?portal=active&pageSize=100')).json<ClientList>();
    expect(listed.total).toBe(300);
    expect(listed.items.every((c) => c.portalState === 'active')).toBe(true);
  }, 60_000);
});
