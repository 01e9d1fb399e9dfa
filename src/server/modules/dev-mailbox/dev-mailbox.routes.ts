import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../shared/schemas/common.js';
import { requireStaff } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';

const summary = z.strictObject({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const detail = z.strictObject({
  id: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.string(),
  messageId: z.string(),
  html: z.string(),
  text: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
});

/**
 * The development mailbox: what the outbox "sent" when no SMTP server is configured. Registered
 * only outside production without SMTP_URL, and shows only the signed-in staff's practice mail.
 */
export async function devMailboxRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/dev/mailbox', { schema: { response: { 200: z.strictObject({ items: z.array(summary) }) } } }, async (request) => {
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

  r.get('/dev/mailbox/:id', { schema: { params: idParams, response: { 200: detail } } }, async (request) => {
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
