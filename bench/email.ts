import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { z } from 'zod';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import type { AppDeps } from '../src/server/deps.js';
import { signedInStaffContext } from '../src/server/platform/request-context.js';
import { documentsWaitingFor } from '../src/server/modules/documents/index.js';
import { invite } from '../src/server/modules/portal-access/index.js';
import { DiskFileStore } from '../src/server/platform/file-store-disk.js';
import { systemClock } from '../src/server/platform/clock.js';
import { InProcessEventBus } from '../src/server/platform/live-events.js';
import { MailWorker, outboxMail } from '../src/server/platform/mail-worker.js';
import { prepareBenchDatabase } from './database.js';

const sinkMessage = z.union([
  z.object({ kind: z.literal('ready'), port: z.number() }),
  z.object({ kind: z.literal('count'), messages: z.number(), bytes: z.number() }),
]);
type SinkCount = { messages: number; bytes: number };

/** The forked SMTP sink (bench/smtp-sink-process.ts). */
class SinkProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<SinkProcess> {
    const child = fork(fileURLToPath(new URL('./smtp-sink-process.ts', import.meta.url)), [], { stdio: 'inherit' });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
      child.once('message', (message: unknown) => {
        const parsed = sinkMessage.parse(message);
        if (parsed.kind === 'ready') resolve(parsed.port);
        else reject(new Error('the SMTP sink answered before it was ready'));
      });
    });
    return new SinkProcess(child, `smtp://127.0.0.1:${port}`);
  }

  private ask(question: 'count' | 'reset'): Promise<SinkCount> {
    return new Promise((resolve) => {
      this.child.once('message', (message: unknown) => {
        const parsed = sinkMessage.parse(message);
        resolve(parsed.kind === 'count' ? parsed : { messages: 0, bytes: 0 });
      });
      this.child.send(question);
    });
  }

  count = (): Promise<SinkCount> => this.ask('count');
  reset = (): Promise<SinkCount> => this.ask('reset');

  stop(): void {
    this.child.disconnect();
  }
}

export interface Timing {
  emails: number;
  /** The median of the rounds, when there were rounds. */
  seconds: number;
  /** Each round's seconds, in order; a ratio is taken round by round against its neighbour. */
  rounds?: number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function rounded(emails: number, seconds: number[]): Timing {
  return { emails, seconds: median(seconds), rounds: seconds };
}

export interface EmailResult {
  dialect: 'sqlite' | 'postgres';
  /** Average size of one message as the SMTP server received it. */
  bytesPerEmail: number;
  /** Queuing the invitations: the portal-access service's invite, one transaction each. */
  queue: Timing;
  /** The outbox drained by the MailWorker to the SMTP sink. */
  worker: Timing;
  /** The same outbox again, drained by a MailWorker with `?maxConnections=` that many connections. */
  parallelWorker: Timing & { connections: number };
  /** nodemailer sending the same messages over one pooled connection, one at a time as the worker does. */
  direct: Timing;
  /** nodemailer with a pool of several connections and every message handed over at once: what sending in parallel could add. */
  parallel: Timing & { connections: number };
  /** nodemailer without a pool: a new connection per message (the worker with `?pool=false`), on a sample. */
  unpooled: Timing;
}

const parallelConnections = 5;
/** Emails sent without a pool: enough for a rate, few enough not to take minutes. */
const unpooledSample = 100;

const welcome =
  'Welcome to the Client Portal of our practice. You can see your upcoming appointments, message your ' +
  'therapist securely and download receipts here. If you have any questions, reply to this email or call us.';

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function expectDelivered(sink: SinkProcess, emails: number, what: string): Promise<SinkCount> {
  const count = await sink.count();
  if (count.messages !== emails)
    throw new Error(`${what}: the SMTP server received ${count.messages} of ${emails} emails`);
  return count;
}

/**
 * Queues `emails` portal invitations through the real service (each writes the access row, a
 * token, an outbox row and an audit row), delivers them with the MailWorker to a loopback SMTP
 * server, then sends the very same messages (read back from the outbox) with nodemailer directly.
 */
export async function measureEmail(
  postgresUrl: string | undefined,
  emails: number,
  rounds: number,
  log: (line: string) => void,
): Promise<EmailResult> {
  const sink = await SinkProcess.start();
  // About 80 % of seeded clients have an email with Email OK on; the rest cannot be invited.
  const database = await prepareBenchDatabase(postgresUrl, {
    clients: Math.ceil(emails / 0.75) + 50,
    accesses: 0,
    messages: 0,
    conversation: 0,
  });
  const handle = openDatabase(database.url);
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    // As deployed: the MailWorker keeps one pooled connection by default (decision 009).
    SMTP_URL: sink.url,
    LOG_LEVEL: 'silent',
  });
  const deps: AppDeps = {
    config,
    db: handle.db,
    dialect: handle.dialect,
    clock: systemClock,
    files: new DiskFileStore(path.join(database.dataDir, 'attachments')),
    live: new InProcessEventBus(),
  };
  const transports: Transporter[] = [];
  try {
    const practice = database.seed.practices[0];
    if (!practice) throw new Error('the seed made no practice');
    const invitees = await handle.db
      .selectFrom('client_emails')
      .innerJoin('clients', 'clients.id', 'client_emails.client_id')
      .select(['client_emails.client_id', (eb) => eb.fn.min('client_emails.id').as('email_id')])
      .where('client_emails.practice_id', '=', practice.id)
      .where('client_emails.email_ok', '=', 1)
      .where('clients.archived_at', 'is', null)
      .groupBy('client_emails.client_id')
      .limit(emails)
      .execute();
    if (invitees.length < emails) throw new Error(`only ${invitees.length} clients can be invited`);
    const owner = {
      kind: 'staff' as const,
      staffId: practice.owner.id,
      practiceId: practice.id,
      roles: ['owner', 'clinician'] as const,
      csrfToken: '',
      sessionHash: '',
    };
    const ctx = signedInStaffContext(deps, owner, { ip: '127.0.0.1', userAgent: 'portico-bench' });

    log(`Email: queuing ${emails} invitations on ${handle.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}…`);
    const queueSeconds = await timed(async () => {
      for (const invitee of invitees) {
        await invite(ctx, invitee.client_id, { emailId: invitee.email_id, message: welcome }, documentsWaitingFor);
      }
    });

    // The same messages for nodemailer, as the worker builds them.
    const rows = await handle.db
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'queued')
      .orderBy('next_attempt_at')
      .execute();
    if (rows.length !== emails) throw new Error(`the outbox holds ${rows.length} queued emails, expected ${emails}`);
    const messages: SendMailOptions[] = rows.map((row) => outboxMail(row, practice.name, config));

    // Warms up nodemailer and the sink, so the first measured path does not pay for JIT compilation.
    const warmup = nodemailer.createTransport(`${sink.url}/?pool=true`);
    transports.push(warmup);
    for (const message of messages.slice(0, Math.min(200, emails))) await warmup.sendMail(message);
    await sink.reset();

    /** Puts the outbox back as it was queued: every email, or the first `count` (a warm-up). */
    const requeue = async (count?: number): Promise<void> => {
      let update = handle.db
        .updateTable('outbox')
        .set({ status: 'queued', attempts: 0, sent_at: null, locked_until: null });
      if (count !== undefined) {
        update = update.where(
          'id',
          'in',
          rows.slice(0, count).map((row) => row.id),
        );
        await handle.db.updateTable('outbox').set({ status: 'sent' }).execute();
      }
      await update.execute();
    };
    const throughWorker = async (connections: number, count = emails): Promise<number> => {
      await requeue(count === emails ? undefined : count);
      const worker = new MailWorker(
        connections === 1
          ? deps
          : { ...deps, config: { ...config, smtpUrl: `${sink.url}/?maxConnections=${connections}` } },
      );
      const seconds = await timed(async () => {
        while ((await worker.drain()) > 0);
      });
      await worker.stop();
      await expectDelivered(sink, count, `MailWorker (${connections} connections)`);
      const notSent = await handle.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('status', '!=', 'sent')
        .executeTakeFirstOrThrow();
      // PostgreSQL answers a count as a string (bigint).
      if (Number(notSent.n) !== 0) throw new Error(`${notSent.n} outbox rows are not sent after the worker finished`);
      await sink.reset();
      return seconds;
    };
    // nodemailer reads transport options from the URL. One pooled connection, one message at a time,
    // as the worker sends. Without a pool every email opens a connection, and smtp-server (like some
    // real servers) waits 100 ms before greeting each one, which would be all these figures measured.
    const direct = nodemailer.createTransport(`${sink.url}/?pool=true`);
    const parallel = nodemailer.createTransport(`${sink.url}/?pool=true&maxConnections=${parallelConnections}`);
    transports.push(direct, parallel);
    let bytes = 0;
    const straight = async (): Promise<number> => {
      const seconds = await timed(async () => {
        for (const message of messages) await direct.sendMail(message);
      });
      bytes = (await expectDelivered(sink, emails, 'nodemailer')).bytes;
      await sink.reset();
      return seconds;
    };
    const allAtOnce = async (): Promise<number> => {
      const seconds = await timed(() => Promise.all(messages.map((message) => parallel.sendMail(message))));
      await expectDelivered(sink, emails, 'nodemailer (parallel)');
      await sink.reset();
      return seconds;
    };

    // The workers warm up as nodemailer did, so the first measured round does not pay for compiling them.
    await throughWorker(1, Math.min(200, emails));
    await throughWorker(parallelConnections, Math.min(200, emails));

    // Each path runs once per round, each worker next to its nodemailer baseline and in turn first and
    // second, so a change in the machine's load between two paths moves both sides of a ratio.
    const runs = {
      worker: [] as number[],
      direct: [] as number[],
      parallelWorker: [] as number[],
      parallel: [] as number[],
    };
    for (let round = 1; round <= rounds; round += 1) {
      log(
        `Email: round ${round} of ${rounds}, the MailWorker and nodemailer in turn, on one and on ${parallelConnections} connections…`,
      );
      const pair = async (ours: () => Promise<number>, theirs: () => Promise<number>): Promise<[number, number]> => {
        if (round % 2 === 1) {
          const first = await ours();
          return [first, await theirs()];
        }
        const second = await theirs();
        return [await ours(), second];
      };
      const [worker, straightSeconds] = await pair(() => throughWorker(1), straight);
      const [parallelWorker, allAtOnceSeconds] = await pair(() => throughWorker(parallelConnections), allAtOnce);
      runs.worker.push(worker);
      runs.direct.push(straightSeconds);
      runs.parallelWorker.push(parallelWorker);
      runs.parallel.push(allAtOnceSeconds);
    }

    const sample = messages.slice(0, Math.min(unpooledSample, emails));
    log(`Email: nodemailer without a pool, ${sample.length} emails…`);
    const unpooled = nodemailer.createTransport(sink.url);
    transports.push(unpooled);
    const unpooledSeconds = await timed(async () => {
      for (const message of sample) await unpooled.sendMail(message);
    });
    await expectDelivered(sink, sample.length, 'nodemailer (no pool)');

    return {
      dialect: handle.dialect,
      bytesPerEmail: bytes / emails,
      queue: { emails, seconds: queueSeconds },
      worker: rounded(emails, runs.worker),
      parallelWorker: { ...rounded(emails, runs.parallelWorker), connections: parallelConnections },
      direct: rounded(emails, runs.direct),
      parallel: { ...rounded(emails, runs.parallel), connections: parallelConnections },
      unpooled: { emails: sample.length, seconds: unpooledSeconds },
    };
  } finally {
    for (const transport of transports) transport.close();
    sink.stop();
    await handle.close();
    await database.dispose();
  }
}

const perSecond = (timing: Timing): number => timing.emails / timing.seconds;

export function renderEmail(results: readonly EmailResult[]): string[] {
  const lines = [
    '## Email',
    '',
    'Portal invitations queued through the portal-access service (`invite`: access row, sign-in token, outbox row and ' +
      'audit row, one transaction each), then delivered by the MailWorker (claims 20 per connection at a time, sends them one by one, ' +
      'marks each sent) to a loopback SMTP server (smtp-server in a process of its own, counting and discarding), next to ' +
      'nodemailer sending the same messages, read back from the outbox, straight to that server. Both keep one pooled ' +
      'connection open between emails (the worker does by default) and send one at a time: the ratio is the cost of the ' +
      'outbox. Then the same outbox delivered again by a MailWorker with several connections (`SMTP_URL` with ' +
      '`?maxConnections=`, handing over that many emails at once), nodemailer doing the same, and what leaving the pool out costs (a ' +
      'connection per email, as the worker does with `?pool=false`; smtp-server waits 100 ms before greeting each one).',
    '',
    'The four paths run in rounds (`--email-rounds`), each worker beside its nodemailer baseline and in turn first and ' +
      "second, so a change in the machine's load between paths moves both sides of a ratio. Seconds and emails/s are the " +
      "median round; a ratio is the median of the rounds' ratios, each round's in brackets.",
    '',
    '| database | path | emails | seconds | emails/s | ratio |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const result of results) {
    const dialect = result.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite';
    const ratio = (timing: Timing): string => {
      const theirs = result.direct.rounds;
      if (!timing.rounds || !theirs || timing.rounds.length < 2)
        return `${(perSecond(timing) / perSecond(result.direct)).toFixed(2)}×`;
      // Round by round: each worker run over the nodemailer run beside it (same emails, so seconds invert).
      const each = timing.rounds.map((seconds, index) => (theirs[index] ?? seconds) / seconds);
      return `${median(each).toFixed(2)}× (${each.map((r) => r.toFixed(2)).join(', ')})`;
    };
    const row = (name: string, timing: Timing, shown: string): string =>
      `| ${dialect} | ${name} | ${timing.emails.toLocaleString('en')} | ${timing.seconds.toFixed(1)} | ${Math.round(perSecond(timing))} | ${shown} |`;
    lines.push(
      row('queue invitations (`invite`)', result.queue, ''),
      row('**outbox → MailWorker → SMTP**', result.worker, `**${ratio(result.worker)}**`),
      row('nodemailer → SMTP, same transport, one at a time', result.direct, '1.00×'),
      row(
        `outbox → MailWorker → SMTP, \`?maxConnections=${result.parallelWorker.connections}\``,
        result.parallelWorker,
        ratio(result.parallelWorker),
      ),
      row(
        `nodemailer → SMTP, all at once over ${result.parallel.connections} connections`,
        result.parallel,
        ratio(result.parallel),
      ),
      row('nodemailer → SMTP without a pool (new connection each)', result.unpooled, ratio(result.unpooled)),
    );
  }
  const sizes = [...new Set(results.map((result) => `${(result.bytesPerEmail / 1024).toFixed(1)} kB`))].join(', ');
  lines.push(
    '',
    `Each email is ${sizes} as received (HTML and text parts). Ratios are emails/s over the same-transport nodemailer row.`,
  );
  return lines;
}
