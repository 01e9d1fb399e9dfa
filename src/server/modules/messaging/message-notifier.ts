import type { MessageSender } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import { systemContext, type Context } from '../../platform/request-context.js';
import { attachOutbox, clientDisplayName, issuePortalToken, signInUrl, validForText } from '../portal-access/index.js';
import { formatPracticeDateTime, getPractice, logoUrl } from '../practices/index.js';
import { findNotifiedStaff } from '../staff/index.js';
import { loadMessagingSituation, messagingStatus } from './messaging.access.js';
import { clientMessageWaitingEmail, staffMessageWaitingEmail } from './messaging.emails.js';
import { claimNotification, getConversationById } from './messaging.queries.js';
import { findDueConversations, type DueConversation } from './messaging.unscoped.js';

const BATCH_SIZE = 50;

/**
 * Emails the recipient of messages that have waited unread for MESSAGE_NOTIFY_SECONDS: one email
 * per run of unread messages, however many there are; reading them in time cancels it. A due
 * conversation is claimed with a conditional update in the same transaction that queues the
 * email, so with several server processes exactly one of them sends it.
 */
export class MessageNotifier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(private readonly deps: AppDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.running = this.runDue()
          .catch((error: unknown) => console.error('message notifier: run failed', error))
          .finally(() => this.schedule());
      },
      Math.max(this.deps.config.outboxPollMs, 1000),
    );
  }

  /** Queues the emails that are due now; returns how many were queued. */
  async runDue(): Promise<number> {
    let queued = 0;
    for (const side of ['client', 'staff'] as const) {
      const due = await findDueConversations(this.deps.db, side, iso(this.deps.clock.now()), BATCH_SIZE);
      for (const row of due) if (await this.notify(side, row)) queued++;
    }
    return queued;
  }

  /** One due email, in the conversation's own practice. */
  private async notify(side: MessageSender, due: DueConversation): Promise<boolean> {
    return systemContext(this.deps, due.practice_id).inTransaction(async (tx) => {
      if (!(await claimNotification(tx, side, due.id, due.notify_at))) return false;
      const conversation = await getConversationById(tx, due.id);
      if ((side === 'client' ? conversation.client_unread : conversation.staff_unread) === 0) return false;
      const outboxIds =
        side === 'client'
          ? [await queueClientEmail(tx, due.client_id)].filter((id): id is string => id !== null)
          : await queueStaffEmails(tx, due.client_id);
      for (const outboxId of outboxIds) {
        await auditIn(tx, {
          action: side === 'client' ? 'message.client_notified' : 'message.staff_notified',
          clientId: due.client_id,
          details: { outboxId },
        });
      }
      return outboxIds.length > 0;
    });
  }
}

/** To the client's portal email, with a sign-in link; only while they could read the message. */
async function queueClientEmail(tx: Context, clientId: string): Promise<string | null> {
  const { config } = tx.deps;
  const situation = await loadMessagingSituation(tx, clientId);
  const to = situation.accessEmail;
  if (!messagingStatus(situation).canSend || !to) return null;
  const practice = await getPractice(tx);
  const issued = await issuePortalToken(tx, { clientId, kind: 'link', emailAddress: to });
  if (!issued.token) return null;
  const content = clientMessageWaitingEmail({
    practiceName: practice.name,
    practiceLogoUrl: logoUrl(tx.deps, practice, { absolute: true }),
    clientName: clientDisplayName(situation.client),
    url: signInUrl(config.publicUrl, practice.slug, issued.token),
    validFor: `${validForText(config.portalLinkHours)}, until ${formatPracticeDateTime(practice, issued.expiresAt)}`,
  });
  const outboxId = await enqueueEmailIn(tx, { clientId, kind: 'message_waiting_client', to, ...content });
  await attachOutbox(tx, issued.id, outboxId);
  return outboxId;
}

/** To each of the client's assigned clinicians (or, when none may message, the practice's owner). */
async function queueStaffEmails(tx: Context, clientId: string): Promise<string[]> {
  const practice = await getPractice(tx);
  const recipients = await findNotifiedStaff(tx, clientId);
  const outboxIds: string[] = [];
  for (const recipient of recipients) {
    const content = staffMessageWaitingEmail({
      practiceName: practice.name,
      practiceLogoUrl: logoUrl(tx.deps, practice, { absolute: true }),
      staffName: recipient.name,
      url: `${tx.deps.config.publicUrl}/messages/${clientId}`,
    });
    outboxIds.push(
      await enqueueEmailIn(tx, { clientId, kind: 'message_waiting_staff', to: recipient.email, ...content }),
    );
  }
  return outboxIds;
}
