import net, { type AddressInfo, type Socket } from 'node:net';
import type { CompiledQuery } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice } from '../../../test/factories/practices.js';
import { until } from '../../../test/faults/wait.js';
import { SmtpSink } from '../../../test/helpers/smtp-sink.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { renderEmail } from './email-layout.js';
import { MailWorker, retryDelaySeconds } from './mail-worker.js';
import { enqueueEmail } from './outbox.js';

let t: TestApp;
let sink: SmtpSink;
let smtpUrl: string;
let workers: MailWorker[] = [];
let stops: (() => Promise<void>)[] = [];

beforeEach(async () => {
  sink = new SmtpSink();
  smtpUrl = await sink.start();
  t = await buildTestApp({ SMTP_URL: smtpUrl });
});
afterEach(async () => {
  for (const worker of workers) await worker.stop();
  for (const stop of stops) await stop();
  workers = [];
  stops = [];
  await t.close();
  await sink.stop();
});

async function queue(practiceId: string, to: string) {
  const content = renderEmail({ practiceName: 'Ignored', heading: 'Hello <b>there</b>', paragraphs: ['Line one'] });
  return enqueueEmail(t.deps.db, t.deps, { practiceId, kind: 'test', to, subject: 'Greetings', ...content });
}

async function outboxRow(id: string) {
  return t.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('mail worker', () => {
  it('delivers over SMTP with both parts, the practice as sender and a stable Message-ID', async () => {
    const practice = await createPractice(t.deps, { name: 'Cedar "Grove" Therapy' });
    const id = await queue(practice.id, 'client@example.test');
    const worker = new MailWorker(t.deps);
    expect(await worker.drain()).toBe(1);
    const mail = await sink.waitFor((m) => m.to.includes('client@example.test'));
    expect(mail.fromName).toBe('Cedar "Grove" Therapy');
    expect(mail.from).toBe('no-reply@portico.localhost');
    expect(mail.html).toContain('Hello &lt;b&gt;there&lt;/b&gt;');
    expect(mail.text).toContain('Hello <b>there</b>');
    const row = await outboxRow(id);
    expect(row.status).toBe('sent');
    expect(mail.messageId).toBe(row.message_id);
    await worker.stop();
  });

  it('keeps an email queued while the server refuses with 4xx and delivers it later', async () => {
    const practice = await createPractice(t.deps);
    const id = await queue(practice.id, 'later@example.test');
    sink.failWith({ code: 451, message: 'Try again later' });
    const worker = new MailWorker(t.deps);
    await worker.drain();
    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toContain('Try again later');

    await worker.drain();
    expect((await outboxRow(id)).attempts).toBe(1);

    sink.failWith(null);
    t.deps.clock.advanceMinutes(1);
    await worker.drain();
    row = await outboxRow(id);
    expect(row.status).toBe('sent');
    await sink.waitFor((m) => m.to.includes('later@example.test'));
    await worker.stop();
  });

  it('marks an email failed on a 5xx answer and does not retry it', async () => {
    const practice = await createPractice(t.deps);
    const id = await queue(practice.id, 'nobody@example.test');
    sink.failWith({ code: 550, message: 'No such user' });
    const worker = new MailWorker(t.deps);
    await worker.drain();
    const row = await outboxRow(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('No such user');
    t.deps.clock.advanceMinutes(120);
    expect(await worker.drain()).toBe(0);
    await worker.stop();
  });

  it('never loses an email while the SMTP server is down', async () => {
    const practice = await createPractice(t.deps);
    await sink.stop();
    const id = await queue(practice.id, 'patient@example.test');
    const worker = new MailWorker(t.deps);
    await worker.drain();
    expect((await outboxRow(id)).status).toBe('queued');
    await worker.stop();

    sink = new SmtpSink();
    await sink.start(Number(new URL(smtpUrl).port));
    t.deps.clock.advanceMinutes(5);
    const again = new MailWorker(t.deps);
    await again.drain();
    expect((await outboxRow(id)).status).toBe('sent');
    await again.stop();
  });

  it('picks up an email whose sender died mid-delivery once the lease expires', async () => {
    const practice = await createPractice(t.deps);
    const id = await queue(practice.id, 'crash@example.test');
    await t.deps.db
      .updateTable('outbox')
      .set({ status: 'sending', locked_until: new Date(t.deps.clock.now().getTime() + 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    const worker = new MailWorker(t.deps);
    expect(await worker.drain()).toBe(0);
    t.deps.clock.advanceMinutes(3);
    expect(await worker.drain()).toBe(1);
    expect((await outboxRow(id)).status).toBe('sent');
    await worker.stop();
  });

  it('backs off exponentially up to an hour', () => {
    expect(retryDelaySeconds(1)).toBe(15);
    expect(retryDelaySeconds(2)).toBe(30);
    expect(retryDelaySeconds(20)).toBe(3600);
  });
});

/** A worker on this test's database and clock with another SMTP_URL, stopped after the test. */
function workerFor(url: string, options: { stopDrainMs?: number } = {}): MailWorker {
  const worker = new MailWorker({ ...t.deps, config: { ...t.deps.config, smtpUrl: url } }, options);
  workers.push(worker);
  return worker;
}

type Answer = (code: number) => void;

/**
 * A loopback SMTP server for what SmtpSink does not stage: it counts connections, can refuse them
 * (421) or allow only so many messages on one, can be killed (every connection cut without a word)
 * and started again on its port, and with `hold` keeps each message's answer until the test gives it.
 */
class ScriptedSmtp {
  connections = 0;
  refuseWith: number | null = null;
  messagesPerConnection = Infinity;
  readonly received: string[] = [];
  /** Called as the server takes each message in full (before it answers). */
  onTaken: ((to: string) => void) | null = null;
  /** For each message whose DATA began, its recipient and the body read so far (the end not yet, maybe). */
  readonly bodies: { to: string; body: string }[] = [];
  private readonly held: Answer[] = [];
  private readonly sockets = new Set<Socket>();
  private server: SMTPServer | null = null;
  private port = 0;

  constructor(private readonly hold = false) {
    stops.push(() => this.kill());
  }

  async start(port = this.port): Promise<string> {
    const refusal = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onConnect: (_session, callback) => {
        this.connections += 1;
        callback(this.refuseWith ? refusal(this.refuseWith, 'Too busy, try again later') : undefined);
      },
      onMailFrom: (_address, session, callback) => {
        callback(
          session.transaction > this.messagesPerConnection
            ? refusal(421, 'Too many messages on this connection')
            : undefined,
        );
      },
      onData: (stream, session, callback) => {
        const body = { to: session.envelope.rcptTo[0]?.address ?? '', body: '' };
        this.bodies.push(body);
        stream.on('data', (chunk: Buffer) => {
          body.body += chunk.toString();
        });
        stream.on('end', () => {
          this.received.push(session.envelope.rcptTo[0]?.address ?? '');
          this.onTaken?.(session.envelope.rcptTo[0]?.address ?? '');
          const answer: Answer = (code) => callback(code < 300 ? undefined : refusal(code, `Refused with ${code}`));
          if (this.hold) this.held.push(answer);
          else answer(250);
        });
      },
    });
    server.on('error', () => undefined);
    server.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Connections open right now. */
  get open(): number {
    return this.sockets.size;
  }

  /** Dies as a killed process does: every connection cut, the port closed. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(resolve));
  }

  /** The answer to the next message the server has taken in full, for the test to give. */
  async nextHeld(): Promise<Answer> {
    await until('a message held', () => this.held.length > 0, 10_000);
    const answer = this.held.shift();
    if (!answer) throw new Error('no message held');
    return answer;
  }
}

/** A TCP server that behaves as `onSocket` says, where an SMTP server would not; closed after the test. */
async function rawServer(
  onSocket: (socket: Socket) => void,
): Promise<{ url: string; port: number; accepted: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  stops.push(close);
  return { url: `smtp://127.0.0.1:${port}`, port, accepted: () => accepted, close };
}

describe('mail worker SMTP connections', () => {
  it('keeps one connection for a run of emails, closes it when stopped, and connects per email with pool=false', async () => {
    const server = new ScriptedSmtp();
    const url = await server.start();
    const practice = await createPractice(t.deps);
    for (let i = 0; i < 5; i++) await queue(practice.id, `pooled-${i}@example.test`);
    const pooled = workerFor(url);
    expect(await pooled.drain()).toBe(5);
    expect(server.connections).toBe(1);
    expect(server.open).toBe(1);
    await pooled.stop();
    await until('the pooled connection closed', () => server.open === 0, 5000);

    for (let i = 0; i < 3; i++) await queue(practice.id, `unpooled-${i}@example.test`);
    expect(await workerFor(`${url}/?pool=false`).drain()).toBe(3);
    expect(server.connections).toBe(4);
    expect(server.received).toHaveLength(8);
  });

  it('moves on to a fresh connection when the server allows only so many messages on one', async () => {
    const server = new ScriptedSmtp();
    server.messagesPerConnection = 2;
    const practice = await createPractice(t.deps);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await queue(practice.id, `limited-${i}@example.test`));
    await workerFor(await server.start()).drain();
    for (const id of ids) expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(server.received).toHaveLength(5);
    expect(server.connections).toBe(3);
  });

  it('recovers when the server is killed under its pooled connection, and after a spell of 421 greetings', async () => {
    const server = new ScriptedSmtp();
    const worker = workerFor(await server.start());
    const practice = await createPractice(t.deps);
    await queue(practice.id, 'before@example.test');
    await worker.drain();
    expect(server.open).toBe(1);

    await server.kill();
    await server.start();
    const afterRestart = await queue(practice.id, 'after-restart@example.test');
    await worker.drain();
    expect(await outboxRow(afterRestart)).toMatchObject({ status: 'sent', attempts: 1 });

    await server.kill();
    server.refuseWith = 421;
    await server.start();
    const afterBusy = await queue(practice.id, 'after-busy@example.test');
    await worker.drain();
    const row = await outboxRow(afterBusy);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toContain('421');
    server.refuseWith = null;
    t.deps.clock.advanceMinutes(1);
    await worker.drain();
    expect(await outboxRow(afterBusy)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(server.received).toEqual(['before@example.test', 'after-restart@example.test', 'after-busy@example.test']);
  });

  it('gives up on a server that accepts the connection but never answers, and delivers later', async () => {
    const silent = await rawServer(() => undefined);
    const practice = await createPractice(t.deps);
    const id = await queue(practice.id, 'silence@example.test');
    const worker = workerFor(`${silent.url}/?connectionTimeout=300&greetingTimeout=300&socketTimeout=3000`);
    const started = Date.now();
    expect(await worker.drain()).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, locked_until: null });
    expect(row.last_error).toContain('Greeting never received');

    // The same address answers again; the retry, once due, goes through.
    await silent.close();
    const server = new ScriptedSmtp();
    await server.start(silent.port);
    await worker.drain();
    expect((await outboxRow(id)).status).toBe('queued');
    t.deps.clock.advanceMinutes(1);
    await worker.drain();
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('ends an attempt at its deadline when the server keeps talking without ever answering', async () => {
    // Greets, then answers EHLO one continuation line at a time, forever: no socket timeout fires.
    const trickling = await rawServer((socket) => {
      socket.write('220 slow.example.test ESMTP\r\n');
      socket.once('data', () => {
        const timer = setInterval(() => socket.write('250-still thinking\r\n'), 50);
        socket.on('close', () => clearInterval(timer));
      });
    });
    const practice = await createPractice(t.deps);
    const id = await queue(practice.id, 'trickle@example.test');
    const started = Date.now();
    await workerFor(`${trickling.url}/?connectionTimeout=200&greetingTimeout=200&socketTimeout=200`).drain();
    expect(Date.now() - started).toBeLessThan(5000);
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toContain('no answer within 600 ms');
  });

  it('with maxConnections hands over that many emails at once, each recorded as soon as it is answered', async () => {
    const server = new ScriptedSmtp(true);
    const url = await server.start();
    const practice = await createPractice(t.deps);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await queue(practice.id, `parallel-${i}@example.test`));
    const worker = workerFor(`${url}/?maxConnections=3`);
    const drained = worker.drain();
    // Three held at the server at once: the worker did not wait for one answer before the next.
    const answers = [await server.nextHeld(), await server.nextHeld(), await server.nextHeld()];
    expect(server.received).toHaveLength(3);
    expect(server.connections).toBe(3);
    // The second answer arrives first: that email is recorded sent while the others wait.
    answers[1]?.(250);
    await until(
      'one email recorded sent',
      async () => {
        const rows = await Promise.all(ids.map(outboxRow));
        return rows.filter((row) => row.status === 'sent').length === 1;
      },
      5000,
    );
    answers[0]?.(250);
    answers[2]?.(550);
    for (let i = 3; i < 6; i++) (await server.nextHeld())(250);
    expect(await drained).toBe(6);
    const rows = await Promise.all(ids.map(outboxRow));
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(5);
    expect(rows.filter((row) => row.status === 'failed')).toHaveLength(1);
    expect([...server.received].sort()).toEqual(ids.map((_, i) => `parallel-${i}@example.test`).sort());
  });

  it('refuses a maxConnections it cannot use', () => {
    for (const value of ['0', '21', '2.5', 'many']) {
      expect(() => workerFor(`smtp://127.0.0.1:2525/?maxConnections=${value}`)).toThrow(/maxConnections must be/);
    }
  });

  it('on stop finishes the batch it claimed, and claims no more', async () => {
    const server = new ScriptedSmtp(true);
    const url = await server.start();
    const practice = await createPractice(t.deps);
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await queue(practice.id, `draining-${i}@example.test`));
    const worker = workerFor(url);
    worker.start();
    const first = await server.nextHeld();
    const stopped = worker.stop();
    // Queued after the stop: not part of the claimed batch, so left for the next start.
    const later = await queue(practice.id, 'later@example.test');
    first(250);
    for (let i = 1; i < 4; i++) (await server.nextHeld())(250);
    await stopped;
    // Queued in the same instant, so in no particular order.
    expect([...server.received].sort()).toEqual([
      'draining-0@example.test',
      'draining-1@example.test',
      'draining-2@example.test',
      'draining-3@example.test',
    ]);
    expect((await Promise.all(ids.map(outboxRow))).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(await outboxRow(later)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('on stop gives up on a hung server after its drain time and hands the rest of the batch back', async () => {
    const silent = await rawServer(() => undefined);
    const practice = await createPractice(t.deps);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await queue(practice.id, `stopping-${i}@example.test`));
    const worker = workerFor(silent.url, { stopDrainMs: 2000 });
    worker.start();
    await until('an attempt under way', () => silent.accepted() > 0, 10_000);
    const started = Date.now();
    await worker.stop();
    expect(Date.now() - started).toBeLessThan(5000);
    const rows = await Promise.all(ids.map(outboxRow));
    expect(rows.map((row) => [row.status, row.attempts, row.locked_until]).sort()).toEqual([
      ['queued', 0, null],
      ['queued', 0, null],
      ['queued', 1, null],
    ]);
    expect(rows.find((row) => row.attempts === 1)?.last_error).toContain('the server stopped');
  });

  it('refuses SMTP timeouts that would outlast its claim on an email', () => {
    expect(() => workerFor(`${smtpUrl}/?socketTimeout=600000`)).toThrow(
      /SMTP_URL: connectionTimeout \+ greetingTimeout \+ socketTimeout/,
    );
    expect(() => workerFor(`${smtpUrl}/?greetingTimeout=0`)).toThrow(/greetingTimeout must be a positive/);
  });
});

describe('mail worker leases', () => {
  /** What another instance's claim does to a row whose lease has run out. */
  async function claimAsAnotherInstance(id: string): Promise<string> {
    const now = t.deps.clock.now();
    const lockedUntil = new Date(now.getTime() + 120_000).toISOString();
    const result = await t.deps.db
      .updateTable('outbox')
      .set({ status: 'sending', locked_until: lockedUntil })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('locked_until', '<', now.toISOString())
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
    return lockedUntil;
  }

  it.each([250, 451, 550])(
    'leaves a row alone that another instance claimed while the server took its time to answer %i',
    async (code) => {
      const server = new ScriptedSmtp(true);
      const worker = workerFor(await server.start());
      const practice = await createPractice(t.deps);
      const id = await queue(practice.id, 'stolen@example.test');
      const drained = worker.drain();
      const answer = await server.nextHeld();
      // The worker's lease runs out while the server sits on the message, and another instance claims the row.
      t.deps.clock.advanceMinutes(3);
      const theirs = await claimAsAnotherInstance(id);
      answer(code);
      expect(await drained).toBe(1);
      expect(await outboxRow(id)).toMatchObject({
        status: 'sending',
        attempts: 0,
        locked_until: theirs,
        sent_at: null,
        last_error: null,
      });
    },
  );

  it('renews its lease in a long batch and skips an email another instance claimed after it ran out', async () => {
    const server = new ScriptedSmtp(true);
    const worker = workerFor(await server.start());
    const practice = await createPractice(t.deps);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await queue(practice.id, `long-${i}@example.test`));
    const drained = worker.drain();
    const first = await server.nextHeld();
    const firstTo = server.received[0] ?? '';
    // The whole batch was claimed under one lease.
    const claimed = (await outboxRow(ids[0] ?? '')).locked_until ?? '';
    // The first email takes so long that the lease runs out, and another instance claims one of
    // the two emails still waiting in the batch.
    t.deps.clock.advanceMinutes(3);
    const waiting = [];
    for (const id of ids) if ((await outboxRow(id)).to_address !== firstTo) waiting.push(id);
    const [kept = '', taken = ''] = waiting;
    const theirs = await claimAsAnotherInstance(taken);
    first(250);
    const second = await server.nextHeld();
    expect(Date.parse((await outboxRow(kept)).locked_until ?? '')).toBeGreaterThan(Date.parse(claimed));
    second(250);
    expect(await drained).toBe(2);

    expect(server.received).toEqual([firstTo, (await outboxRow(kept)).to_address]);
    expect(await outboxRow(kept)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await outboxRow(taken)).toMatchObject({ status: 'sending', attempts: 0, locked_until: theirs });
    // The first one's lease ran out, but nobody claimed it: its outcome still counts.
    const firstRow = await t.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', firstTo)
      .executeTakeFirstOrThrow();
    expect(firstRow).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('mail worker handing the next email over while the last is recorded', () => {
  /**
   * A worker whose "sent" records wait for the test: each one started is listed with the means to
   * let it be written, or to fail it as a database gone away (or a server killed) would.
   */
  function workerWithHeldRecords(url: string) {
    const records: { to: string; write: () => void; fail: () => void }[] = [];
    /** Recipients whose "sent" record is written, in order. */
    const written: string[] = [];
    const db = new Proxy(t.deps.db, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property !== 'executeQuery' || typeof value !== 'function') {
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        }
        return async (query: CompiledQuery) => {
          if (query.sql.startsWith("update outbox set status = 'sent'")) {
            const id = String(query.parameters[2]);
            const row = await target
              .selectFrom('outbox')
              .select('to_address')
              .where('id', '=', id)
              .executeTakeFirstOrThrow();
            await new Promise<void>((resolve, reject) => {
              records.push({
                to: row.to_address,
                write: resolve,
                fail: () => reject(new Error('the database went away')),
              });
            });
            const result = await target.executeQuery(query);
            written.push(row.to_address);
            return result;
          }
          return target.executeQuery(query);
        };
      },
    });
    const worker = new MailWorker({ ...t.deps, db, config: { ...t.deps.config, smtpUrl: url } });
    workers.push(worker);
    const nextRecord = async () => {
      await until('a "sent" record started', () => records.length > 0, 10_000);
      const record = records.shift();
      if (!record) throw new Error('no record started');
      return record;
    };
    return { worker, nextRecord, written };
  }

  async function statusOf(to: string) {
    const row = await t.deps.db
      .selectFrom('outbox')
      .select('status')
      .where('to_address', '=', to)
      .executeTakeFirstOrThrow();
    return row.status;
  }

  it('sends the next body while the last email is recorded, and ends it only once that record is written', async () => {
    const server = new ScriptedSmtp();
    const { worker, nextRecord, written } = workerWithHeldRecords(await server.start());
    // What had been recorded sent when the server took each email.
    const taken: { to: string; recorded: string[] }[] = [];
    server.onTaken = (to) => taken.push({ to, recorded: [...written] });
    const practice = await createPractice(t.deps);
    for (let i = 0; i < 3; i++) await queue(practice.id, `overlap-${i}@example.test`);
    const drained = worker.drain();

    const first = await nextRecord();
    expect(server.received).toEqual([first.to]);
    // The next email is handed over meanwhile: its whole body reaches the server ...
    await until(
      'the second body up to its last line',
      () => (server.bodies[1]?.body ?? '').includes('</html>'),
      10_000,
    );
    const second = server.bodies[1]?.to ?? '';
    // ... but not its end, so the server has not taken it while the first is delivered and unrecorded.
    expect(server.received).toEqual([first.to]);
    expect(await statusOf(first.to)).toBe('sending');

    first.write();
    const next = await nextRecord();
    expect(next.to).toBe(second);
    expect(server.received).toEqual([first.to, second]);
    expect(await statusOf(first.to)).toBe('sent');
    next.write();
    (await nextRecord()).write();
    expect(await drained).toBe(3);
    const [, , third = ''] = server.received;
    expect(taken).toEqual([
      { to: first.to, recorded: [] },
      { to: second, recorded: [first.to] },
      { to: third, recorded: [first.to, second] },
    ]);
  });

  it('when a record fails between delivery and record, the server has taken only that email, the one resent', async () => {
    const server = new ScriptedSmtp();
    const url = await server.start();
    const held = workerWithHeldRecords(url);
    const practice = await createPractice(t.deps);
    const addresses: string[] = [];
    for (let i = 0; i < 3; i++) {
      addresses.push(`broken-${i}@example.test`);
      await queue(practice.id, `broken-${i}@example.test`);
    }
    const drained = held.worker.drain();
    const first = await held.nextRecord();
    await until(
      'the second body up to its last line',
      () => (server.bodies[1]?.body ?? '').includes('</html>'),
      10_000,
    );
    first.fail();
    await expect(drained).rejects.toThrow('the database went away');
    // The second body never ended: the server took the first email only, still unrecorded.
    expect(server.received).toEqual([first.to]);
    expect(await statusOf(first.to)).toBe('sending');

    // Once the lease has run out another worker delivers what is left: the first email again (the
    // one in flight when the record failed), every other once.
    t.deps.clock.advanceMinutes(3);
    const again = workerFor(url);
    while ((await again.drain()) > 0);
    expect([...server.received].sort()).toEqual([first.to, ...addresses].sort());
    for (const address of addresses) expect(await statusOf(address)).toBe('sent');
  });
});

describe('mail workers racing over one outbox', () => {
  it('deliver every email exactly once with several connections each, through refusals in the middle of their batches', async () => {
    const practice = await createPractice(t.deps);
    const count = 150;
    const addresses = Array.from({ length: count }, (_, i) => `race-${i}@example.test`);
    for (const address of addresses) await queue(practice.id, address);
    // Every fourth recipient is refused once (451, try later) wherever it falls in a batch; the
    // emails around it go on.
    const refused = new Set<string>();
    sink.refuseRecipients((address) => {
      const number = Number(/race-(\d+)@/.exec(address)?.[1] ?? 0);
      if (number % 4 !== 0 || refused.has(address)) return null;
      refused.add(address);
      return { code: 451, message: 'Try again later' };
    });
    // Three instances, four connections each, claiming at the same moment.
    const racing = [0, 1, 2].map(() => workerFor(`${smtpUrl}/?maxConnections=4`));
    const firstRound = await Promise.all(racing.map((worker) => worker.drain()));
    expect(firstRound.reduce((sum, n) => sum + n, 0)).toBe(count);
    expect(refused.size).toBe(Math.ceil(count / 4));
    // The refused ones come due again after their retry delay, and are raced for again.
    t.deps.clock.advanceMinutes(1);
    const secondRound = await Promise.all(racing.map((worker) => worker.drain()));
    expect(secondRound.reduce((sum, n) => sum + n, 0)).toBe(refused.size);

    const delivered = sink.messages.map((mail) => mail.to[0] ?? '');
    expect(delivered).toHaveLength(count);
    expect([...delivered].sort()).toEqual([...addresses].sort());
    const messageIds = sink.messages.map((mail) => mail.messageId);
    expect(new Set(messageIds).size).toBe(count);
    const rows = await t.deps.db
      .selectFrom('outbox')
      .select(['to_address', 'status', 'attempts', 'message_id'])
      .where('practice_id', '=', practice.id)
      .execute();
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'sent', attempts: refused.has(row.to_address) ? 2 : 1 });
      expect(messageIds).toContain(row.message_id);
    }
  });
});
