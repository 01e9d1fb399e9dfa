import type { FastifyInstance } from 'fastify';
import { devMailboxApi } from '../../../shared/contract/dev-mailbox.js';
import { notFound } from '../../platform/errors.js';
import { ownerContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { findOutboxEmail, listOutbox } from './dev-mailbox.queries.js';

/**
 * The development mailbox: what the outbox "sent" when no SMTP server is configured. Registered
 * only outside production without SMTP_URL, and shows only the signed-in owner's practice mail (it holds every client's emails).
 */
export async function devMailboxRoutes(app: FastifyInstance): Promise<void> {
  route(app, devMailboxApi.list, async (request) => {
    const rows = await listOutbox(ownerContext(request), 100);
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
    const row = await findOutboxEmail(ownerContext(request), request.params.id);
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
