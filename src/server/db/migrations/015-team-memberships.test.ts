import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, testSchemaOf, type TestApp } from '../../../../test/helpers/test-app.js';
import type { Db } from '../database.js';
import type { ClientsTable } from '../schema.js';
import { migrateTo } from '../migrate.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

// Rows as the code before migration 015 wrote them: one role column on the account.
async function practice(db: Db, id: string) {
  await db
    .insertInto('practices')
    .values({ id, name: id, slug: id, time_zone: 'UTC', created_at: '2026-01-01T00:00:00.000Z' })
    .execute();
}

async function staff(db: Db, id: string, practiceId: string, role: string, createdAt: string) {
  await sql`
    insert into staff_users (id, practice_id, name, email, password_hash, role, created_at)
    values (${id}, ${practiceId}, ${id}, ${`${id}@example.test`}, 'x', ${role}, ${createdAt})
  `.execute(db);
}

async function client(db: Db, id: string, practiceId: string) {
  // The clients table as it was before migration 019 gave it a portal state.
  await (db as unknown as Kysely<{ clients: Omit<ClientsTable, 'portal_state' | 'search_document'> }>)
    .insertInto('clients')
    .values({
      id,
      practice_id: practiceId,
      first_name: 'Test',
      last_name: id,
      preferred_name: null,
      date_of_birth: null,
      phone: null,
      search_text: id,
      sort_name: id,
      archived_at: null,
      created_at: '2026-02-01T00:00:00.000Z',
      updated_at: '2026-02-01T00:00:00.000Z',
    })
    .execute();
}

describe('migration 015 (team memberships)', () => {
  it('makes every account an active member with its role, and gives every client its practice’s first owner', async () => {
    const db = t.deps.db;
    const schema = testSchemaOf(t.databaseUrl);
    await migrateTo(db, '014-audit-log-filters', schema);
    const p = `p-${Date.now().toString(36)}`;
    await practice(db, `${p}-a`);
    await practice(db, `${p}-b`);
    await staff(db, `${p}-late-owner`, `${p}-a`, 'owner', '2026-01-03T00:00:00.000Z');
    await staff(db, `${p}-first-owner`, `${p}-a`, 'owner', '2026-01-02T00:00:00.000Z');
    await staff(db, `${p}-clinician`, `${p}-a`, 'clinician', '2026-01-01T00:00:00.000Z');
    await staff(db, `${p}-biller`, `${p}-a`, 'biller', '2026-01-01T00:00:00.000Z');
    await staff(db, `${p}-b-clinician`, `${p}-b`, 'clinician', '2026-01-01T00:00:00.000Z');
    await client(db, `${p}-a1`, `${p}-a`);
    await client(db, `${p}-a2`, `${p}-a`);
    await client(db, `${p}-b1`, `${p}-b`);

    await migrateTo(db, '015-team-memberships', schema);

    const memberships = await db
      .selectFrom('staff_memberships')
      .select(['practice_id', 'staff_id', 'owner', 'clinician', 'biller', 'scheduler', 'status'])
      .where('staff_id', 'like', `${p}-%`)
      .orderBy('staff_id')
      .execute();
    expect(memberships).toEqual([
      {
        practice_id: `${p}-b`,
        staff_id: `${p}-b-clinician`,
        owner: 0,
        clinician: 1,
        biller: 0,
        scheduler: 0,
        status: 'active',
      },
      {
        practice_id: `${p}-a`,
        staff_id: `${p}-biller`,
        owner: 0,
        clinician: 0,
        biller: 1,
        scheduler: 0,
        status: 'active',
      },
      {
        practice_id: `${p}-a`,
        staff_id: `${p}-clinician`,
        owner: 0,
        clinician: 1,
        biller: 0,
        scheduler: 0,
        status: 'active',
      },
      {
        practice_id: `${p}-a`,
        staff_id: `${p}-first-owner`,
        owner: 1,
        clinician: 1,
        biller: 0,
        scheduler: 0,
        status: 'active',
      },
      {
        practice_id: `${p}-a`,
        staff_id: `${p}-late-owner`,
        owner: 1,
        clinician: 1,
        biller: 0,
        scheduler: 0,
        status: 'active',
      },
    ]);
    const assigned = await db
      .selectFrom('client_clinicians')
      .select(['client_id', 'staff_id', 'is_primary'])
      .where('client_id', 'like', `${p}-%`)
      .orderBy('client_id')
      .execute();
    // A practice without an owner has nobody to assign from: its clients wait for an owner to choose.
    expect(assigned).toEqual([
      { client_id: `${p}-a1`, staff_id: `${p}-first-owner`, is_primary: 1 },
      { client_id: `${p}-a2`, staff_id: `${p}-first-owner`, is_primary: 1 },
    ]);
    // One primary clinician per client, held by the database.
    await expect(
      db
        .insertInto('client_clinicians')
        .values({
          practice_id: `${p}-a`,
          client_id: `${p}-a1`,
          staff_id: `${p}-clinician`,
          is_primary: 1,
          created_at: 'x',
        })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto('client_clinicians')
      .values({
        practice_id: `${p}-a`,
        client_id: `${p}-a1`,
        staff_id: `${p}-clinician`,
        is_primary: 0,
        created_at: 'x',
      })
      .execute();
  });
});
