import { z } from 'zod';

/**
 * Secure messaging: one conversation per client, between the client and the practice.
 * Staff reach it under /api/clients/:clientId/…, the client under /api/portal/:slug/messages….
 * Sending is a multipart/form-data POST: a `body` text field and up to five `attachments` files.
 */

export const messageBodyMax = 10_000;
export const attachmentMaxBytes = 10 * 1024 * 1024;
export const attachmentMaxCount = 5;

/** What may be attached, decided from the file's content, never from its name. */
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/heic'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

export const senderKinds = ['staff', 'client'] as const;
export type SenderKind = (typeof senderKinds)[number];

/** A page cursor: the last item's time and id, as `time|id`. */
export const timeCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, 'must be the nextBefore of a previous page');

export const messageAttachment = z.strictObject({
  id: z.string(),
  fileName: z.string(),
  contentType: z.enum(attachmentTypes),
  sizeBytes: z.number().int(),
});
export type MessageAttachment = z.infer<typeof messageAttachment>;

export const message = z.strictObject({
  id: z.string(),
  sender: z.enum(senderKinds),
  /** The staff member's name, or the client's name as the practice knows it. */
  senderName: z.string(),
  /** Plain text with line breaks; the apps show it as text and make links clickable. */
  body: z.string(),
  createdAt: z.string(),
  /** When the other side read it; null while unread. */
  readAt: z.string().nullable(),
  attachments: z.array(messageAttachment),
});
export type Message = z.infer<typeof message>;

export const messagesQuery = z.strictObject({
  before: timeCursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type MessagesQuery = z.infer<typeof messagesQuery>;

/** Newest first; `nextBefore` fetches older messages. */
export const messagePage = z.strictObject({
  items: z.array(message),
  nextBefore: z.string().nullable(),
});
export type MessagePage = z.infer<typeof messagePage>;

export const markReadBody = z.strictObject({
  /** The newest message the reader has seen; it and everything older from the other side become read. */
  upTo: z.uuid({ error: 'must be a message id' }),
});

export type MarkReadBody = z.infer<typeof markReadBody>;

export const unreadCount = z.strictObject({ unreadCount: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCount>;

/** Why staff cannot send to this client right now, if they cannot. */
export const messagingBlockedReasons = [
  'practice_messaging_off',
  'client_messaging_off',
  'no_portal_access',
  'portal_off',
] as const;
export type MessagingBlockedReason = (typeof messagingBlockedReasons)[number];

export const staffConversation = z.strictObject({
  clientId: z.string(),
  clientName: z.string(),
  /** False when the practice's or the client's messaging is off: the client sees nothing. */
  messagingEnabled: z.boolean(),
  canSend: z.boolean(),
  blockedReason: z.enum(messagingBlockedReasons).nullable(),
  unreadCount: z.number().int(),
  /** The practice's portal address, for "Send portal link". */
  portalUrl: z.string(),
});
export type StaffConversation = z.infer<typeof staffConversation>;

export const conversationsQuery = z.strictObject({
  q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  before: timeCursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ConversationsQuery = z.infer<typeof conversationsQuery>;

export const conversationSummary = z.strictObject({
  clientId: z.string(),
  clientName: z.string(),
  lastMessageAt: z.string(),
  /** The start of the last message (or the name of its first attachment), one line. */
  lastMessagePreview: z.string(),
  lastSender: z.enum(senderKinds),
  unreadCount: z.number().int(),
  messagingEnabled: z.boolean(),
});
export type ConversationSummary = z.infer<typeof conversationSummary>;

export const conversationsPage = z.strictObject({
  items: z.array(conversationSummary),
  nextBefore: z.string().nullable(),
});
export type ConversationsPage = z.infer<typeof conversationsPage>;

/** For the staff navigation badge: conversations with unread client messages. */
export const staffUnreadSummary = z.strictObject({ unreadConversations: z.number().int() });
export type StaffUnreadSummary = z.infer<typeof staffUnreadSummary>;

/**
 * Live updates, sent as server-sent events named `messages` on /api/events (staff: the whole
 * practice) and /api/portal/:slug/events (a client: their own conversation). They carry ids only:
 * the apps refetch what changed.
 */
export const liveEvent = z.strictObject({
  type: z.enum(['message.created', 'messages.read']),
  clientId: z.string(),
  messageId: z.string().nullable(),
});
export type LiveEvent = z.infer<typeof liveEvent>;

/**
 * Why the server closed an event stream for good (the data of its `end` event): `portal_off` when
 * the practice switched its Client Portal off, `access_ended` when the client's own access was
 * disabled, `ended` when the session ended or a permission was withdrawn (the app asks again).
 */
export const streamEndReason = z.enum(['portal_off', 'access_ended', 'ended']);
export type StreamEndReason = z.infer<typeof streamEndReason>;
export const streamEnd = z.strictObject({ reason: streamEndReason });
