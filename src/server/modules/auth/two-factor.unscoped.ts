import type { Db } from '../../db/database.js';
import type { StaffBackupCodesTable, StaffTwoFactorTable, TwoFactorChallengesTable } from '../../db/schema.js';

/**
 * Two-factor belongs to the person, across every practice they work for, so its queries take the
 * account's id rather than a practice's Scope (and the sign-in's code step has no session yet).
 * Every use of a code is one conditional UPDATE: of two requests with the same code, however
 * close together, on either database, exactly one changes the row and wins.
 */

export async function findTwoFactor(db: Db, staffId: string): Promise<StaffTwoFactorTable | undefined> {
  return db.selectFrom('staff_two_factor').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
}

/** Which of these accounts have two-factor on. */
export async function findTwoFactorEnabled(db: Db, staffIds: readonly string[]): Promise<Set<string>> {
  if (staffIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('staff_two_factor')
    .select('staff_id')
    .where('staff_id', 'in', staffIds)
    .where('enabled_at', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.staff_id));
}

/**
 * Keeps a new secret for set-up, replacing one whose set-up was never confirmed; answers false
 * (and changes nothing) when two-factor is already on.
 */
export async function startTwoFactor(db: Db, row: Pick<StaffTwoFactorTable, 'staff_id' | 'secret' | 'created_at'>) {
  const result = await db
    .insertInto('staff_two_factor')
    .values({ ...row, enabled_at: null, last_step: null })
    .onConflict((oc) =>
      oc
        .column('staff_id')
        .doUpdateSet({ secret: row.secret, created_at: row.created_at, enabled_at: null, last_step: null })
        .where('staff_two_factor.enabled_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Turns two-factor on with the secret set-up showed, accepting the confirming code's time step:
 * false when it is already on, the secret changed meanwhile, or that step was already used.
 */
export async function enableTwoFactor(
  db: Db,
  staffId: string,
  secret: string,
  step: number,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('staff_two_factor')
    .set({ enabled_at: nowIso, last_step: step })
    .where('staff_id', '=', staffId)
    .where('secret', '=', secret)
    .where('enabled_at', 'is', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Accepts a code of time step `step` once: false when a code of that step or a later one was accepted. */
export async function acceptTimeStep(db: Db, staffId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_two_factor')
    .set({ last_step: step })
    .where('staff_id', '=', staffId)
    .where('enabled_at', 'is not', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Turns two-factor off: the secret, every backup code and every pending sign-in waiting for a code. */
export async function deleteTwoFactor(db: Db, staffId: string): Promise<boolean> {
  await db.deleteFrom('staff_backup_codes').where('staff_id', '=', staffId).execute();
  await db.deleteFrom('two_factor_challenges').where('staff_id', '=', staffId).execute();
  const result = await db.deleteFrom('staff_two_factor').where('staff_id', '=', staffId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Replaces every backup code of the account with these (hashed) ones. */
export async function replaceBackupCodes(db: Db, staffId: string, rows: StaffBackupCodesTable[]): Promise<void> {
  await db.deleteFrom('staff_backup_codes').where('staff_id', '=', staffId).execute();
  if (rows.length > 0) await db.insertInto('staff_backup_codes').values(rows).execute();
}

export async function countBackupCodesLeft(db: Db, staffId: string): Promise<number> {
  const row = await db
    .selectFrom('staff_backup_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('left'))
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.left ?? 0);
}

/** Uses a backup code once: false when it is not one of the account's, or was used already. */
export async function useBackupCode(db: Db, staffId: string, codeHash: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_backup_codes')
    .set({ used_at: nowIso })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertChallenge(db: Db, row: TwoFactorChallengesTable): Promise<void> {
  await db.insertInto('two_factor_challenges').values(row).execute();
}

/** A pending sign-in that can still take a code: unused, unexpired, and not worn out by wrong codes. */
export async function findLiveChallenge(
  db: Db,
  tokenHash: string,
  nowIso: string,
  maxWrongCodes: number,
): Promise<TwoFactorChallengesTable | undefined> {
  return db
    .selectFrom('two_factor_challenges')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .where('wrong_codes', '<', maxWrongCodes)
    .executeTakeFirst();
}

/** Uses the pending sign-in once. */
export async function claimChallenge(
  db: Db,
  tokenHash: string,
  nowIso: string,
  maxWrongCodes: number,
): Promise<boolean> {
  const result = await db
    .updateTable('two_factor_challenges')
    .set({ used_at: nowIso })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .where('wrong_codes', '<', maxWrongCodes)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countWrongCode(db: Db, tokenHash: string): Promise<void> {
  await db
    .updateTable('two_factor_challenges')
    .set((eb) => ({ wrong_codes: eb('wrong_codes', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Pending sign-ins that can no longer be used (ended more than a day ago): swept as new ones are made. */
export async function deleteEndedChallenges(db: Db, beforeIso: string): Promise<void> {
  await db.deleteFrom('two_factor_challenges').where('expires_at', '<', beforeIso).execute();
}
