import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/platform/passwords.js';
import { roleFlags } from '../src/server/modules/staff/index.js';
import { searchPrefixRows, searchRowsFromClients, searchWordRows } from '../src/server/modules/clients/index.js';
import { insertInBatches } from '../seed/batch-insert.js';
import { generateClientRows } from '../seed/client-rows.js';
import { Random } from '../seed/random.js';
import { seedPassword } from '../seed/seed-database.js';

/**
 * A realistic tenancy: many small practices and a few large ones. For 1,000,000 clients (the
 * issue's figure) that is 10,000 practices: 5 of 20,000–40,000 clients (150,000), 100 of 500–1,999
 * (those from 1,000 on keep search rows, decision 027) and 9,895 sharing the rest, most of them
 * with 20–500 clients (a skewed draw: many near 20–80, fewer near 500). Smaller sizes scale the
 * practice counts: a practice per 100 clients, a large one per 2,000 practices (at least one).
 */
export function tenancySizes(clients: number, random: Random): number[] {
  if (clients < 50_000) throw new Error('a tenancy needs at least 50,000 clients (its large practices have 20,000+)');
  const practices = Math.round(clients / 100);
  const large = Math.max(1, Math.round(practices / 2_000));
  const sizes: number[] = [];
  for (let i = 0; i < large; i++) sizes.push(20_000 + 5_000 * i);
  const middle = Math.round(practices / 100);
  for (let i = 0; i < middle; i++) sizes.push(random.int(500, 1_999));
  const small = practices - large - middle;
  const left = clients - sizes.reduce((sum, n) => sum + n, 0);
  if (small <= 0 || left < small * 20) throw new Error(`cannot share ${left} clients among ${small} small practices`);
  // 20 · 25^(u^k) lies in [20, 500] for u in [0, 1); a larger k skews towards 20. Find the k whose
  // sizes add up to what is left, then give the rounding difference to the first practices.
  const draws = Array.from({ length: small }, () => random.next());
  const smallSizes = (k: number): number[] => draws.map((u) => Math.round(20 * 25 ** (u ** k)));
  const total = (k: number): number => smallSizes(k).reduce((sum, n) => sum + n, 0);
  let low = 0.01;
  let high = 100;
  for (let step = 0; step < 60; step++) {
    const k = (low + high) / 2;
    if (total(k) > left) low = k;
    else high = k;
  }
  const chosen = smallSizes(high);
  let difference = left - chosen.reduce((sum, n) => sum + n, 0);
  for (let i = 0; difference !== 0; i = (i + 1) % chosen.length) {
    const size = chosen[i] ?? 20;
    const step = difference > 0 ? 1 : -1;
    if (size + step >= 20 && size + step <= 500) {
      chosen[i] = size + step;
      difference -= step;
    }
  }
  return [...sizes, ...chosen];
}

export interface TenancySeed {
  practices: number;
  clients: number;
  /** Practices keeping search rows (from searchRowsFromClients clients on). */
  withSearchRows: number;
  seconds: number;
}

/** Clients written per transaction (one COPY per table each). */
const clientsPerChunk = 25_000;

/**
 * Writes the tenancy into an empty, migrated database: practices, their owners (each practice's
 * one owner and clinician, `owner@<slug>.portico.test`, password seedPassword), clients with their
 * emails, primary clinician, search document, and in practices of searchRowsFromClients clients or
 * more their search words and prefixes, then the per-practice counts the list reads. Every table
 * is loaded with COPY in chunks of about 25,000 clients, each chunk one transaction, the rows made
 * by the same functions the application and the seed use. Ends with VACUUM ANALYZE, as a running
 * database settles.
 */
export async function seedTenancy(
  db: Kysely<Database>,
  clients: number,
  log: (line: string) => void,
): Promise<TenancySeed> {
  const started = performance.now();
  const random = new Random(15);
  const sizes = tenancySizes(clients, random);
  const now = new Date();
  const createdAt = now.toISOString();
  const passwordHash = await hashPassword(seedPassword);
  const practices = sizes.map((size, index) => ({
    id: randomUUID(),
    ownerId: randomUUID(),
    slug: `tenancy-${index + 1}`,
    size,
  }));
  await db.transaction().execute(async (trx) => {
    await insertInBatches(
      trx,
      'postgres',
      'practices',
      practices.map((p, index) => ({
        id: p.id,
        name: `Practice ${index + 1}`,
        slug: p.slug,
        time_zone: 'America/New_York',
        created_at: createdAt,
      })),
    );
    await insertInBatches(
      trx,
      'postgres',
      'staff_users',
      practices.map((p, index) => ({
        id: p.ownerId,
        practice_id: p.id,
        name: `Owner ${index + 1}`,
        email: `owner@${p.slug}.portico.test`,
        password_hash: passwordHash,
        created_at: createdAt,
        last_sign_in_at: null,
      })),
    );
    await insertInBatches(
      trx,
      'postgres',
      'staff_memberships',
      practices.map((p) => ({
        practice_id: p.id,
        staff_id: p.ownerId,
        ...roleFlags(['owner', 'clinician']),
        status: 'active' as const,
        created_at: createdAt,
        deactivated_at: null,
      })),
    );
  });
  log(`  ${practices.length.toLocaleString('en')} practices and their owners written`);

  let done = 0;
  let withSearchRows = 0;
  let chunk: typeof practices = [];
  const counts: { practice_id: string; active: number; archived: number; search_rows: 0 | 1 }[] = [];
  const writeChunk = async (): Promise<void> => {
    const rows = chunk.map((p) => ({ practice: p, rows: generateClientRows(random, p.id, p.size, now, new Set()) }));
    const allClients = rows.flatMap((r) => r.rows.clients);
    const withRows = rows.filter((r) => r.practice.size >= searchRowsFromClients).flatMap((r) => r.rows.clients);
    await db.transaction().execute(async (trx) => {
      await insertInBatches(trx, 'postgres', 'clients', allClients);
      await insertInBatches(
        trx,
        'postgres',
        'client_emails',
        rows.flatMap((r) => r.rows.emails),
      );
      await insertInBatches(
        trx,
        'postgres',
        'client_clinicians',
        rows.flatMap((r) =>
          r.rows.clients.map((client) => ({
            practice_id: r.practice.id,
            client_id: client.id,
            staff_id: r.practice.ownerId,
            is_primary: 1 as const,
            created_at: client.created_at,
          })),
        ),
      );
      if (withRows.length > 0) {
        await insertInBatches(trx, 'postgres', 'client_search_words', searchWordRows(withRows));
        await insertInBatches(trx, 'postgres', 'client_search_prefixes', searchPrefixRows(withRows));
      }
    });
    for (const { practice, rows: made } of rows) {
      const archived = made.clients.filter((client) => client.archived_at !== null).length;
      const keeps = practice.size >= searchRowsFromClients;
      if (keeps) withSearchRows++;
      counts.push({
        practice_id: practice.id,
        active: made.clients.length - archived,
        archived,
        search_rows: keeps ? 1 : 0,
      });
    }
    done += allClients.length;
    log(`  ${done.toLocaleString('en')} of ${clients.toLocaleString('en')} clients written`);
    chunk = [];
  };
  for (const practice of practices) {
    chunk.push(practice);
    if (chunk.reduce((sum, p) => sum + p.size, 0) >= clientsPerChunk) await writeChunk();
  }
  if (chunk.length > 0) await writeChunk();

  await db.transaction().execute(async (trx) => {
    await insertInBatches(trx, 'postgres', 'practice_client_counts', counts);
    // Every seeded client is not invited to the Client Portal.
    await insertInBatches(
      trx,
      'postgres',
      'practice_portal_state_counts',
      counts.map((c) => ({
        practice_id: c.practice_id,
        portal_state: 'not_invited' as const,
        active: c.active,
        archived: c.archived,
      })),
    );
  });
  log('  vacuum analyze…');
  await sql`
    vacuum (analyze) practices, staff_users, staff_memberships, clients, client_emails, client_clinicians,
      client_search_words, client_search_prefixes, practice_client_counts, practice_portal_state_counts
  `.execute(db);
  return {
    practices: practices.length,
    clients: done,
    withSearchRows,
    seconds: (performance.now() - started) / 1000,
  };
}
