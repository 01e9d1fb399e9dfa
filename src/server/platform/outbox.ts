import type { Db } from '../db/database.js';
import type { AppDeps } from '../deps.js';
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
  const domain = new URL(deps.config.publicUrl).hostname;
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
