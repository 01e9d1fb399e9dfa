/**
 * `npx tsx bench/explain-search.ts --database <postgres url> [--schema S] [--practice ID] [--q "smith a"]`:
 * the statements one client search runs (listClientRows, as the route does) in a practice (the
 * largest by default), each with PostgreSQL's `explain (analyze, buffers)`: its plan, the buffers
 * it read and its time. Buffers do not move with the machine's load, so this shows what a change
 * to the search's SQL saves when timings cannot.
 */
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/server/db/schema.js';
import { listClientRows } from '../src/server/modules/clients/clients.queries.js';
import { systemScope } from '../src/server/platform/request-context.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    schema: { type: 'string' },
    practice: { type: 'string' },
    q: { type: 'string', default: 'smith a' },
    sort: { type: 'string', default: 'name' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!values.database?.startsWith('postgres')) throw new Error('--database <postgres url> is required');
const pool = new pg.Pool({
  connectionString: values.database,
  max: 1,
  ...(values.schema ? { options: `-c search_path=${values.schema}` } : {}),
});
const statements: CompiledQuery[] = [];
let recording = false;
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (recording && event.level === 'query') statements.push(event.query);
  },
});

const practiceId =
  values.practice ??
  (
    await db
      .selectFrom('practice_client_counts')
      .select('practice_id')
      .orderBy(sql`active + archived`, 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).practice_id;
const query = {
  q: values.q,
  status: 'active',
  sort: values.sort,
  page: 1,
  pageSize: 25,
} as Parameters<typeof listClientRows>[1];
// Warm, then record the statements of one search.
await listClientRows(systemScope(db, practiceId), query);
recording = true;
const result = await listClientRows(systemScope(db, practiceId), query);
recording = false;
console.log(`practice ${practiceId}, q "${values.q}": ${result.rows.length} on the page, total ${result.total}`);
let buffers = 0;
let ms = 0;
for (const statement of statements) {
  const client = await pool.connect();
  const explained = await client
    .query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters])
    .finally(() => client.release());
  const lines = explained.rows.map((row) => row['QUERY PLAN']);
  const top = lines.find((line) => line.includes('Buffers:')) ?? '';
  const shared = /shared hit=(\d+)(?: read=(\d+))?/.exec(top);
  const read = shared ? Number(shared[1]) + Number(shared[2] ?? 0) : 0;
  const time = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
  buffers += read;
  ms += time;
  console.log(`\n-- ${read} buffers, ${time.toFixed(2)} ms: ${statement.sql.slice(0, 160)}…`);
  if (values.verbose) console.log(lines.join('\n'));
}
console.log(`\n${statements.length} statements, ${buffers} buffers, ${ms.toFixed(2)} ms`);
await db.destroy();
