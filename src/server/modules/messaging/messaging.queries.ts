import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/database.js';
import type { ConversationsTable, MessageAttachmentsTable, MessageSender, MessagesTable } from '../../db/schema.js';
import type { PracticeScope } from '../../platform/context.js';
import { prefixUpperBound } from '../clients/clients.search.js';

/**
 * Every query takes a PracticeScope and filters on practice_id; client-side calls also pass the
 * client id, so neither another practice's nor another client's rows can be reached.
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

export async function findConversation(db: Db, scope: PracticeScope, clientId: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Creates the client's conversation unless it exists (two first messages at once make one). */
export async function ensureConversation(db: Db, row: ConversationRow): Promise<ConversationRow> {
  await db
    .insertInto('conversations')
    .values(row)
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const found = await findConversation(db, { practiceId: row.practice_id }, row.client_id);
  if (!found) throw new Error('conversation vanished');
  return found;
}

/** The conversation row, locked on PostgreSQL until the transaction ends (SQLite runs one writer at a time). */
export async function lockConversation(
  db: Db,
  dialect: Dialect,
  scope: PracticeScope,
  clientId: string,
): Promise<ConversationRow | undefined> {
  let query = db
    .selectFrom('conversations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId);
  if (dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateConversation(
  db: Db,
  scope: PracticeScope,
  id: string,
  changes: Partial<Omit<ConversationRow, 'id' | 'practice_id' | 'client_id'>>,
): Promise<void> {
  await db.updateTable('conversations').set(changes).where('practice_id', '=', scope.practiceId).where('id', '=', id).execute();
}

export async function getStaffName(db: Db, scope: PracticeScope, staffId: string): Promise<string> {
  const row = await db
    .selectFrom('staff_users')
    .select('name')
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', staffId)
    .executeTakeFirstOrThrow();
  return row.name;
}

export async function insertMessage(db: Db, row: MessageRow): Promise<void> {
  await db.insertInto('messages').values(row).execute();
}

export async function insertAttachments(db: Db, rows: AttachmentRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('message_attachments').values(rows).execute();
}

/** A page of a conversation, newest first, with the staff names of staff messages. */
export async function listMessages(db: Db, scope: PracticeScope, conversationId: string, before: TimeCursor | null, limit: number) {
  let query = db
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
    query = query.where((eb) => eb(eb.refTuple('messages.created_at', 'messages.id'), '<', eb.tuple(before.time, before.id)));
  }
  return query.orderBy('messages.created_at', 'desc').orderBy('messages.id', 'desc').limit(limit).execute();
}

export async function listAttachmentsOf(db: Db, scope: PracticeScope, messageIds: readonly string[]): Promise<AttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('message_attachments')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('message_id', 'in', messageIds)
    .orderBy('message_id')
    .orderBy('position')
    .execute();
}

export async function findMessageInConversation(db: Db, conversationId: string, messageId: string) {
  return db
    .selectFrom('messages')
    .select(['id', 'created_at'])
    .where('conversation_id', '=', conversationId)
    .where('id', '=', messageId)
    .executeTakeFirst();
}

/** Marks the other side's unread messages up to a point as read; returns how many changed. */
export async function markRead(
  db: Db,
  conversationId: string,
  writtenBy: MessageSender,
  upTo: TimeCursor,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('messages')
    .set({ read_at: now })
    .where('conversation_id', '=', conversationId)
    .where('sender', '=', writtenBy)
    .where('read_at', 'is', null)
    .where((eb) => eb(eb.refTuple('created_at', 'id'), '<=', eb.tuple(upTo.time, upTo.id)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countUnread(db: Db, conversationId: string, writtenBy: MessageSender): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('sender', '=', writtenBy)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The practice's conversations, newest first, optionally only clients whose words start with every term. */
export async function listConversations(
  db: Db,
  scope: PracticeScope,
  options: { terms: string[]; before: TimeCursor | null; limit: number },
) {
  let query = db
    .selectFrom('conversations')
    .innerJoin('clients', 'clients.id', 'conversations.client_id')
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
  for (const term of options.terms) {
    query = query.where('conversations.client_id', 'in', (eb) =>
      eb
        .selectFrom('client_search_words')
        .select('client_id')
        .where('practice_id', '=', scope.practiceId)
        .where('word', '>=', term)
        .where('word', '<', prefixUpperBound(term)),
    );
  }
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

export async function countUnreadConversations(db: Db, scope: PracticeScope): Promise<number> {
  const row = await db
    .selectFrom('conversations')
    .select(sql<number | string>`count(*)`.as('n'))
    .where('practice_id', '=', scope.practiceId)
    .where('staff_unread', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An attachment of the practice; with `clientId`, only one of that client's conversation. */
export async function findAttachment(
  db: Db,
  scope: PracticeScope,
  id: string,
  clientId?: string,
): Promise<AttachmentRow | undefined> {
  let query = db
    .selectFrom('message_attachments')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id);
  if (clientId !== undefined) query = query.where('client_id', '=', clientId);
  return query.executeTakeFirst();
}

/**
 * Of these storage keys, the ones an attachment row names, in any practice: for sweeping the
 * attachment store of files no message refers to (by the storage_key index, migration 009).
 */
export async function findReferencedStorageKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('message_attachments').select('storage_key').where('storage_key', 'in', keys).execute();
  return new Set(rows.map((row) => row.storage_key));
}
