import { sql } from 'kysely';
import type { ConversationsTable, MessageAttachmentsTable, MessageSender, MessagesTable } from '../../db/schema.js';
import type { Context, Scope } from '../../platform/request-context.js';
import { clientMatchesTerms, withinReach } from '../clients/index.js';

/**
 * Every query takes a Scope and filters on practice_id; client-side calls also pass the client
 * id, so neither another practice's nor another client's rows can be reached. The queries by
 * conversation id take one found through the scope (and locked) first; they filter on it alone,
 * which the messages' (conversation_id, …) indexes answer.
 */

export type ConversationRow = ConversationsTable;
export type MessageRow = MessagesTable;
export type AttachmentRow = MessageAttachmentsTable;

export interface TimeCursor {
  time: string;
  id: string;
}

export function parseCursor(value: string | undefined): TimeCursor | null {
  if (!value) return null;
  const [time = '', id = ''] = value.split('|');
  return { time, id };
}

export const formatCursor = (time: string, id: string): string => `${time}|${id}`;

export async function findConversation(scope: Scope, clientId: string): Promise<ConversationRow | undefined> {
  return scope.db
    .selectFrom('conversations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Creates the client's conversation unless it exists (two first messages at once make one). */
export async function ensureConversation(
  scope: Scope,
  row: Omit<ConversationRow, 'practice_id'>,
): Promise<ConversationRow> {
  await scope.db
    .insertInto('conversations')
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const found = await findConversation(scope, row.client_id);
  if (!found) throw new Error('conversation vanished');
  return found;
}

/** The conversation row, locked on PostgreSQL until the transaction ends (SQLite runs one writer at a time). */
export async function lockConversation(tx: Context, clientId: string): Promise<ConversationRow | undefined> {
  let query = tx.db
    .selectFrom('conversations')
    .selectAll()
    .where('practice_id', '=', tx.practiceId)
    .where('client_id', '=', clientId);
  if (tx.deps.dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateConversation(
  scope: Scope,
  id: string,
  changes: Partial<Omit<ConversationRow, 'id' | 'practice_id' | 'client_id'>>,
): Promise<void> {
  await scope.db
    .updateTable('conversations')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}

export async function insertMessage(scope: Scope, row: Omit<MessageRow, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('messages')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function insertAttachments(scope: Scope, rows: Omit<AttachmentRow, 'practice_id'>[]): Promise<void> {
  if (rows.length === 0) return;
  await scope.db
    .insertInto('message_attachments')
    .values(rows.map((row) => ({ ...row, practice_id: scope.practiceId })))
    .execute();
}

/** A page of a conversation, newest first, with the staff names of staff messages. */
export async function listMessages(scope: Scope, conversationId: string, before: TimeCursor | null, limit: number) {
  let query = scope.db
    .selectFrom('messages')
    .leftJoin('staff_users', 'staff_users.id', 'messages.staff_id')
    .select([
      'messages.id',
      'messages.sender',
      'messages.body',
      'messages.created_at',
      'messages.read_at',
      'staff_users.name as staff_name',
    ])
    .where('messages.conversation_id', '=', conversationId)
    .where('messages.practice_id', '=', scope.practiceId);
  if (before) {
    // A row comparison, so both databases seek straight into the (conversation, time, id) index.
    query = query.where((eb) =>
      eb(eb.refTuple('messages.created_at', 'messages.id'), '<', eb.tuple(before.time, before.id)),
    );
  }
  return query.orderBy('messages.created_at', 'desc').orderBy('messages.id', 'desc').limit(limit).execute();
}

export async function listAttachmentsOf(scope: Scope, messageIds: readonly string[]): Promise<AttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return scope.db
    .selectFrom('message_attachments')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('message_id', 'in', messageIds)
    .orderBy('message_id')
    .orderBy('position')
    .execute();
}

export async function findMessageInConversation(scope: Scope, conversationId: string, messageId: string) {
  return scope.db
    .selectFrom('messages')
    .select(['id', 'created_at'])
    .where('conversation_id', '=', conversationId)
    .where('id', '=', messageId)
    .executeTakeFirst();
}

/** Marks the other side's unread messages up to a point as read; returns how many changed. */
export async function markRead(
  scope: Scope,
  conversationId: string,
  writtenBy: MessageSender,
  upTo: TimeCursor,
  now: string,
): Promise<number> {
  const result = await scope.db
    .updateTable('messages')
    .set({ read_at: now })
    .where('conversation_id', '=', conversationId)
    .where('sender', '=', writtenBy)
    .where('read_at', 'is', null)
    .where((eb) => eb(eb.refTuple('created_at', 'id'), '<=', eb.tuple(upTo.time, upTo.id)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countUnread(scope: Scope, conversationId: string, writtenBy: MessageSender): Promise<number> {
  const row = await scope.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('sender', '=', writtenBy)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The conversations of the clients the caller reaches, newest first, optionally only clients whose words start with every term. */
export async function listConversations(
  scope: Scope,
  options: { terms: string[]; before: TimeCursor | null; limit: number },
) {
  let query = withinReach(
    scope.db.selectFrom('conversations').innerJoin('clients', 'clients.id', 'conversations.client_id'),
    scope,
    'conversations.client_id',
  )
    .leftJoin('portal_access', 'portal_access.client_id', 'conversations.client_id')
    .select([
      'conversations.id',
      'conversations.client_id',
      'conversations.last_message_at',
      'conversations.last_preview',
      'conversations.last_sender',
      'conversations.staff_unread',
      'clients.first_name',
      'clients.last_name',
      'clients.preferred_name',
      'portal_access.perm_messaging',
    ])
    .where('conversations.practice_id', '=', scope.practiceId);
  for (const condition of await clientMatchesTerms(scope, options.terms)) query = query.where(condition);
  const before = options.before;
  if (before) {
    query = query.where((eb) =>
      eb(eb.refTuple('conversations.last_message_at', 'conversations.id'), '<', eb.tuple(before.time, before.id)),
    );
  }
  return query
    .orderBy('conversations.last_message_at', 'desc')
    .orderBy('conversations.id', 'desc')
    .limit(options.limit)
    .execute();
}

/** Conversations with unread client messages, among the clients the caller reaches. */
export async function countUnreadConversations(scope: Scope): Promise<number> {
  const row = await withinReach(
    scope.db
      .selectFrom('conversations')
      .select(sql<number | string>`count(*)`.as('n'))
      .where('conversations.practice_id', '=', scope.practiceId)
      .where('conversations.staff_unread', '>', 0),
    scope,
    'conversations.client_id',
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * An attachment of the practice, of a client the caller reaches; with `clientId`, only one of that
 * client's conversation.
 */
export async function findAttachment(scope: Scope, id: string, clientId?: string): Promise<AttachmentRow | undefined> {
  let query = withinReach(
    scope.db
      .selectFrom('message_attachments')
      .selectAll()
      .where('message_attachments.practice_id', '=', scope.practiceId)
      .where('message_attachments.id', '=', id),
    scope,
    'message_attachments.client_id',
  );
  if (clientId !== undefined) query = query.where('message_attachments.client_id', '=', clientId);
  return query.executeTakeFirst();
}

/**
 * Claims a conversation's due email for this side: only one of several workers changes the row
 * (the time it was due must still be there), so exactly one sends it.
 */
export async function claimNotification(
  scope: Scope,
  side: MessageSender,
  conversationId: string,
  notifyAt: string,
): Promise<boolean> {
  const result =
    side === 'client'
      ? await scope.db
          .updateTable('conversations')
          .set({ client_notify_at: null, client_notified: 1 })
          .where('practice_id', '=', scope.practiceId)
          .where('id', '=', conversationId)
          .where('client_notify_at', '=', notifyAt)
          .executeTakeFirst()
      : await scope.db
          .updateTable('conversations')
          .set({ staff_notify_at: null, staff_notified: 1 })
          .where('practice_id', '=', scope.practiceId)
          .where('id', '=', conversationId)
          .where('staff_notify_at', '=', notifyAt)
          .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function getConversationById(scope: Scope, conversationId: string) {
  return scope.db
    .selectFrom('conversations')
    .select(['staff_unread', 'client_unread', 'last_staff_id'])
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', conversationId)
    .executeTakeFirstOrThrow();
}
