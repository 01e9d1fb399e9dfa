import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditEntry } from '../../../../test/factories/audit.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { buildTestApp, testDatabaseKind, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import { auditRowsQuery, type AuditSelection } from '../../modules/audit/audit.queries.js';
import { newId } from '../../platform/tokens.js';
import { migrateTo, migrateToLatest } from '../migrate.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('migration 014 (audit log kinds and filter indexes)', () => {
  it('gives the rows already written their kind, and goes down and up again', async () => {
    const practice = await createPractice(t.deps);
    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(t.deps.db, '010-disable-portal-access-on-lost-address', schema);
    const actions = [
      'staff.signed_in',
      'portal.signed_in',
      'portal.invited',
      'portal.settings_updated',
      'portal.something_new',
      'client.viewed',
      'client.email_added',
      'messages.viewed',
      'attachment.downloaded',
      'practice.created',
      'weird.thing',
    ];
    for (const action of actions) {
      await t.deps.db
        .insertInto('audit_log')
        .values({
          id: newId(),
          practice_id: practice.id,
          actor_type: 'system',
          actor_id: null,
          client_id: null,
          action,
          ip: null,
          user_agent: null,
          details: null,
          created_at: new Date().toISOString(),
        })
        .execute();
    }
    await migrateToLatest(t.deps.db, schema);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'kind'])
      .where('practice_id', '=', practice.id)
      .where('action', 'in', actions)
      .execute();
    expect(Object.fromEntries(rows.map((row) => [row.action, row.kind]))).toEqual({
      'staff.signed_in': 'sign_in',
      'portal.signed_in': 'sign_in',
      'portal.invited': 'portal_access',
      'portal.settings_updated': 'settings',
      'portal.something_new': 'portal_access',
      'client.viewed': 'client_records',
      'client.email_added': 'client_records',
      'messages.viewed': 'messages',
      'attachment.downloaded': 'messages',
      'practice.created': 'settings',
      'weird.thing': null,
    });
  });

  it('lets each filter of the log read its own index', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    const staff = await createStaff(t.deps, practice.id);
    const actions = ['client.viewed', 'staff.signed_in', 'message.sent', 'portal.invited', 'practice.created'];
    // Enough rows in two practices that an index beats reading the table.
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      id: newId(),
      practice_id: i % 3 === 0 ? other.id : practice.id,
      actor_type: 'staff' as const,
      actor_id: i % 7 === 0 ? staff.id : practice.owner.id,
      client_id: newId(),
      action: actions[i % actions.length] ?? 'client.viewed',
      kind: ['client_records', 'sign_in', 'messages', 'portal_access', 'settings'][i % 5] ?? null,
      ip: null,
      user_agent: null,
      details: null,
      created_at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 300) {
      await t.deps.db
        .insertInto('audit_log')
        .values(rows.slice(i, i + 300))
        .execute();
    }
    await createAuditEntry(t.deps, practice.id, { action: 'client.viewed' });
    await t.deps.db.executeQuery(CompiledQuery.raw('analyze'));

    const scope = { practiceId: practice.id, db: t.deps.db };
    async function plan(selection: AuditSelection): Promise<string> {
      const compiled = auditRowsQuery(scope, { ...selection, limit: 51 }).compile();
      if (testDatabaseKind === 'sqlite') {
        const result = await t.deps.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
        );
        return result.rows.map((row) => row.detail).join('\n');
      }
      return t.deps.db.transaction().execute(async (trx) => {
        // PostgreSQL may still read a small table whole; forbid that to see which index it would use.
        await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
        const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
        );
        return result.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    }

    const firstRow = rows[1];
    expect(await plan({ kind: 'messages' })).toContain('audit_practice_kind_created');
    expect(await plan({ staffId: staff.id })).toContain('audit_practice_actor_created');
    expect(await plan({ clientId: firstRow?.client_id })).toContain('audit_practice_client_created');
    expect(await plan({ fromTime: '2026-01-01T10:00:00.000Z', toTime: '2026-01-02T00:00:00.000Z' })).toContain(
      'audit_practice_created',
    );
    expect(await plan({})).toContain('audit_practice_created');
    for (const selection of [{ kind: 'sign_in' }, { staffId: staff.id }, {}]) {
      expect(await plan(selection)).not.toMatch(/SCAN audit_log\b(?! USING)|Seq Scan on audit_log/);
    }
  });
});
