import type { PortalTokenRevokeReason, PortalTokensTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';
import { hashToken } from '../../platform/tokens.js';

/** Every query on portal_tokens: issuing, redeeming and revoking Client Portal links and codes. */

export async function insertToken(scope: Scope, row: Omit<PortalTokensTable, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('portal_tokens')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function attachOutbox(scope: Scope, tokenId: string, outboxId: string): Promise<void> {
  await scope.db
    .updateTable('portal_tokens')
    .set({ outbox_id: outboxId })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', tokenId)
    .execute();
}

/**
 * Kills every token of the client that is not used yet: access disabled or moved to another email.
 * Answers the outbox rows of the emails that carried them, to be withdrawn if still waiting.
 */
export async function revokeClientTokens(
  scope: Scope,
  clientId: string,
  now: string,
  reason: PortalTokenRevokeReason,
): Promise<string[]> {
  const revoked = await scope.db
    .updateTable('portal_tokens')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('outbox_id')
    .execute();
  return revoked.flatMap((row) => (row.outbox_id === null ? [] : [row.outbox_id]));
}

/** A link of this portal's practice, by the token in it (only its hash is stored). */
export async function findTokenByValue(scope: Scope, token: string): Promise<PortalTokensTable | undefined> {
  return scope.db
    .selectFrom('portal_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('practice_id', '=', scope.practiceId)
    .executeTakeFirst();
}

/** The newest unused emailed links of a client: the ones that still work. */
export async function newestUnusedLinkIds(scope: Scope, clientId: string, count: number): Promise<string[]> {
  const rows = await scope.db
    .selectFrom('portal_tokens')
    .select('id')
    .where('practice_id', '=', scope.practiceId)
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
export async function liveCodes(scope: Scope, clientIds: readonly string[], now: string, maxAttempts: number) {
  if (clientIds.length === 0) return [];
  return scope.db
    .selectFrom('portal_tokens')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
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
export async function spendCodeTries(
  scope: Scope,
  tokenIds: readonly string[],
  maxAttempts: number,
): Promise<string[]> {
  if (tokenIds.length === 0) return [];
  const rows = await scope.db
    .updateTable('portal_tokens')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('practice_id', '=', scope.practiceId)
    .where('id', 'in', tokenIds)
    .where('code_attempts', '<', maxAttempts)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Claims one token: only one of any number of concurrent claims updates the row (on PostgreSQL the
 * others wait for the row lock and then find it used), then every other unused token of the
 * client is consumed with it. Each records the claimed token's id in `claimed_by`, so the one used
 * is told from the ones it replaced.
 */
export async function claimToken(scope: Scope, token: PortalTokensTable, now: string): Promise<boolean> {
  const claimed = await scope.db
    .updateTable('portal_tokens')
    .set({ used_at: now, claimed_by: token.id })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', token.id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await scope.db
    .updateTable('portal_tokens')
    .set({ used_at: now, claimed_by: token.id })
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', token.client_id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}
