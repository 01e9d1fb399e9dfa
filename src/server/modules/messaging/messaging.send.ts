import type { Message } from '../../../shared/schemas/messages.js';
import type { AppDeps } from '../../deps.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { Context } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { getStaffName } from '../staff/index.js';
import { loadMessagingSituation, messagingOff, messagingStatus, requireStaffCanSend } from './messaging.access.js';
import { clientName } from './messaging.names.js';
import {
  ensureConversation,
  insertAttachments,
  insertMessage,
  lockConversation,
  updateConversation,
} from './messaging.queries.js';
import { discardFiles } from '../../platform/uploads.js';
import type { MessageInput } from './messaging.uploads.js';

export type Sender = { kind: 'staff'; staffId: string } | { kind: 'client' };

/** The conversation list's one-line summary of a message. */
export function previewOf(body: string, firstFileName: string | undefined): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (line) return line.length > 140 ? `${line.slice(0, 139)}…` : line;
  return firstFileName ? `Attachment: ${firstFileName}` : '';
}

/** A message's time: now, or just after the conversation's last message if clocks disagree. */
function nextMessageTime(now: Date, lastMessageAt: string | null): string {
  const last = lastMessageAt ? Date.parse(lastMessageAt) : 0;
  return iso(new Date(Math.max(now.getTime(), last + 1)));
}

/**
 * Sends a message in the client's conversation. Its files are already stored (they streamed in
 * with the request); the message, its attachments, the conversation's counters and the audit row
 * are written in one transaction, and the files are removed again if it fails, so a rejected
 * message leaves nothing.
 */
export async function sendMessage(
  ctx: Context,
  clientId: string,
  sender: Sender,
  input: MessageInput,
): Promise<Message> {
  const { deps } = ctx;
  const messageId = newId();
  const files = input.files.map((file, position) => ({ position, file }));
  try {
    const message = await ctx.inTransaction(async (tx) => {
      const situation = await loadMessagingSituation(tx, clientId);
      const staffName = sender.kind === 'staff' ? await getStaffName(tx, sender.staffId) : null;
      if (sender.kind === 'staff') requireStaffCanSend(situation);
      else if (!messagingStatus(situation).canSend || situation.accessState !== 'active') throw messagingOff();

      const now = deps.clock.now();
      await ensureConversation(tx, newConversationRow(clientId, iso(now)));
      const conversation = await lockConversation(tx, clientId);
      if (!conversation) throw new Error('the conversation was not created');
      const createdAt = nextMessageTime(now, conversation.last_message_id ? conversation.last_message_at : null);
      await insertMessage(tx, {
        id: messageId,
        conversation_id: conversation.id,
        client_id: clientId,
        sender: sender.kind,
        staff_id: sender.kind === 'staff' ? sender.staffId : null,
        body: input.body,
        created_at: createdAt,
        read_at: null,
      });
      await insertAttachments(
        tx,
        files.map((f) => ({
          id: f.file.id,
          client_id: clientId,
          message_id: messageId,
          position: f.position,
          file_name: f.file.fileName,
          content_type: f.file.contentType,
          size_bytes: f.file.size,
          storage_key: f.file.key,
          sha256: f.file.sha256,
          created_at: createdAt,
        })),
      );
      // The recipient gets one email once this run of unread messages has waited long enough.
      const notifyAt = iso(new Date(now.getTime() + deps.config.messageNotifySeconds * 1000));
      const common = {
        last_message_at: createdAt,
        last_message_id: messageId,
        last_sender: sender.kind,
        last_preview: previewOf(input.body, files[0]?.file.fileName),
      };
      await updateConversation(
        tx,
        conversation.id,
        sender.kind === 'staff'
          ? {
              ...common,
              last_staff_id: sender.staffId,
              client_unread: conversation.client_unread + 1,
              client_notify_at:
                conversation.client_notified === 0
                  ? (conversation.client_notify_at ?? notifyAt)
                  : conversation.client_notify_at,
            }
          : {
              ...common,
              staff_unread: conversation.staff_unread + 1,
              staff_notify_at:
                conversation.staff_notified === 0
                  ? (conversation.staff_notify_at ?? notifyAt)
                  : conversation.staff_notify_at,
            },
      );
      await auditIn(tx, {
        action: 'message.sent',
        clientId,
        details: { messageId, attachments: files.length },
      });
      return {
        id: messageId,
        sender: sender.kind,
        senderName: staffName ?? clientName(situation.client),
        body: input.body,
        createdAt,
        readAt: null,
        attachments: files.map((f) => ({
          id: f.file.id,
          fileName: f.file.fileName,
          contentType: f.file.contentType,
          sizeBytes: f.file.size,
        })),
      } satisfies Message;
    });
    await publishQuietly(deps, { practiceId: ctx.practiceId, type: 'message.created', clientId, messageId });
    return message;
  } catch (error) {
    await discardFiles(deps, input.files);
    throw error;
  }
}

function newConversationRow(clientId: string, now: string) {
  return {
    id: newId(),
    client_id: clientId,
    created_at: now,
    // Filled in by the first message, in the same transaction.
    last_message_at: now,
    last_message_id: '',
    last_sender: 'staff' as const,
    last_preview: '',
    last_staff_id: null,
    staff_unread: 0,
    client_unread: 0,
    staff_notify_at: null,
    client_notify_at: null,
    staff_notified: 0 as const,
    client_notified: 0 as const,
  };
}

/** Live updates are a convenience: a failure to announce must not fail the committed change. */
export async function publishQuietly(
  deps: Pick<AppDeps, 'live'>,
  event: Parameters<AppDeps['live']['publish']>[0],
): Promise<void> {
  try {
    await deps.live.publish(event);
  } catch {
    // Browsers refetch when their event stream reconnects.
  }
}
