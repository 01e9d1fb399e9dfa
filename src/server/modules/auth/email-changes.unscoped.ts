import type { Db } from '../../db/database.js';
import type { EmailChangesTable } from '../../db/schema.js';

/**
 * Links that confirm a staff member's new sign-in email. They are used from the email, perhaps in
 * a browser that is not signed in, so the claim is found by its token alone.
 */

export async function insertEmailChange(db: Db, row: EmailChangesTable): Promise<void> {
  await db.insertInto('email_changes').values(row).execute();
}

/** Uses a confirmation link that is unused and unexpired; answers what it was for, or nothing. */
export async function claimEmailChange(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<Pick<EmailChangesTable, 'staff_id' | 'practice_id' | 'new_email'> | undefined> {
  return db
    .updateTable('email_changes')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['staff_id', 'practice_id', 'new_email'])
    .executeTakeFirst();
}

/** Ends every open confirmation link of the account (a newer one was asked for, or it was cancelled). */
export async function endEmailChanges(db: Db, staffId: string, now: string): Promise<void> {
  await db
    .updateTable('email_changes')
    .set({ used_at: now })
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .execute();
}

/** The account's newest open (unused, unexpired) email change. */
export async function findPendingEmailChange(db: Db, staffId: string, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('email_changes')
    .select('new_email')
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.new_email ?? null;
}
