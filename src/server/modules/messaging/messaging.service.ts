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
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { Actor, PracticeScope, RequestMeta } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { legacyScope } from '../../platform/request-context.js';
import { loadPortalSettings, portalUrl } from '../portal-settings/index.js';
import { getPractice } from '../practices/index.js';
import { getClient } from '../clients/clients.queries.js';
import { clientSearchWords } from '../clients/clients.search.js';
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

export async function getStaffConversation(deps: AppDeps, scope: PracticeScope, clientId: string): Promise<StaffConversation> {
  const [situation, conversation, practice] = await Promise.all([
    loadMessagingSituation(deps, scope, clientId),
    findConversation(deps.db, scope, clientId),
    getPractice(legacyScope(deps.db, scope)),
  ]);
  return {
    clientId,
    clientName: clientName(situation.client),
    ...messagingStatus(situation),
    unreadCount: conversation?.staff_unread ?? 0,
    portalUrl: portalUrl(deps, practice.slug),
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
export async function getMessagePage(
  deps: AppDeps,
  actor: Actor,
  meta: RequestMeta,
  scope: PracticeScope,
  clientId: string,
  query: MessagesQuery,
): Promise<MessagePage> {
  const [client, conversation] = await Promise.all([
    getClient(deps.db, scope, clientId),
    findConversation(deps.db, scope, clientId),
  ]);
  await audit(deps.db, deps.clock, actor, meta, {
    action: 'messages.viewed',
    practiceId: scope.practiceId,
    clientId,
  });
  if (!conversation) return { items: [], nextBefore: null };
  const rows = await listMessages(deps.db, scope, conversation.id, parseCursor(query.before), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const attachments = await listAttachmentsOf(
    deps.db,
    scope,
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
  deps: AppDeps,
  scope: PracticeScope,
  clientId: string,
  reader: SenderKind,
  upTo: string,
): Promise<void> {
  const writtenBy: SenderKind = reader === 'staff' ? 'client' : 'staff';
  const changed = await deps.db.transaction().execute(async (trx) => {
    await getClient(trx, scope, clientId);
    const locked = await lockConversation(trx, deps.dialect, scope, clientId);
    const message = locked ? await findMessageInConversation(trx, locked.id, upTo) : undefined;
    if (!locked || !message) {
      throw new AppError('validation_failed', undefined, [{ field: 'upTo', message: 'is not a message of this conversation' }]);
    }
    const count = await markRead(trx, locked.id, writtenBy, { time: message.created_at, id: message.id }, iso(deps.clock.now()));
    const remaining = await countUnread(trx, locked.id, writtenBy);
    const caughtUp = remaining === 0;
    await updateConversation(
      trx,
      scope,
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
    await publishQuietly(deps, { practiceId: scope.practiceId, type: 'messages.read', clientId, messageId: upTo });
  }
}

/** Search terms as client search understands them: each must start a word of the client's names. */
function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))]
    .slice(0, 5)
    .map((term) => clientSearchWords(term)[0] ?? term);
}

export async function listStaffConversations(deps: AppDeps, scope: PracticeScope, query: ConversationsQuery): Promise<ConversationsPage> {
  const [rows, settings] = await Promise.all([
    listConversations(deps.db, scope, {
      terms: searchTerms(query.q),
      before: parseCursor(query.before),
      limit: query.limit + 1,
    }),
    loadPortalSettings(legacyScope(deps.db, scope, deps.clock)),
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


export async function getStaffUnreadSummary(deps: AppDeps, scope: PracticeScope) {
  return { unreadConversations: await countUnreadConversations(deps.db, scope) };
}

export async function getClientUnreadCount(deps: AppDeps, scope: PracticeScope, clientId: string) {
  const conversation = await findConversation(deps.db, scope, clientId);
  return { unreadCount: conversation?.client_unread ?? 0 };
}

/**
 * Opens an attachment for download. Staff reach any of the practice's; a client only those of
 * their own conversation. Anything else is not found, the same answer as a made-up id.
 */
export async function openAttachment(
  deps: AppDeps,
  actor: Actor,
  meta: RequestMeta,
  scope: PracticeScope,
  attachmentId: string,
  clientId?: string,
): Promise<{ attachment: AttachmentRow; stream: Readable }> {
  const attachment = await findAttachment(deps.db, scope, attachmentId, clientId);
  if (!attachment) throw notFound();
  const stream = await deps.attachments.open(attachment.storage_key);
  if (!stream) throw notFound();
  await audit(deps.db, deps.clock, actor, meta, {
    action: 'attachment.downloaded',
    practiceId: scope.practiceId,
    clientId: attachment.client_id,
    details: { attachmentId: attachment.id, messageId: attachment.message_id },
  });
  return { attachment, stream };
}
