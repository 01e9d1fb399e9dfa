/**
 * `npx tsx bench/audit-batch.ts [--database postgres://…] [--rows 5000] [--concurrency 10]`: what
 * writing a read's audit row costs, one insert (and commit) per request as the routes do, against
 * the rows of concurrent requests gathered into one insert: while one is in flight, or per turn of
 * the event loop (what src/server/platform/audit-batch.ts does). Each "request" awaits its own row, as
 * a route does before answering. SQLite always (a file in a temporary folder, the app's pragmas);
 * PostgreSQL too with --database, in a throw-away schema. Prints wall time and this process's CPU
 * per row, alternating the two ways in rounds (the machine is shared: compare within a round).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { AuditLogTable } from '../src/server/db/schema.js';
import { writeAuditRow } from '../src/server/platform/audit-batch.js';
import { newId } from '../src/server/platform/tokens.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    rows: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
  },
});
const rows = Number(values.rows);
const concurrency = Number(values.concurrency);

function auditRow(): AuditLogTable {
  return {
    id: newId(),
    practice_id: null,
    actor_type: 'system',
    actor_id: null,
    client_id: null,
    action: 'client.viewed',
    kind: 'view',
    ip: '127.0.0.1',
    user_agent: 'bench',
    details: null,
    created_at: new Date().toISOString(),
  };
}

type Write = (db: Db, row: AuditLogTable) => Promise<void>;

const oneByOne: Write = async (db, row) => {
  await db.insertInto('audit_log').values(row).execute();
};

/** Rows written while an insert is in flight go together in the next one. */
function gathered(): Write {
  let pending: { row: AuditLogTable; done: () => void; failed: (error: unknown) => void }[] = [];
  let flushing = false;
  async function flush(db: Db): Promise<void> {
    flushing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await db
          .insertInto('audit_log')
          .values(batch.map((b) => b.row))
          .execute();
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.failed(error);
      }
    }
    flushing = false;
  }
  return (db, row) =>
    new Promise<void>((done, failed) => {
      pending.push({ row, done, failed });
      if (!flushing) void flush(db);
    });
}

async function run(db: Db, write: Write): Promise<{ wallUs: number; cpuUs: number }> {
  const perWorker = Math.ceil(rows / concurrency);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < perWorker; i++) {
        // A request's own work before its row: a turn of the event loop, as a request's reads take.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await write(db, auditRow());
      }
    }),
  );
  const wall = Number(process.hrtime.bigint() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const total = perWorker * concurrency;
  return { wallUs: wall / total, cpuUs: (used.user + used.system) / total };
}

async function measure(label: string, db: Db): Promise<void> {
  const ways: [string, () => Write][] = [
    ['one insert per row', () => oneByOne],
    ['gathered while in flight', gathered],
    ['gathered per turn (audit)', () => writeAuditRow],
  ];
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const [name, make] of ways) {
      const { wallUs, cpuUs } = await run(db, make());
      console.log(
        `${label}  round ${round}  ${name.padEnd(26)} ${wallUs.toFixed(1).padStart(7)} µs/row wall  ${cpuUs.toFixed(1).padStart(7)} µs/row CPU (this process)`,
      );
    }
  }
}

const folder = mkdtempSync(path.join(tmpdir(), 'audit-batch-'));
try {
  const sqlite = openDatabase(path.join(folder, 'bench.db'));
  await migrateToLatest(sqlite.db);
  await measure('sqlite', sqlite.db);
  await sqlite.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}

if (values.database) {
  const schema = `audit_batch_${process.pid}`;
  const admin = openDatabase(values.database);
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  try {
    const pg = openDatabase(values.database, { searchPath: schema });
    await migrateToLatest(pg.db, schema);
    await measure('postgres', pg.db);
    await pg.close();
  } finally {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}
