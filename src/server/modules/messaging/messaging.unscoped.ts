import type { Db } from '../../db/database.js';
import type { MessageSender } from '../../db/schema.js';

/**
 * The messaging queries no practice scopes, for Portico's own workers: finding the conversations
 * whose unread-message email is due (across practices, each then handled in its own practice's
 * context), and the attachment files a row names (for the orphan sweep). Everything else takes a Scope.
 */

export interface DueConversation {
  id: string;
  practice_id: string;
  client_id: string;
  notify_at: string;
}

/** Conversations whose recipient on this side is due an email about waiting messages, oldest first. */
export async function findDueConversations(
  db: Db,
  side: MessageSender,
  now: string,
  limit: number,
): Promise<DueConversation[]> {
  const column = side === 'client' ? 'client_notify_at' : 'staff_notify_at';
  const rows = await db
    .selectFrom('conversations')
    .select(['id', 'practice_id', 'client_id', `${column} as notify_at`])
    .where(column, '<=', now)
    .orderBy(column)
    .limit(limit)
    .execute();
  return rows.flatMap((row) => (row.notify_at ? [{ ...row, notify_at: row.notify_at }] : []));
}

/**
 * Of these storage keys, the ones an attachment row names, in any practice: for sweeping the
 * attachment store of files no message refers to (by the storage_key index, migration 009).
 */
export async function findReferencedStorageKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('message_attachments')
    .select('storage_key')
    .where('storage_key', 'in', keys)
    .execute();
  return new Set(rows.map((row) => row.storage_key));
}
