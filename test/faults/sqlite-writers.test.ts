import { afterEach, describe, expect, it } from 'vitest';
import { messagingWorld, postMessage } from '../helpers/messages.js';
import { buildTestApp, testDatabaseKind, type TestApp } from '../helpers/test-app.js';
import { newId } from '../../src/server/platform/tokens.js';
import { report, scaled } from './fault-scale.js';
import { HttpAgent } from './http-agent.js';
import {
  killServerProcesses,
  privateDirectory,
  removePrivateDirectories,
  startServerProcess,
} from './server-process.js';

let t: TestApp | null = null;
afterEach(async () => {
  await killServerProcesses();
  await t?.close();
  t = null;
  removePrivateDirectories();
});

const newClient = (invite: boolean) => {
  const suffix = newId().slice(0, 8);
  return {
    firstName: 'Writer',
    lastName: `Load-${suffix}`,
    emails: [{ address: `writer-${suffix}@example.test`, type: 'home', emailOk: true, isPrimary: true }],
    ...(invite ? { portalInvitation: { message: 'Welcome.' } } : {}),
  };
};

/** Runs the tasks with at most `width` in flight at once. */
async function inParallel(tasks: (() => Promise<number>)[], width: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++];
        if (task) statuses.push(await task());
      }
    }),
  );
  return statuses;
}

describe.skipIf(testDatabaseKind !== 'sqlite')('SQLite with two writing processes', () => {
  it(
    'answers every request without a 5xx while two server processes write to one file',
    { timeout: 240_000 },
    async () => {
      const app = await buildTestApp({}, { directory: privateDirectory() });
      t = app;
      // Sessions made here are checked by the other process against the real time.
      app.deps.clock.set(new Date());
      const w = await messagingWorld(app);
      const server = await startServerProcess({ DATABASE_URL: app.databaseUrl });
      const remote = await HttpAgent.signIn(server.url, w.practice.owner.email);

      const rounds = scaled(30, 250);
      const here: (() => Promise<number>)[] = [];
      const there: (() => Promise<number>)[] = [];
      for (let i = 0; i < rounds; i++) {
        // Sending reads the conversation before writing it: the case a deferred transaction loses.
        here.push(async () => (await postMessage(w.staff, w.staffUrl, { body: `here ${i}` })).statusCode);
        here.push(async () => (await postMessage(w.clientAgent, w.portalUrl, { body: `client ${i}` })).statusCode);
        here.push(async () => (await w.staff.post('/api/clients', newClient(i % 2 === 0))).statusCode);
        there.push(async () => (await remote.postMessage(w.staffUrl, { body: `there ${i}` })).status);
        there.push(async () => (await remote.postJson('/api/clients', newClient(i % 2 === 1))).status);
      }
      const started = Date.now();
      const [hereStatuses, thereStatuses] = await Promise.all([inParallel(here, 6), inParallel(there, 6)]);
      const seconds = (Date.now() - started) / 1000;
      const all = [...hereStatuses, ...thereStatuses];
      const tally = Object.entries(
        all.reduce<Record<string, number>>((acc, status) => ({ ...acc, [status]: (acc[status] ?? 0) + 1 }), {}),
      );
      report(
        `SQLite two writers: ${all.length} writes in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries(tally))}`,
      );
      expect(server.output().includes('SQLITE_BUSY'), server.output().slice(0, 2000)).toBe(false);
      expect(all.filter((status) => status >= 500)).toEqual([]);
      expect(all.every((status) => status === 201)).toBe(true);

      const messages = await app.deps.db
        .selectFrom('messages')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(messages.n).toBe(rounds * 3);
    },
  );
});
