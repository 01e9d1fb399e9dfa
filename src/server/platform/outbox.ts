import { isIP } from 'node:net';
import type { Config } from './app-config.js';
import type { Db } from '../db/database.js';
import type { AppDeps } from './deps.js';
import { iso } from './clock.js';
import { newId } from './tokens.js';

export interface OutgoingEmail {
  practiceId: string | null;
  clientId?: string | null;
  /** What the email is, e.g. `password_reset`, for the delivery list and for tests. */
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Files the email carries as text, e.g. an appointment's calendar file (`.ics`). */
  attachments?: readonly EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** A name in the DNS that mail providers can recognise: not localhost, a bare word or an IP address. */
function isDomainName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return (
    name.includes('.') &&
    isIP(name) === 0 &&
    !name.startsWith('[') &&
    name !== 'localhost' &&
    !name.endsWith('.localhost')
  );
}

/**
 * The right-hand side of a Message-ID (`<id@domain>`): PUBLIC_URL's host when it is a domain name,
 * as mail providers expect. A PUBLIC_URL on localhost (its default), a bare intranet name or an IP
 * address would make every Message-ID end in `@localhost` or `@10.0.0.5`, so MAIL_FROM's domain,
 * the one the email is sent from, is used instead.
 */
export function messageIdDomain(config: Pick<Config, 'publicUrl' | 'mailFromAddress'>): string {
  const publicHost = new URL(config.publicUrl).hostname;
  if (isDomainName(publicHost)) return publicHost;
  const at = config.mailFromAddress.lastIndexOf('@');
  const fromDomain = at >= 0 ? config.mailFromAddress.slice(at + 1).trim() : '';
  return /^[a-z0-9.-]+$/i.test(fromDomain) ? fromDomain.toLowerCase() : publicHost;
}

/**
 * Queues an email. Call it with the transaction that makes the change the email announces:
 * the email exists exactly when the change does, and the worker delivers it later.
 */
export async function enqueueEmail(
  db: Db,
  deps: Pick<AppDeps, 'clock' | 'config'>,
  email: OutgoingEmail,
): Promise<string> {
  const id = newId();
  const now = iso(deps.clock.now());
  const domain = messageIdDomain(deps.config);
  await db
    .insertInto('outbox')
    .values({
      id,
      practice_id: email.practiceId,
      client_id: email.clientId ?? null,
      kind: email.kind,
      to_address: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: email.attachments?.length ? JSON.stringify(email.attachments) : null,
      // Fixed at queue time so a redelivery after a crash carries the same Message-ID.
      message_id: `<${id}@${domain}>`,
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  return id;
}

/**
 * Takes back emails of the context's practice that are still waiting to be sent, because what they
 * carry no longer holds (a link that was cancelled). An email already being handed to the mail
 * server, or sent, is left as it is.
 */
export async function withdrawQueuedEmailsIn(
  ctx: { db: Db; practiceId: string },
  outboxIds: readonly string[],
): Promise<void> {
  if (outboxIds.length === 0) return;
  await ctx.db
    .updateTable('outbox')
    .set({ status: 'withdrawn', locked_until: null })
    .where('practice_id', '=', ctx.practiceId)
    .where('id', 'in', outboxIds)
    .where('status', '=', 'queued')
    .execute();
}

/**
 * Takes back the practice's emails of one kind to one address that are still waiting to be sent
 * (see withdrawQueuedEmailsIn), for an email whose outbox row its sender did not keep.
 */
export async function withdrawQueuedEmailsToIn(
  ctx: { db: Db; practiceId: string },
  kind: string,
  toAddress: string,
): Promise<void> {
  await ctx.db
    .updateTable('outbox')
    .set({ status: 'withdrawn', locked_until: null })
    .where('status', '=', 'queued')
    .where('practice_id', '=', ctx.practiceId)
    .where('kind', '=', kind)
    .where('to_address', '=', toAddress)
    .execute();
}

/** Queues an email of the context's practice in the context's transaction (see enqueueEmail). */
export async function enqueueEmailIn(
  ctx: { db: Db; practiceId: string; deps: Pick<AppDeps, 'clock' | 'config'> },
  email: Omit<OutgoingEmail, 'practiceId'>,
): Promise<string> {
  return enqueueEmail(ctx.db, ctx.deps, { ...email, practiceId: ctx.practiceId });
}
