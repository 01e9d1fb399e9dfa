import type { Db } from '../../db/database.js';
import type { MessageSender } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { enqueueEmail } from '../../platform/outbox.js';
import { legacyScope } from '../../platform/request-context.js';
import { getPractice } from '../practices/index.js';
import { signInUrl, validForText } from '../portal-access/portal.emails.js';
import { attachOutbox, issuePortalToken } from '../portal-access/portal-tokens.js';
import { clientDisplayName } from '../portal-access/portal-links.js';
import { loadMessagingSituation, messagingStatus } from './messaging.access.js';
import { clientMessageWaitingEmail, staffMessageWaitingEmail } from './messaging.emails.js';

const BATCH_SIZE = 50;

interface Due {
  id: string;
  practice_id: string;
  client_id: string;
  notify_at: string;
}

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
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .catch((error: unknown) => console.error('message notifier: run failed', error))
        .finally(() => this.schedule());
    }, Math.max(this.deps.config.outboxPollMs, 1000));
  }

  /** Queues the emails that are due now; returns how many were queued. */
  async runDue(): Promise<number> {
    let queued = 0;
    for (const side of ['client', 'staff'] as const) {
      const due = await this.findDue(side);
      for (const row of due) if (await this.notify(side, row)) queued++;
    }
    return queued;
  }

  private async findDue(side: MessageSender): Promise<Due[]> {
    const column = side === 'client' ? 'client_notify_at' : 'staff_notify_at';
    const rows = await this.deps.db
      .selectFrom('conversations')
      .select(['id', 'practice_id', 'client_id', `${column} as notify_at`])
      .where(column, '<=', iso(this.deps.clock.now()))
      .orderBy(column)
      .limit(BATCH_SIZE)
      .execute();
    return rows.flatMap((row) => (row.notify_at ? [{ ...row, notify_at: row.notify_at }] : []));
  }

  private async notify(side: MessageSender, due: Due): Promise<boolean> {
    const deps = this.deps;
    return deps.db.transaction().execute(async (trx) => {
      const claimed =
        side === 'client'
          ? await trx
              .updateTable('conversations')
              .set({ client_notify_at: null, client_notified: 1 })
              .where('id', '=', due.id)
              .where('client_notify_at', '=', due.notify_at)
              .executeTakeFirst()
          : await trx
              .updateTable('conversations')
              .set({ staff_notify_at: null, staff_notified: 1 })
              .where('id', '=', due.id)
              .where('staff_notify_at', '=', due.notify_at)
              .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const conversation = await trx
        .selectFrom('conversations')
        .select(['staff_unread', 'client_unread', 'last_staff_id'])
        .where('id', '=', due.id)
        .executeTakeFirstOrThrow();
      if ((side === 'client' ? conversation.client_unread : conversation.staff_unread) === 0) return false;
      const outboxId =
        side === 'client'
          ? await this.queueClientEmail(trx, due)
          : await this.queueStaffEmail(trx, due, conversation.last_staff_id);
      if (!outboxId) return false;
      await audit(trx, deps.clock, { kind: 'system' }, null, {
        action: side === 'client' ? 'message.client_notified' : 'message.staff_notified',
        practiceId: due.practice_id,
        clientId: due.client_id,
        details: { outboxId },
      });
      return true;
    });
  }

  /** To the client's portal email, with a sign-in link; only while they could read the message. */
  private async queueClientEmail(trx: Db, due: Due): Promise<string | null> {
    const deps = this.deps;
    const scope = { practiceId: due.practice_id };
    const situation = await loadMessagingSituation({ db: trx, clock: deps.clock }, scope, due.client_id);
    const to = situation.accessEmail;
    if (!messagingStatus(situation).canSend || !to) return null;
    const practice = await getPractice(legacyScope(trx, scope));
    const issued = await issuePortalToken(trx, deps, {
      practiceId: practice.id,
      clientId: due.client_id,
      kind: 'link',
      emailAddress: to,
    });
    if (!issued.token) return null;
    const content = clientMessageWaitingEmail({
      practiceName: practice.name,
      clientName: clientDisplayName(situation.client),
      url: signInUrl(deps.config.publicUrl, practice.slug, issued.token),
      validFor: validForText(deps.config.portalLinkHours),
    });
    const outboxId = await enqueueEmail(trx, deps, {
      practiceId: practice.id,
      clientId: due.client_id,
      kind: 'message_waiting_client',
      to,
      ...content,
    });
    await attachOutbox(trx, issued.id, outboxId);
    return outboxId;
  }

  /** To the clinician who wrote last in the conversation, or else the practice's owner. */
  private async queueStaffEmail(trx: Db, due: Due, lastStaffId: string | null): Promise<string | null> {
    const deps = this.deps;
    const scope = { practiceId: due.practice_id };
    const practice = await getPractice(legacyScope(trx, scope));
    let recipient = lastStaffId
      ? await trx
          .selectFrom('staff_users')
          .select(['name', 'email', 'role'])
          .where('id', '=', lastStaffId)
          .where('practice_id', '=', scope.practiceId)
          .executeTakeFirst()
      : undefined;
    if (!recipient || recipient.role === 'biller') {
      recipient = await trx
        .selectFrom('staff_users')
        .select(['name', 'email', 'role'])
        .where('practice_id', '=', scope.practiceId)
        .where('role', '=', 'owner')
        .orderBy('created_at')
        .executeTakeFirst();
    }
    if (!recipient) return null;
    const content = staffMessageWaitingEmail({
      practiceName: practice.name,
      staffName: recipient.name,
      url: `${deps.config.publicUrl}/messages/${due.client_id}`,
    });
    return enqueueEmail(trx, deps, { practiceId: practice.id, clientId: due.client_id, kind: 'message_waiting_staff', to: recipient.email, ...content });
  }
}
