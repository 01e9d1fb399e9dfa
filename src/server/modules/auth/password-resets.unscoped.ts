import type { Db } from '../../db/database.js';
import type { PasswordResetsTable } from '../../db/schema.js';

/** Password reset links: requested and redeemed by someone not signed in, so no practice scopes them. */

export async function insertPasswordReset(db: Db, row: PasswordResetsTable): Promise<void> {
  await db.insertInto('password_resets').values(row).execute();
}

/** Uses a reset link that is unused and unexpired; answers whose it was, or nothing. */
export async function claimPasswordReset(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<{ staff_id: string } | undefined> {
  return db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['staff_id'])
    .executeTakeFirst();
}

/** Ends every open reset link of the account (its password just changed). */
export async function endPasswordResets(db: Db, staffId: string, now: string): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .execute();
}
