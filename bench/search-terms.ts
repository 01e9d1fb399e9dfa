/**
 * `npx tsx bench/search-terms.ts --database <url> [--runs 40] [--terms s,sm,smith]`: the client
 * search's own cost, without HTTP, on a database that is already seeded. For the largest practice
 * and one practice of each size band present, it runs the list's search (listClientRows, as the
 * route does, one connection, warm) for short, broad, narrow and multi-term searches and prints
 * p50 / p99 in ms, and the bytes the search structures take per client.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/server/db/database.js';
import { listClientRows } from '../src/server/modules/clients/clients.queries.js';
import { keepSearchRows, practiceSearchRows } from '../src/server/modules/clients/clients.search-rows.js';
import { systemScope } from '../src/server/platform/request-context.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    runs: { type: 'string', default: '40' },
    terms: { type: 'string' },
    practices: { type: 'string', default: '' },
    /** After measuring, give the measured practices search rows (keepSearchRows) and measure again. */
    'then-rows': { type: 'boolean', default: false },
  },
});
if (!values.database) throw new Error('--database <sqlite file or postgres url> is required');
const handle = openDatabase(values.database, { poolSize: 1 });
const db: Db = handle.db;
const runs = Number(values.runs);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function sizes(): Promise<void> {
  const tables = ['clients', 'client_search_words', 'client_search_prefixes'];
  const clients = Number(
    (
      await db
        .selectFrom('clients')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  for (const table of tables) {
    let bytes = 0;
    if (handle.dialect === 'postgres') {
      const row = await sql<{ bytes: string }>`select pg_total_relation_size(${table}::regclass) as bytes`.execute(db);
      bytes = Number(row.rows[0]?.bytes ?? 0);
    } else {
      const row = await sql<{ bytes: number | null }>`
        select sum(pgsize) as bytes from dbstat
        where name = ${table} or name in (select name from sqlite_master where tbl_name = ${table} and type = 'index')
      `.execute(db);
      bytes = row.rows[0]?.bytes ?? 0;
    }
    console.log(
      `${table}: ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / clients).toFixed(0)} bytes per client (${clients} clients)`,
    );
  }
}

async function practicesToMeasure(): Promise<{ id: string; clients: number }[]> {
  const rows = await db.selectFrom('practice_client_counts').select(['practice_id', 'active', 'archived']).execute();
  const bySize = rows
    .map((row) => ({ id: row.practice_id, clients: row.active + row.archived }))
    .sort((a, b) => b.clients - a.clients);
  if (values.practices) return bySize.filter((p) => values.practices?.split(',').includes(p.id));
  // The largest, and the first practice found in each band below it.
  const bands = [20_000, 2_000, 500, 100, 20];
  const picked = bySize.slice(0, 1);
  for (const floor of bands) {
    const one = bySize.find((p) => p.clients <= floor * 5 && p.clients >= floor && !picked.includes(p));
    if (one) picked.push(one);
  }
  return picked;
}

async function commonSurname(practiceId: string): Promise<string> {
  const row = await db
    .selectFrom('clients')
    .select(['last_name', (eb) => eb.fn.countAll().as('n')])
    .where('practice_id', '=', practiceId)
    .groupBy('last_name')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (row?.last_name ?? 'smith').toLowerCase();
}

async function measure(practice: { id: string; clients: number }): Promise<void> {
  const surname = await commonSurname(practice.id);
  const terms = values.terms?.split(',') ?? ['s', 'sm', 'a s', surname, `${surname} a`, 'example', 'zzqx'];
  const scope = systemScope(db, practice.id);
  const rows = (await practiceSearchRows(scope)).kept ? 'search rows' : 'search documents';
  console.log(`practice with ${practice.clients} clients (${rows})`);
  for (const q of terms) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < runs + 5; i++) {
      const started = performance.now();
      const result = await listClientRows(scope, { q, page: 1, pageSize: 25, sort: 'name', status: 'active' });
      if (i >= 5) times.push(performance.now() - started);
      total = result.total;
    }
    times.sort((a, b) => a - b);
    console.log(
      `  "${q}": p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms (total ${total})`,
    );
  }
}

await sizes();
const measured = await practicesToMeasure();
for (const practice of measured) await measure(practice);
if (values['then-rows']) {
  for (const practice of measured) {
    await db.transaction().execute((trx) => keepSearchRows(systemScope(trx, practice.id)));
    await measure(practice);
  }
}
await handle.close();
