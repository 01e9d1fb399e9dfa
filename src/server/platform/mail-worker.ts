import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { AppDeps } from '../deps.js';
import type { OutboxTable } from '../db/schema.js';
import { iso } from './clock.js';

const BATCH_SIZE = 20;
const LOCK_SECONDS = 120;
const MAX_ATTEMPTS = 12;
const BASE_DELAY_SECONDS = 15;
const MAX_DELAY_SECONDS = 3600;

/** Delay before the next try: exponential, capped, so a mail server that is down for hours is not hammered. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  message?: string;
}

function describe(error: unknown): { permanent: boolean; message: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const code = e.responseCode;
  const message = (e.response ?? e.message ?? String(error)).slice(0, 500);
  return { permanent: typeof code === 'number' && code >= 500, message };
}

/**
 * Delivers queued emails. Rows are claimed (status `sending` with a lease) so that several server
 * processes never send one email twice, and a process that dies mid-send leaves a lease that
 * expires and is picked up again with the same Message-ID.
 */
export class MailWorker {
  private transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: AppDeps) {
    this.transport = deps.config.smtpUrl ? nodemailer.createTransport(deps.config.smtpUrl) : null;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
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

  /** Delivers everything due now; returns how many emails were attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.stopped && total > 0) return total;
      const batch = await this.claim();
      if (batch.length === 0) return total;
      total += batch.length;
      const names = await this.practiceNames(batch);
      for (const row of batch) await this.deliver(row, names.get(row.practice_id ?? '') ?? null);
    }
  }

  private async claim(): Promise<OutboxTable[]> {
    const now = this.deps.clock.now();
    const lockedUntil = iso(new Date(now.getTime() + LOCK_SECONDS * 1000));
    const nowIso = iso(now);
    const skipLocked = this.deps.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const result = await sql<OutboxTable>`
      update outbox set status = 'sending', locked_until = ${lockedUntil}
      where id in (
        select id from outbox
        where (status = 'queued' and next_attempt_at <= ${nowIso})
           or (status = 'sending' and locked_until < ${nowIso})
        order by next_attempt_at
        limit ${BATCH_SIZE}
        ${skipLocked}
      )
      returning *`.execute(this.deps.db);
    return result.rows;
  }

  private async practiceNames(batch: OutboxTable[]): Promise<Map<string, string>> {
    const ids = [...new Set(batch.map((row) => row.practice_id).filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const rows = await this.deps.db.selectFrom('practices').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  private async deliver(row: OutboxTable, practiceName: string | null): Promise<void> {
    const attempts = row.attempts + 1;
    try {
      if (this.transport) {
        await this.transport.sendMail({
          // The practice's name is shown as the sender; the address stays the deployment's MAIL_FROM.
          from: practiceName ? { name: practiceName, address: this.deps.config.mailFromAddress } : this.deps.config.mailFrom,
          to: row.to_address,
          subject: row.subject,
          html: row.html,
          text: row.text,
          messageId: row.message_id,
          headers: { 'X-Portico-Kind': row.kind },
        });
      }
      await this.deps.db
        .updateTable('outbox')
        .set({ status: 'sent', attempts, sent_at: iso(this.deps.clock.now()), locked_until: null, last_error: null })
        .where('id', '=', row.id)
        .execute();
    } catch (error) {
      const { permanent, message } = describe(error);
      const failed = permanent || attempts >= MAX_ATTEMPTS;
      const next = new Date(this.deps.clock.now().getTime() + retryDelaySeconds(attempts) * 1000);
      await this.deps.db
        .updateTable('outbox')
        .set({
          status: failed ? 'failed' : 'queued',
          attempts,
          last_error: message,
          locked_until: null,
          next_attempt_at: iso(next),
        })
        .where('id', '=', row.id)
        .execute();
    }
  }
}
