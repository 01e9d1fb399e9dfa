import { Transform, type TransformCallback } from 'node:stream';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { CompiledQuery, sql, type Updateable } from 'kysely';
import type { Config } from './app-config.js';
import type { AppDeps } from './deps.js';
import type { OutboxTable } from '../db/schema.js';
import { iso } from './clock.js';
import type { EmailAttachment } from './outbox.js';
import { LEASE_MS, RECORD_MARGIN_MS, smtpSettings, type SmtpSettings } from './smtp-settings.js';

/** Emails claimed at once per connection: a batch keeps every connection busy until its last few. */
const BATCH_PER_CONNECTION = 20;
const MAX_ATTEMPTS = 12;
const BASE_DELAY_SECONDS = 15;
const MAX_DELAY_SECONDS = 3600;

/**
 * How long `stop()` lets the claimed batch finish: within a typical 30 s shutdown grace period.
 * What is not sent by then (a server that stopped answering) goes back to the queue, the email in
 * flight included, and is tried again later with the same Message-ID.
 */
const STOP_DRAIN_MS = 15_000;

/** Delay before the next try: exponential, capped, so a mail server that is down for hours is not hammered. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  cause?: unknown;
}

function describe(error: unknown): { permanent: boolean; message: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const code = e.responseCode;
  // An attempt this worker ended itself says why (no answer in time, or the server stopping).
  const reason = e.code === 'EABORT' && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  const message = ((e.response ?? e.message ?? String(error)) + reason).slice(0, 500);
  return { permanent: typeof code === 'number' && code >= 500, message };
}

/**
 * A claim on rows. Its end, as written to `locked_until`, is also its token: another claim on the
 * same rows can only come after it has passed and writes a later one, so `locked_until = token`
 * holds exactly while the rows are still this claim's.
 */
interface Lease {
  until: number;
  token: string;
}

/**
 * One email handed over at a time, as one pooled connection carries them. The next email on a lane
 * starts as soon as the server has answered the previous one, while that one's outcome is being
 * written; `recorded` is that write, and the next message's end waits for it (see `HeldUntil`).
 */
interface Lane {
  recorded: Promise<void> | null;
}

/**
 * Passes a message's body through as it comes but ends it only once `recorded` has settled, and
 * fails it if the write failed. An SMTP server takes a message only at the end of its body, so an
 * email is never accepted while the email before it on the same lane is delivered and not yet
 * recorded: a server killed at any moment leaves at most one email per lane delivered and not
 * recorded, the one in flight, as when each email was recorded before the next was started.
 */
class HeldUntil extends Transform {
  constructor(private readonly recorded: Promise<void>) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.recorded.then(
      () => done(),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }
}

/** Claimed emails, their lease, and the names of their practices. */
interface Batch {
  rows: OutboxTable[];
  lease: Lease;
  names: Map<string, string>;
}

/**
 * Delivers queued emails. Rows are claimed (status `sending` with a lease) so that several server
 * processes never send one email twice, and a process that dies mid-send leaves a lease that
 * expires and is picked up again with the same Message-ID. An email is only handed to the server
 * while its lease outlasts the attempt, and an outcome is only recorded while the lease is held.
 */
export class MailWorker {
  private readonly smtp: SmtpSettings | null;
  private transport: Transporter | null = null;
  private readonly inFlight = new Set<AbortController>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Set when stopping has waited long enough: the batch is handed back instead of finished. */
  private givingUp = false;
  private readonly stopDrainMs: number;
  /**
   * The statement that records an email sent, written once: it runs once per email, and building
   * it through the query builder every time cost more than running it (decision 029).
   */
  private readonly markSentSql: string;
  /** The write each email's end waits for, by Message-ID, while it is being handed over. */
  private readonly heldUntil = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: AppDeps,
    options: { stopDrainMs?: number } = {},
  ) {
    this.smtp = deps.config.smtpUrl ? smtpSettings(deps.config.smtpUrl) : null;
    this.stopDrainMs = options.stopDrainMs ?? STOP_DRAIN_MS;
    const p = deps.dialect === 'postgres' ? (n: number) => `$${n}` : () => '?';
    this.markSentSql =
      `update outbox set status = 'sent', attempts = ${p(1)}, sent_at = ${p(2)}, locked_until = null, last_error = null ` +
      `where id = ${p(3)} and status = 'sending' and locked_until = ${p(4)}`;
  }

  start(): void {
    this.stopped = false;
    this.givingUp = false;
    this.schedule(0);
  }

  /**
   * Stops claiming, finishes the batch already claimed (for STOP_DRAIN_MS at most; then the email
   * in flight is abandoned and the rest handed back to the queue) and closes the SMTP connection.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const giveUp = setTimeout(() => {
      this.givingUp = true;
      for (const attempt of this.inFlight)
        attempt.abort(new Error('the server stopped before the mail server answered'));
    }, this.stopDrainMs);
    try {
      await this.running;
    } finally {
      clearTimeout(giveUp);
    }
    this.transport?.close();
    this.transport = null;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => {
          console.error('mail worker: batch failed', error);
        })
        .finally(() => this.schedule(this.deps.config.outboxPollMs));
    }, delay);
  }

  /**
   * Delivers everything due now; returns how many emails were attempted. Batches are claimed as
   * before, but the next one is claimed while the last emails of the current one are handed over
   * (prefetched), so the connections go on to it without waiting for the tail to be answered and
   * for a claim round trip. An email is still started only while its lease outlasts the attempt
   * and recorded as soon as it is answered, so a server killed mid-batch resends only the emails
   * in flight at that moment; a prefetched batch that is not started (the worker stopping, or a
   * delivery failing) goes straight back to the queue.
   */
  async drain(): Promise<number> {
    if (this.stopped) return 0;
    const connections = this.smtp?.connections ?? 1;
    const attemptMs = this.smtp?.attemptMs ?? 0;
    const free: Lane[] = Array.from({ length: connections }, () => ({ recorded: null }));
    // Emails handed over and not yet answered (each holds a lane), and outcomes being written.
    const sending = new Set<Promise<void>>();
    const recording = new Set<Promise<void>>();
    // Every delivery and write is awaited below; a failed one is kept here rather than left unhandled.
    const failures: unknown[] = [];
    let attempted = 0;
    let upcoming: Promise<Batch> | null = null;
    const prefetch = (): Promise<Batch> => {
      const next = this.claim();
      // Awaited later; until then a failed claim must not count as unhandled.
      next.catch(() => undefined);
      return next;
    };
    const track = (set: Set<Promise<void>>, work: Promise<void>): void => {
      const tracked: Promise<void> = work
        .catch((error: unknown) => {
          failures.push(error);
        })
        .finally(() => set.delete(tracked));
      set.add(tracked);
    };
    let batch: Batch | null = await this.claim();
    try {
      while (batch && batch.rows.length > 0) {
        let { rows: held, lease } = batch;
        const { names } = batch;
        for (;;) {
          if (failures.length > 0) break;
          if (!upcoming && !this.stopped && held.length <= connections) upcoming = prefetch();
          const row = held[0];
          if (!row) break;
          if (this.givingUp) {
            await Promise.all(sending);
            await this.release(held, lease);
            break;
          }
          const lane = free.pop();
          if (!lane) {
            await Promise.race(sending);
            continue;
          }
          if (lease.until - this.deps.clock.now().getTime() < attemptMs + RECORD_MARGIN_MS) {
            free.push(lane);
            // Emails in flight keep the lease they started under; only those not yet started move on.
            ({ held, lease } = await this.renew(held, lease));
            continue;
          }
          held = held.slice(1);
          attempted += 1;
          const handedOver = this.deliver(row, lease, names.get(row.practice_id ?? '') ?? null, lane).then(() => {
            if (lane.recorded) track(recording, lane.recorded);
            free.push(lane);
          });
          track(sending, handedOver);
        }
        if (!upcoming) break;
        const next: Batch = await upcoming;
        upcoming = null;
        if (this.stopped || failures.length > 0) {
          await this.release(next.rows, next.lease);
          break;
        }
        batch = next;
      }
    } finally {
      await Promise.all(sending);
      await Promise.all(recording);
      const left = await upcoming?.catch(() => null);
      if (left) await this.release(left.rows, left.lease);
    }
    if (failures.length > 0) throw failures[0];
    return attempted;
  }

  private newLease(): Lease {
    const until = this.deps.clock.now().getTime() + LEASE_MS;
    return { until, token: iso(new Date(until)) };
  }

  /**
   * Claims the next emails due, with the names of their practices (the sender's name). The emails
   * due are those queued and due, and those whose sender's lease ran out; each kind is read in
   * due order through the (status, next_attempt_at) index and only as many as one batch, then the
   * two are merged. Asked as one condition with OR, both databases collected every due email and
   * sorted them all for each batch, so with thousands queued every claim read the whole queue.
   */
  private async claim(): Promise<Batch> {
    const lease = this.newLease();
    const nowIso = iso(this.deps.clock.now());
    const skipLocked = this.deps.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const limit = BATCH_PER_CONNECTION * (this.smtp?.connections ?? 1);
    const result = await sql<OutboxTable>`
      update outbox set status = 'sending', locked_until = ${lease.token}
      where id in (
        select id from (
          select id, next_attempt_at from (
            select id, next_attempt_at from outbox
            where status = 'queued' and next_attempt_at <= ${nowIso}
            order by next_attempt_at
            limit ${limit}
            ${skipLocked}
          ) as queued
          union all
          select id, next_attempt_at from (
            select id, next_attempt_at from outbox
            where status = 'sending' and locked_until < ${nowIso}
            order by next_attempt_at
            limit ${limit}
            ${skipLocked}
          ) as abandoned
        ) as due
        order by next_attempt_at
        limit ${limit}
      )
      returning *`.execute(this.deps.db);
    return { rows: result.rows, lease, names: await this.practiceNames(result.rows) };
  }

  /** Extends the lease on the rows still held, dropping any another instance has claimed since. */
  private async renew(rows: OutboxTable[], lease: Lease): Promise<{ held: OutboxTable[]; lease: Lease }> {
    const next = this.newLease();
    const renewed = await this.deps.db
      .updateTable('outbox')
      .set({ locked_until: next.token })
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .where('status', '=', 'sending')
      .where('locked_until', '=', lease.token)
      .returning('id')
      .execute();
    const ids = new Set(renewed.map((row) => row.id));
    if (ids.size < rows.length) {
      console.warn(
        `mail worker: ${rows.length - ids.size} emails were claimed by another instance after this one's lease ran out; left to it`,
      );
    }
    return { held: rows.filter((row) => ids.has(row.id)), lease: next };
  }

  /** Puts unsent rows back in the queue, due as before, so another instance need not wait out the lease. */
  private async release(rows: OutboxTable[], lease: Lease): Promise<void> {
    if (rows.length === 0) return;
    await this.deps.db
      .updateTable('outbox')
      .set({ status: 'queued', locked_until: null })
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .where('status', '=', 'sending')
      .where('locked_until', '=', lease.token)
      .execute();
  }

  private async practiceNames(batch: OutboxTable[]): Promise<Map<string, string>> {
    const ids = [...new Set(batch.map((row) => row.practice_id).filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const rows = await this.deps.db.selectFrom('practices').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * Hands one email to the server on a lane and resolves once the server has answered, with the
   * outcome's write started as the lane's `recorded`. The message's end waits for the lane's
   * previous write (`HeldUntil`), so the two overlap without the server accepting an email before
   * the one it accepted last on this lane is recorded.
   */
  private async deliver(row: OutboxTable, lease: Lease, practiceName: string | null, lane: Lane): Promise<void> {
    const attempts = row.attempts + 1;
    try {
      await this.send(row, practiceName, lane.recorded);
    } catch (error) {
      const { permanent, message } = describe(error);
      const failed = permanent || attempts >= MAX_ATTEMPTS;
      const next = new Date(this.deps.clock.now().getTime() + retryDelaySeconds(attempts) * 1000);
      lane.recorded = this.record(row, lease, {
        status: failed ? 'failed' : 'queued',
        attempts,
        last_error: message,
        locked_until: null,
        next_attempt_at: iso(next),
      });
      return;
    }
    lane.recorded = this.markSent(row, lease, attempts);
  }

  private async markSent(row: OutboxTable, lease: Lease, attempts: number): Promise<void> {
    const sent = await this.deps.db.executeQuery(
      CompiledQuery.raw(this.markSentSql, [attempts, iso(this.deps.clock.now()), row.id, lease.token]),
    );
    if (!sent.numAffectedRows) this.leftToAnother(row, 'sent');
  }

  private leftToAnother(row: OutboxTable, status: string): void {
    console.warn(
      `mail worker: outbox row ${row.id} was claimed by another instance before it could be marked ${status}; left to it`,
    );
  }

  /**
   * Writes an attempt's outcome if the row is still this lease's. If the lease ran out and another
   * instance claimed the row meanwhile, that instance's claim decides: its state is not overwritten.
   */
  private async record(row: OutboxTable, lease: Lease, outcome: Updateable<OutboxTable>): Promise<void> {
    const result = await this.deps.db
      .updateTable('outbox')
      .set(outcome)
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('locked_until', '=', lease.token)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) this.leftToAnother(row, outcome.status ?? '');
  }

  /**
   * One delivery attempt over the pooled connection, ended by a timer if the server takes longer
   * than it may; the message's end waits for `heldUntil` when given (see `HeldUntil`).
   */
  private async send(row: OutboxTable, practiceName: string | null, heldUntil: Promise<void> | null): Promise<void> {
    if (!this.smtp) return;
    const { attemptMs } = this.smtp;
    const transport = (this.transport ??= this.createTransport(this.smtp));
    const attempt = new AbortController();
    const deadline = setTimeout(() => attempt.abort(new Error(`no answer within ${attemptMs} ms`)), attemptMs);
    this.inFlight.add(attempt);
    if (heldUntil) this.heldUntil.set(row.message_id, heldUntil);
    try {
      await transport.sendMail({ ...outboxMail(row, practiceName, this.deps.config), signal: attempt.signal });
    } finally {
      clearTimeout(deadline);
      this.inFlight.delete(attempt);
      if (heldUntil) this.heldUntil.delete(row.message_id);
    }
  }

  /** The pooled transport, with each message's end held until the write it waits for (`HeldUntil`). */
  private createTransport(smtp: SmtpSettings): Transporter {
    const transport = nodemailer.createTransport(smtp.transport);
    transport.use('stream', (mail, done) => {
      const messageId = mail.data.messageId;
      const recorded = messageId ? this.heldUntil.get(messageId) : undefined;
      if (recorded) mail.message.transform(() => new HeldUntil(recorded));
      done();
    });
    return transport;
  }
}

/** The email an outbox row becomes. The Message-ID is the row's, so a repeated delivery is recognisable. */
export function outboxMail(
  row: OutboxTable,
  practiceName: string | null,
  config: Pick<Config, 'mailFrom' | 'mailFromAddress'>,
): SendMailOptions {
  return {
    // The practice's name is shown as the sender; the address stays the deployment's MAIL_FROM.
    from: practiceName ? { name: practiceName, address: config.mailFromAddress } : config.mailFrom,
    to: row.to_address,
    subject: row.subject,
    html: row.html,
    text: row.text,
    messageId: row.message_id,
    headers: { 'X-Portico-Kind': row.kind },
    ...(row.attachments ? { attachments: JSON.parse(row.attachments) as EmailAttachment[] } : {}),
  };
}
