import type { Db } from '../../db/database.js';
import type { PortalTokensTable } from '../../db/schema.js';
import { hashToken } from '../../platform/tokens.js';

export async function findTokenByValue(db: Db, token: string): Promise<PortalTokensTable | undefined> {
  return db.selectFrom('portal_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
}

/** The newest unused emailed links of a client: the ones that still work. */
export async function newestUnusedLinkIds(db: Db, clientId: string, count: number): Promise<string[]> {
  const rows = await db
    .selectFrom('portal_tokens')
    .select('id')
    .where('client_id', '=', clientId)
    .where('kind', 'in', ['invitation', 'link'])
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(count)
    .execute();
  return rows.map((row) => row.id);
}

/** Codes that may still be tried for these clients. */
export async function liveCodes(db: Db, clientIds: readonly string[], now: string, maxAttempts: number) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom('portal_tokens')
    .selectAll()
    .where('client_id', 'in', clientIds)
    .where('code_hash', 'is not', null)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('code_expires_at', '>', now)
    .where('code_attempts', '<', maxAttempts)
    .execute();
}

/**
 * Spends one try of each of these codes that has one left, and answers the ids it spent a try of:
 * the only codes a guess may be checked against. One statement, so guesses arriving together
 * (each reading the codes before any counts) still get no more than `maxAttempts` tries at a code.
 */
export async function spendCodeTries(db: Db, tokenIds: readonly string[], maxAttempts: number): Promise<string[]> {
  if (tokenIds.length === 0) return [];
  const rows = await db
    .updateTable('portal_tokens')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('id', 'in', tokenIds)
    .where('code_attempts', '<', maxAttempts)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Claims one token: only one of any number of concurrent claims updates the row (on PostgreSQL the
 * others wait for the row lock and then find it used), then every other unused token of the
 * client is consumed with it.
 */
export async function claimToken(db: Db, token: PortalTokensTable, now: string): Promise<boolean> {
  const claimed = await db
    .updateTable('portal_tokens')
    .set({ used_at: now })
    .where('id', '=', token.id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('portal_tokens')
    .set({ used_at: now })
    .where('client_id', '=', token.client_id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}
