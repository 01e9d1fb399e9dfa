import { openSecret } from '../../platform/sealed-secrets.js';
import type { Db } from '../../db/database.js';
import type { SessionLimit } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { addMinutes, iso } from '../../platform/clock.js';
import type { RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { createSession, type NewSession } from '../../platform/sessions.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { getPractice } from '../practices/index.js';
import { updateStaff } from '../staff/index.js';
import { backupCodeHash, isBackupCode, timeStepOf } from './two-factor.codes.js';
import {
  acceptTimeStep,
  claimChallenge,
  countWrongCode,
  deleteEndedChallenges,
  findLiveChallenge,
  findTwoFactor,
  insertChallenge,
  useBackupCode,
} from './two-factor.unscoped.js';

/** How long the code step of a sign-in waits for its code. */
export const PENDING_SIGN_IN_MINUTES = 5;
/** Wrong codes a pending sign-in takes before it ends (the password is asked again). */
export const PENDING_SIGN_IN_WRONG_CODES = 5;

/** Where opening a staff session got to: a code is needed first, or the session is open. */
export type StaffSessionStart =
  | { step: 'code'; token: string; expiresAt: string }
  | { step: 'signed-in'; session: NewSession; limitedTo: SessionLimit | null };

/**
 * Every way into a staff session goes through here: password sign-in, the sign-in's code step,
 * and (for the team) accepting an invitation or switching practice. Once the caller has checked
 * who this is (a password, an invitation link, an open session):
 * - an account with two-factor on, unless `secondFactorDone`, gets no session but a pending
 *   sign-in: a single-use token (kept hashed, 5 minutes) to send back with a code
 *   (`POST /api/auth/sign-in/code`); the session hook never takes it for a session;
 * - an account without two-factor, in a practice that requires it, gets a session limited to
 *   setting it up (`limitedTo: 'two_factor_setup'`): every other API route answers
 *   `two_factor_required` until set-up is confirmed, which lifts the limit;
 * - anyone else gets a full session.
 * Pass `db` to make the rows in the caller's transaction. Audit rows are the caller's.
 */
export async function openStaffSession(
  deps: AppDeps,
  who: { staffId: string; practiceId: string },
  meta: RequestMeta | null,
  options: { secondFactorDone?: boolean; db?: Db } = {},
): Promise<StaffSessionStart> {
  const db = options.db ?? deps.db;
  const now = deps.clock.now();
  const twoFactorOn = (await findTwoFactor(db, who.staffId))?.enabled_at != null;
  if (twoFactorOn && !options.secondFactorDone) {
    const token = newToken();
    const expiresAt = iso(addMinutes(now, PENDING_SIGN_IN_MINUTES));
    await deleteEndedChallenges(db, iso(addMinutes(now, -24 * 60)));
    await insertChallenge(db, {
      token_hash: hashToken(token),
      staff_id: who.staffId,
      practice_id: who.practiceId,
      created_at: iso(now),
      expires_at: expiresAt,
      used_at: null,
      wrong_codes: 0,
    });
    return { step: 'code', token, expiresAt };
  }
  const practice = await getPractice({ practiceId: who.practiceId, db });
  const limitedTo = practice.two_factor_required_at !== null && !twoFactorOn ? 'two_factor_setup' : null;
  const session = await createSession(
    deps,
    { kind: 'staff', subjectId: who.staffId, practiceId: who.practiceId, meta, limitedTo },
    db,
  );
  return { step: 'signed-in', session, limitedTo };
}

/**
 * Uses a code of the account once, in the caller's transaction: a code from the app (its time
 * step must be later than the last one accepted) or a backup code (unused). Null when it is not
 * right or was used already; which kind worked otherwise.
 */
export async function useSecondFactor(
  db: Db,
  staffId: string,
  secret: string,
  code: string,
  now: Date,
): Promise<'app' | 'backup' | null> {
  if (isBackupCode(code)) {
    return (await useBackupCode(db, staffId, backupCodeHash(staffId, code), iso(now))) ? 'backup' : null;
  }
  const step = await timeStepOf(secret, code, now);
  if (step === null) return null;
  return (await acceptTimeStep(db, staffId, step)) ? 'app' : null;
}

/** A code that is not right (`code_invalid`, like a wrong portal code), naming the field. */
export function wrongCode(): AppError {
  return new AppError('code_invalid', 'That code is not right, or it has been used already.', [
    { field: 'code', message: 'is not right, or has been used already' },
  ]);
}

const pendingSignInEnded = () =>
  new AppError('token_invalid', 'This sign-in has expired. Enter your email and password again.', [
    { field: 'token', message: 'has expired' },
  ]);

/** The account a pending sign-in belongs to, for counting wrong codes per account; null when it is not live. */
export async function pendingSignInAccount(deps: AppDeps, token: string): Promise<string | null> {
  const challenge = await findLiveChallenge(
    deps.db,
    hashToken(token),
    iso(deps.clock.now()),
    PENDING_SIGN_IN_WRONG_CODES,
  );
  return challenge?.staff_id ?? null;
}

/**
 * The sign-in's code step: a right code (or backup code) for the pending sign-in opens the
 * session. The code and the pending sign-in are each used once, together with the new session in
 * one transaction, so of two requests with the same code only one signs in. A wrong code is
 * audited and counted against the pending sign-in, which ends after five.
 */
export async function signInWithCode(
  deps: AppDeps,
  input: { token: string; code: string },
  meta: RequestMeta,
): Promise<{ session: NewSession; staffId: string; practiceId: string; limitedTo: SessionLimit | null }> {
  const now = deps.clock.now();
  const tokenHash = hashToken(input.token);
  const challenge = await findLiveChallenge(deps.db, tokenHash, iso(now), PENDING_SIGN_IN_WRONG_CODES);
  const twoFactor = challenge && (await findTwoFactor(deps.db, challenge.staff_id));
  if (!challenge || !twoFactor?.enabled_at) throw pendingSignInEnded();
  const who = { staffId: challenge.staff_id, practiceId: challenge.practice_id };
  const opened = await deps.db.transaction().execute(async (trx) => {
    const secret = openSecret(deps.config.sessionSecret, twoFactor.secret);
    const used = await useSecondFactor(trx, who.staffId, secret, input.code, now);
    if (!used) return null;
    if (!(await claimChallenge(trx, tokenHash, iso(now), PENDING_SIGN_IN_WRONG_CODES))) throw pendingSignInEnded();
    const start = await openStaffSession(deps, who, meta, { secondFactorDone: true, db: trx });
    if (start.step !== 'signed-in') throw new AppError('internal');
    await updateStaff(trx, who.staffId, { last_sign_in_at: iso(now) });
    await audit(trx, deps.clock, { kind: 'staff-id', staffId: who.staffId }, meta, {
      action: 'staff.signed_in',
      practiceId: who.practiceId,
      details: { twoFactor: used },
    });
    return { ...who, session: start.session, limitedTo: start.limitedTo };
  });
  if (!opened) {
    await countWrongCode(deps.db, tokenHash);
    await audit(deps.db, deps.clock, { kind: 'staff-id', staffId: who.staffId }, meta, {
      action: 'staff.two_factor_code_failed',
      practiceId: who.practiceId,
      details: { during: 'sign_in', kind: isBackupCode(input.code) ? 'backup' : 'app' },
    });
    throw wrongCode();
  }
  return opened;
}
