import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createPractice } from '../factories/practices.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { openTestDatabase, testConfig, testDatabaseKind } from '../helpers/test-app.js';
import type { DatabaseHandle } from '../../src/server/db/database.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { enqueueEmail } from '../../src/server/platform/outbox.js';
import { report, scaled } from './fault-scale.js';
import {
  killServerProcesses,
  privateDirectory,
  removePrivateDirectories,
  startServerProcess,
} from './server-process.js';
import { sleep, until } from './wait.js';

const emailCount = scaled(50, 1000);
const killCount = scaled(3, 20);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killServerProcesses();
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  removePrivateDirectories();
});

async function countWhere(handle: DatabaseHandle, where: ReturnType<typeof sql>) {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from outbox where ${where}`.execute(
    handle.db,
  );
  return Number(rows[0]?.n ?? 0);
}

it(
  `delivers every one of ${emailCount} emails through ${killCount} SIGKILLs of the server, duplicates only as the same Message-ID`,
  { timeout: scaled(180_000, 1_200_000) },
  async () => {
    const started = Date.now();
    const { handle, url, drop } = await openTestDatabase({ directory: privateDirectory() });
    cleanup.push(async () => {
      await handle.close();
      await drop();
    });
    // A busy mail server: it keeps each message, then takes up to 10 ms to say 250. A server
    // killed in that window never marks the row sent, and sends it again after restarting.
    const sink = new SmtpSink({ acceptDelayMs: () => Math.floor(Math.random() * 10) });
    const smtpUrl = await sink.start();
    cleanup.push(() => sink.stop());

    const deps = { db: handle.db, clock: systemClock, config: testConfig() };
    const practice = await createPractice(deps);
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < emailCount; i++) {
        await enqueueEmail(trx, deps, {
          practiceId: practice.id,
          kind: 'fault_test',
          to: `kill-${i}@example.test`,
          subject: `Delivery under fire ${i}`,
          html: `<p>Email ${i}</p>`,
          text: `Email ${i}`,
        });
      }
    });
    const rows = await handle.db.selectFrom('outbox').select(['to_address', 'message_id']).execute();
    const messageIdOf = new Map(rows.map((row) => [row.to_address, row.message_id]));

    const now = () => new Date().toISOString();
    const deliverable = () =>
      countWhere(handle, sql`status = 'queued' or (status = 'sending' and locked_until < ${now()})`);
    // What two minutes (the lease) would do for the rows a dead server had claimed.
    const expireLeases = () =>
      handle.db
        .updateTable('outbox')
        .set({ locked_until: '2000-01-01T00:00:00.000Z' })
        .where('status', '=', 'sending')
        .execute();
    const env = { DATABASE_URL: url, SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '50' };

    // For each kill, the last email the sink took from the dead server: the only one it can resend.
    const inFlightAtKill = new Map<string, number>();
    const leasedAtKill: number[] = [];
    for (let k = 0; k < killCount; k++) {
      let open = await deliverable();
      if (open === 0) {
        await expireLeases();
        open = await deliverable();
      }
      const budget = Math.max(1, Math.floor(open / (killCount - k + 1)));
      const target = Math.min(open, 1 + Math.floor(Math.random() * 2 * budget));
      const before = sink.messages.length;
      const server = await startServerProcess(env, { waitUntilReady: false });
      await until(
        `${target} deliveries`,
        () => sink.messages.length - before >= target || !server.alive,
        120_000,
        server.output,
      );
      expect(server.alive, server.output()).toBe(true);
      // A random moment: claiming, connecting, waiting for the 250 or marking the row sent.
      await sleep(Math.random() * 15);
      server.kill('SIGKILL');
      expect((await server.exited).signal).toBe('SIGKILL');
      // Whatever the dead server had already written reaches the sink.
      await sleep(100);
      const last = sink.messages.at(-1)?.to[0];
      if (sink.messages.length > before && last) inFlightAtKill.set(last, (inFlightAtKill.get(last) ?? 0) + 1);
      leasedAtKill.push(await countWhere(handle, sql`status = 'sending'`));
      // Every other restart comes after the lease ran out; the others find the rows still leased.
      if (k % 2 === 1) await expireLeases();
    }

    await expireLeases();
    const last = await startServerProcess(env);
    await until(
      'every row sent',
      async () => (await countWhere(handle, sql`status <> 'sent'`)) === 0,
      300_000,
      last.output,
    );
    last.kill('SIGTERM');
    expect(await last.exited).toEqual({ code: 0, signal: null });

    const arrivals = new Map<string, string[]>();
    for (const mail of sink.messages) {
      const to = mail.to[0] ?? '';
      arrivals.set(to, [...(arrivals.get(to) ?? []), mail.messageId]);
    }
    const duplicates = sink.messages.length - arrivals.size;
    report(
      `${testDatabaseKind} SIGKILL: ${emailCount} emails, ${killCount} kills, ${sink.messages.length} arrivals, ` +
        `${duplicates} duplicates (same Message-ID), rows leased after each kill [${leasedAtKill.join(', ')}], ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    // Every email arrived, and nothing arrived that was not queued.
    expect([...arrivals.keys()].sort()).toEqual([...messageIdOf.keys()].sort());
    for (const [to, ids] of arrivals) {
      // A duplicate is the same row delivered again: it carries the row's Message-ID ...
      expect(new Set(ids)).toEqual(new Set([messageIdOf.get(to)]));
      // ... and only the email in flight when a server was killed is ever sent twice.
      expect(ids.length - 1).toBeLessThanOrEqual(inFlightAtKill.get(to) ?? 0);
    }
    expect(duplicates).toBeLessThanOrEqual(killCount);
    expect(await countWhere(handle, sql`status <> 'sent'`)).toBe(0);
  },
);
