import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { InsertQueryNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/helpers/test-app.js';
import type { Db } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';
import { writeAuditRow } from './audit-batch.js';
import { newId } from './tokens.js';

/** Counts the inserts the app's database runs. */
class InsertCount implements KyselyPlugin {
  inserts = 0;
  transformQuery({ node }: PluginTransformQueryArgs) {
    if (InsertQueryNode.is(node)) this.inserts += 1;
    return node;
  }
  transformResult({ result }: PluginTransformResultArgs) {
    return Promise.resolve(result);
  }
}

const count = new InsertCount();
let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  const opened = await openTestDatabase();
  db = opened.handle.db.withPlugin(count);
  close = async () => {
    await opened.handle.close();
    await opened.drop();
  };
});

afterAll(() => close());

function row(id = newId()): AuditLogTable {
  return {
    id,
    practice_id: null,
    actor_type: 'system',
    actor_id: null,
    client_id: null,
    action: 'test.read',
    kind: null,
    ip: null,
    user_agent: null,
    details: null,
    created_at: '2026-03-02T15:00:00.000Z',
  };
}

async function stored(ids: string[]): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('id').where('id', 'in', ids).orderBy('id').execute();
  return rows.map((r) => r.id);
}

describe('audit rows written outside a transaction', () => {
  it('the rows of one turn go in one insert, and each writer is answered once its row is stored', async () => {
    const rows = Array.from({ length: 12 }, () => row());
    const before = count.inserts;
    const seen = await Promise.all(
      rows.map(async (r) => {
        await writeAuditRow(db, r);
        return (await stored([r.id])).length;
      }),
    );
    expect(count.inserts - before).toBe(1);
    expect(seen).toEqual(rows.map(() => 1));
    expect(await stored(rows.map((r) => r.id))).toEqual(rows.map((r) => r.id).sort());
  });

  it('a row that cannot be written fails its own writer only', async () => {
    const existing = row();
    await writeAuditRow(db, existing);
    const others = [row(), row()];
    const results = await Promise.allSettled([
      writeAuditRow(db, others[0] ?? row()),
      writeAuditRow(db, row(existing.id)),
      writeAuditRow(db, others[1] ?? row()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored(others.map((r) => r.id))).toEqual(others.map((r) => r.id).sort());
  });

  it('more rows than one insert takes go in several, all stored', async () => {
    const rows = Array.from({ length: 250 }, () => row());
    const before = count.inserts;
    await Promise.all(rows.map((r) => writeAuditRow(db, r)));
    expect(count.inserts - before).toBe(3);
    expect((await stored(rows.map((r) => r.id))).length).toBe(250);
  });
});
