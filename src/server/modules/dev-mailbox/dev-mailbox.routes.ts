import type { FastifyInstance } from 'fastify';
import { devMailboxApi } from '../../../shared/contract/dev-mailbox.js';
import { requireStaff } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { route } from '../../platform/route.js';

/**
 * The development mailbox: what the outbox "sent" when no SMTP server is configured. Registered
 * only outside production without SMTP_URL, and shows only the signed-in staff's practice mail.
 */
export async function devMailboxRoutes(app: FastifyInstance): Promise<void> {
  route(app, devMailboxApi.list, async (request) => {
    const staff = requireStaff(request);
    const rows = await app.deps.db
      .selectFrom('outbox')
      .select(['id', 'to_address', 'subject', 'kind', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
      .where('practice_id', '=', staff.practiceId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return {
      items: rows.map((row) => ({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        kind: row.kind,
        status: row.status,
        attempts: row.attempts,
        lastError: row.last_error,
        createdAt: row.created_at,
        sentAt: row.sent_at,
      })),
    };
  });

  route(app, devMailboxApi.get, async (request) => {
    const staff = requireStaff(request);
    const row = await app.deps.db
      .selectFrom('outbox')
      .innerJoin('practices', 'practices.id', 'outbox.practice_id')
      .selectAll('outbox')
      .select('practices.name as practice_name')
      .where('outbox.id', '=', request.params.id)
      .where('outbox.practice_id', '=', staff.practiceId)
      .executeTakeFirst();
    if (!row) throw notFound();
    const from = `${row.practice_name} <${app.deps.config.mailFromAddress}>`;
    return {
      id: row.id,
      to: row.to_address,
      from,
      subject: row.subject,
      kind: row.kind,
      status: row.status,
      messageId: row.message_id,
      html: row.html,
      text: row.text,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      headers: {
        From: from,
        To: row.to_address,
        Subject: row.subject,
        'Message-ID': row.message_id,
        'X-Portico-Kind': row.kind,
      },
    };
  });
}
