import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedDatabase } from './seed-database.js';

// SQLite in memory: these check the seeding logic (batch boundaries, counts, derived columns);
// the bench exercises PostgreSQL.
let handle: DatabaseHandle | null = null;
async function freshDatabase(): Promise<DatabaseHandle> {
  handle = openDatabase(':memory:');
  await migrateToLatest(handle.db);
  return handle;
}
afterEach(async () => {
  await handle?.close();
  handle = null;
});

describe('seedDatabase', () => {
  it('inserts every client across batch and transaction boundaries, with 1–2 emails each', async () => {
    const { db, dialect } = await freshDatabase();
    const result = await seedDatabase(db, dialect, {
      practices: 2,
      clientsPerPractice: 1234,
      rowsPerStatement: 100,
      clientsPerTransaction: 500,
    });
    const clients = await db
      .selectFrom('clients')
      .select(['id', 'search_text', 'sort_name', 'first_name', 'last_name'])
      .execute();
    expect(clients).toHaveLength(2468);
    expect(result.clients).toBe(2468);
    const emails = await db.selectFrom('client_emails').select(['client_id', 'is_primary', 'position']).execute();
    expect(emails).toHaveLength(result.emails);
    const perClient = new Map<string, number>();
    for (const email of emails) perClient.set(email.client_id, (perClient.get(email.client_id) ?? 0) + 1);
    expect([...perClient.values()].every((n) => n === 1 || n === 2)).toBe(true);
    expect(emails.filter((e) => e.is_primary === 1).every((e) => e.position === 0)).toBe(true);
    const sample = clients[0];
    expect(sample?.sort_name).toBe(`${sample?.last_name} ${sample?.first_name}`.toLowerCase());
    expect(result.practices).toHaveLength(2);
    expect(result.practices[0]?.searchTerms[0]?.clientsWithLastName).toBeGreaterThan(0);
  });

  it('is repeatable for a seed, and a second run into the same database picks fresh slugs', async () => {
    const { db, dialect } = await freshDatabase();
    const now = new Date('2026-01-15T12:00:00Z');
    const first = await seedDatabase(db, dialect, { practices: 1, clientsPerPractice: 50, seed: 7, now });
    const second = await seedDatabase(db, dialect, { practices: 1, clientsPerPractice: 50, seed: 7, now });
    expect(second.practices[0]?.slug).not.toBe(first.practices[0]?.slug);
    const names = (practiceId: string | undefined) =>
      db
        .selectFrom('clients')
        .select(['first_name', 'last_name', 'date_of_birth'])
        .where('practice_id', '=', practiceId ?? '')
        .orderBy('created_at')
        .execute();
    expect(await names(second.practices[0]?.id)).toEqual(await names(first.practices[0]?.id));
  });
});
