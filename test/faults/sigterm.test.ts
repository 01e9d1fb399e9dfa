import http from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { createPractice } from '../factories/practices.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { openTestDatabase, testConfig, testDatabaseKind } from '../helpers/test-app.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { enqueueEmail } from '../../src/server/platform/outbox.js';
import { report } from './fault-scale.js';
import { HttpAgent } from './http-agent.js';
import {
  killServerProcesses,
  privateDirectory,
  removePrivateDirectories,
  startServerProcess,
} from './server-process.js';
import { sleep, until } from './wait.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killServerProcesses();
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  removePrivateDirectories();
});

/**
 * A POST whose body is half sent: the server has the request and waits for the rest, as it would
 * for a slow upload. `finish` sends the rest.
 */
function halfSentPost(base: string, path: string, agent: HttpAgent, body: string) {
  const target = new URL(path, base);
  const request = http.request({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'POST',
    agent: false,
    headers: {
      cookie: agent.cookie,
      'x-csrf-token': agent.csrfToken,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    request.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return { response, finish: () => request.end(body.slice(half)) };
}

it(
  'on SIGTERM finishes the requests in flight and the mail batch, refuses new connections, and exits 0',
  { timeout: 120_000 },
  async () => {
    const { handle, url, drop } = await openTestDatabase({ directory: privateDirectory() });
    cleanup.push(async () => {
      await handle.close();
      await drop();
    });
    // A slow mail server: each message takes 100 ms to greet and 50 ms more to accept.
    const sink = new SmtpSink({ acceptDelayMs: () => 50 });
    const smtpUrl = await sink.start();
    cleanup.push(() => sink.stop());
    const deps = { db: handle.db, clock: systemClock, config: testConfig() };
    const practice = await createPractice(deps);
    for (let i = 0; i < 60; i++) {
      await enqueueEmail(handle.db, deps, {
        practiceId: practice.id,
        kind: 'fault_test',
        to: `term-${i}@example.test`,
        subject: `${i}`,
        html: `${i}`,
        text: `${i}`,
      });
    }

    const server = await startServerProcess({ DATABASE_URL: url, SMTP_URL: smtpUrl });
    const staff = await HttpAgent.signIn(server.url, practice.owner.email);
    // An open event stream must not hold the shutdown up.
    const stream = await staff.fetch('/api/events');
    expect(stream.status).toBe(200);
    const streamEnded = stream.text();

    await until('a batch in flight', () => sink.messages.length >= 2, 30_000, server.output);
    const uploads = Array.from({ length: 5 }, (_, i) =>
      halfSentPost(
        server.url,
        '/api/clients',
        staff,
        JSON.stringify({
          firstName: 'Drained',
          lastName: `Request ${i}`,
          emails: [{ address: `drained-${i}@example.test`, type: 'home', emailOk: true, isPrimary: true }],
        }),
      ),
    );
    await sleep(300); // the server has read every request's headers and waits for the bodies

    const signalled = Date.now();
    server.kill('SIGTERM');
    await sleep(300);
    // The listening socket is closed: a new connection is refused ...
    const fresh = await fetch(`${server.url}/healthz`).then(
      (response) => `answered ${response.status}`,
      (error: unknown) => String((error as { cause?: { code?: string } }).cause?.code),
    );
    expect(fresh).toBe('ECONNREFUSED');
    expect(server.alive).toBe(true);
    // ... while the requests already in flight are still served to the end.
    for (const upload of uploads) upload.finish();
    const answers = await Promise.all(uploads.map((upload) => upload.response));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    await streamEnded;

    expect(await server.exited).toEqual({ code: 0, signal: null });
    const shutdownSeconds = (Date.now() - signalled) / 1000;

    const created = await handle.db
      .selectFrom('clients')
      .select('last_name')
      .where('first_name', '=', 'Drained')
      .execute();
    expect(created).toHaveLength(5);
    // The batch in flight was finished, not abandoned: nothing is left claimed, and what the sink
    // holds is exactly what is marked sent, once each.
    const rows = await handle.db.selectFrom('outbox').select(['message_id', 'status']).execute();
    expect(rows.filter((row) => row.status === 'sending')).toEqual([]);
    const sent = rows
      .filter((row) => row.status === 'sent')
      .map((row) => row.message_id)
      .sort();
    expect(sink.messages.map((mail) => mail.messageId).sort()).toEqual(sent);
    report(
      `${testDatabaseKind} SIGTERM: 5 half-sent requests answered 201, exit 0 ${shutdownSeconds.toFixed(1)} s after the signal, ` +
        `${sent.length} of 60 emails sent, none left sending`,
    );
  },
);
