import type { Readable } from 'node:stream';
import type {
  ConversationsPage,
  ConversationsQuery,
  Message,
  MessagePage,
  MessagesQuery,
  StaffConversation,
} from '../../../shared/schemas/messages.js';
import type { AttachmentType, SenderKind } from '../../../shared/schemas/messages.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ClientContext, Context, StaffContext } from '../../platform/request-context.js';
import { clientSearchWords, foldPhoneDigits, getClient } from '../clients/index.js';
import { loadPortalSettings, portalUrl } from '../portal-settings/index.js';
import { getPractice } from '../practices/index.js';
import { loadMessagingSituation, messagingStatus } from './messaging.access.js';
import { clientName } from './messaging.names.js';
import {
  countUnread,
  countUnreadConversations,
  findAttachment,
  findConversation,
  findMessageInConversation,
  formatCursor,
  listAttachmentsOf,
  listConversations,
  listMessages,
  lockConversation,
  markRead,
  parseCursor,
  updateConversation,
  type AttachmentRow,
} from './messaging.queries.js';
import { publishQuietly } from './messaging.send.js';

export async function getStaffConversation(ctx: StaffContext, clientId: string): Promise<StaffConversation> {
  const [situation, conversation, practice] = await Promise.all([
    loadMessagingSituation(ctx, clientId),
    findConversation(ctx, clientId),
    getPractice(ctx),
  ]);
  return {
    clientId,
    clientName: clientName(situation.client),
    ...messagingStatus(situation),
    unreadCount: conversation?.staff_unread ?? 0,
    portalUrl: portalUrl(ctx.deps, practice.slug),
  };
}

function toAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type as AttachmentType,
    sizeBytes: row.size_bytes,
  };
}

/**
 * A page of the client's conversation, newest first, for staff or for the client. Every view is
 * audited (without the messages' text).
 */
export async function getMessagePage(ctx: Context, clientId: string, query: MessagesQuery): Promise<MessagePage> {
  const [client, conversation] = await Promise.all([getClient(ctx, clientId), findConversation(ctx, clientId)]);
  await auditIn(ctx, { action: 'messages.viewed', clientId });
  if (!conversation) return { items: [], nextBefore: null };
  const rows = await listMessages(ctx, conversation.id, parseCursor(query.before), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const attachments = await listAttachmentsOf(
    ctx,
    page.map((row) => row.id),
  );
  const byMessage = new Map<string, AttachmentRow[]>();
  for (const row of attachments) byMessage.set(row.message_id, [...(byMessage.get(row.message_id) ?? []), row]);
  const items: Message[] = page.map((row) => ({
    id: row.id,
    sender: row.sender,
    senderName: row.sender === 'staff' ? (row.staff_name ?? 'Practice') : clientName(client),
    body: row.body,
    createdAt: row.created_at,
    readAt: row.read_at,
    attachments: (byMessage.get(row.id) ?? []).map(toAttachment),
  }));
  const last = page.at(-1);
  return { items, nextBefore: rows.length > query.limit && last ? formatCursor(last.created_at, last.id) : null };
}

/**
 * Marks the other side's messages read up to one the reader has seen; a message that arrived
 * after the reader's page loaded stays unread. Reading everything cancels the pending email.
 */
export async function markConversationRead(
  ctx: Context,
  clientId: string,
  reader: SenderKind,
  upTo: string,
): Promise<void> {
  const writtenBy: SenderKind = reader === 'staff' ? 'client' : 'staff';
  const changed = await ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    const locked = await lockConversation(tx, clientId);
    const message = locked ? await findMessageInConversation(tx, locked.id, upTo) : undefined;
    if (!locked || !message) {
      throw new AppError('validation_failed', undefined, [
        { field: 'upTo', message: 'is not a message of this conversation' },
      ]);
    }
    const count = await markRead(
      tx,
      locked.id,
      writtenBy,
      { time: message.created_at, id: message.id },
      iso(tx.clock.now()),
    );
    const remaining = await countUnread(tx, locked.id, writtenBy);
    const caughtUp = remaining === 0;
    await updateConversation(
      tx,
      locked.id,
      reader === 'staff'
        ? {
            staff_unread: remaining,
            ...(caughtUp ? { staff_notify_at: null, staff_notified: 0 as const } : {}),
          }
        : {
            client_unread: remaining,
            ...(caughtUp ? { client_notify_at: null, client_notified: 0 as const } : {}),
          },
    );
    return count;
  });
  if (changed > 0) {
    await publishQuietly(ctx.deps, { practiceId: ctx.practiceId, type: 'messages.read', clientId, messageId: upTo });
  }
}

/** Search terms as client search understands them: each must start a word of the client's names. */
function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(foldPhoneDigits(q.toLowerCase().split(/\s+/).filter(Boolean)))]
    .slice(0, 5)
    .map((term) => clientSearchWords(term)[0] ?? term);
}

export async function listStaffConversations(ctx: StaffContext, query: ConversationsQuery): Promise<ConversationsPage> {
  const [rows, settings] = await Promise.all([
    listConversations(ctx, {
      terms: searchTerms(query.q),
      before: parseCursor(query.before),
      limit: query.limit + 1,
    }),
    loadPortalSettings(ctx),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      clientId: row.client_id,
      clientName: clientName(row),
      lastMessageAt: row.last_message_at,
      lastMessagePreview: row.last_preview,
      lastSender: row.last_sender,
      unreadCount: row.staff_unread,
      messagingEnabled: settings.messaging_enabled === 1 && row.perm_messaging === 1,
    })),
    nextBefore: rows.length > query.limit && last ? formatCursor(last.last_message_at, last.id) : null,
  };
}

export async function getStaffUnreadSummary(ctx: StaffContext) {
  return { unreadConversations: await countUnreadConversations(ctx) };
}

export async function getClientUnreadCount(ctx: ClientContext) {
  const conversation = await findConversation(ctx, ctx.actor.clientId);
  return { unreadCount: conversation?.client_unread ?? 0 };
}

/**
 * Opens an attachment for download. Staff reach any of the practice's; a client only those of
 * their own conversation. Anything else is not found, the same answer as a made-up id.
 */
export async function openAttachment(
  ctx: Context,
  attachmentId: string,
  clientId?: string,
): Promise<{ attachment: AttachmentRow; stream: Readable }> {
  const attachment = await findAttachment(ctx, attachmentId, clientId);
  if (!attachment) throw notFound();
  const file = await ctx.deps.files.get(attachment.storage_key);
  if (!file) throw notFound();
  await auditIn(ctx, {
    action: 'attachment.downloaded',
    clientId: attachment.client_id,
    details: { attachmentId: attachment.id, messageId: attachment.message_id },
  });
  return { attachment, stream: file.stream };
}
