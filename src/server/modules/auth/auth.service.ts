import type { SessionState } from '../../../shared/schemas/auth.js';
import type { SessionLimit } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { addMinutes, iso } from '../../platform/clock.js';
import type { RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { enqueueEmail } from '../../platform/outbox.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { endSessionsOf, type NewSession } from '../../platform/sessions.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { systemContext } from '../../platform/request-context.js';
import { getDemoState } from '../demo/index.js';
import { countPractices, getPractice, logoUrl, toPracticeSummary } from '../practices/index.js';
import { findSignInPractice, findStaffByEmail, findStaffById, findStaffMember, updateStaff } from '../staff/index.js';
import { passwordResetEmail } from './auth.emails.js';
import { openStaffSession } from './staff-sessions.js';
import { findTwoFactor } from './two-factor.unscoped.js';
import { claimPasswordReset, endPasswordResets, insertPasswordReset } from './password-resets.unscoped.js';

const RESET_MINUTES = 60;

/** The staff member a session state describes: who, where, the session's CSRF token and its limit. */
export interface SignedInStaff {
  staffId: string;
  practiceId: string;
  csrfToken: string;
  limitedTo?: SessionLimit | null;
}

export async function getSessionState(deps: AppDeps, signedIn: SignedInStaff | null): Promise<SessionState> {
  const base = {
    setupRequired: (await countPractices(deps.db)) === 0,
    signupAllowed: deps.config.allowSignup,
    devMailbox: deps.config.devMailbox,
  };
  const staff = signedIn
    ? await findStaffMember(systemContext(deps, signedIn.practiceId), signedIn.staffId)
    : undefined;
  if (!signedIn || !staff) {
    return {
      ...base,
      demo: await getDemoState(deps, null),
      staff: null,
      practice: null,
      twoFactor: null,
      csrfToken: null,
    };
  }
  const practice = await getPractice(systemContext(deps, signedIn.practiceId));
  return {
    ...base,
    demo: await getDemoState(deps, signedIn.practiceId),
    staff: { id: staff.id, name: staff.name, email: staff.email, roles: staff.roles },
    practice: toPracticeSummary(practice),
    twoFactor: {
      enabled: (await findTwoFactor(deps.db, staff.id))?.enabled_at != null,
      setupRequired: signedIn.limitedTo === 'two_factor_setup',
    },
    csrfToken: signedIn.csrfToken,
  };
}

/**
 * The password step of signing in. An account with two-factor gets no session yet: the answer is
 * the pending sign-in to send back with a code (`signInWithCode`).
 */
export async function signIn(
  deps: AppDeps,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<
  | { step: 'code'; token: string; expiresAt: string }
  | { step: 'signed-in'; session: NewSession; staffId: string; practiceId: string; limitedTo: SessionLimit | null }
> {
  const staff = await findStaffByEmail(deps.db, input.email);
  const valid = await verifyPassword(staff?.password_hash ?? null, input.password);
  if (!staff || !valid) {
    await audit(deps.db, deps.clock, staff ? { kind: 'staff-id', staffId: staff.id } : { kind: 'anonymous' }, meta, {
      action: 'staff.sign_in_failed',
      practiceId: staff?.practice_id ?? null,
    });
    throw new AppError('invalid_credentials');
  }
  const practiceId = await findSignInPractice(deps.db, staff);
  if (!practiceId) {
    await audit(deps.db, deps.clock, { kind: 'staff-id', staffId: staff.id }, meta, {
      action: 'staff.sign_in_failed',
      practiceId: staff.practice_id,
    });
    throw new AppError('forbidden', 'Your account has been deactivated. Ask the practice owner to reactivate it.');
  }
  const start = await openStaffSession(deps, { staffId: staff.id, practiceId }, meta);
  if (start.step === 'code') return start;
  await updateStaff(deps.db, staff.id, { last_sign_in_at: iso(deps.clock.now()) });
  await audit(deps.db, deps.clock, { kind: 'staff-id', staffId: staff.id }, meta, {
    action: 'staff.signed_in',
    practiceId,
    ...(start.limitedTo ? { details: { limitedTo: start.limitedTo } } : {}),
  });
  return { ...start, staffId: staff.id, practiceId };
}

/** Always succeeds from the caller's view, so the answer never reveals whether an account exists. */
export async function requestPasswordReset(deps: AppDeps, email: string, meta: RequestMeta): Promise<void> {
  const staff = await findStaffByEmail(deps.db, email);
  if (!staff) return;
  const practice = await getPractice(systemContext(deps, staff.practice_id));
  const token = newToken();
  const now = deps.clock.now();
  const url = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const message = passwordResetEmail({
    practiceName: practice.name,
    practiceLogoUrl: logoUrl(deps, practice, { absolute: true }),
    staffName: staff.name,
    url,
  });
  await deps.db.transaction().execute(async (trx) => {
    await insertPasswordReset(trx, {
      token_hash: hashToken(token),
      staff_id: staff.id,
      created_at: iso(now),
      expires_at: iso(addMinutes(now, RESET_MINUTES)),
      used_at: null,
    });
    await enqueueEmail(trx, deps, { practiceId: practice.id, kind: 'password_reset', to: staff.email, ...message });
    await audit(trx, deps.clock, { kind: 'staff-id', staffId: staff.id }, meta, {
      action: 'staff.password_reset_requested',
      practiceId: practice.id,
    });
  });
}

/** Uses the reset link once: the claim and the new password land together or not at all. */
export async function resetPassword(
  deps: AppDeps,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const nowIso = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const claimed = await claimPasswordReset(trx, hashToken(input.token), nowIso);
    if (!claimed) throw new AppError('token_invalid', 'This reset link is invalid, expired or already used.');
    const staff = await findStaffById(trx, claimed.staff_id);
    if (!staff) throw new AppError('token_invalid');
    await updateStaff(trx, staff.id, { password_hash: passwordHash });
    // Every other open reset link and every session of the account end with the old password.
    await endPasswordResets(trx, staff.id, nowIso);
    await endSessionsOf({ db: trx }, 'staff', staff.id);
    await audit(trx, deps.clock, { kind: 'staff-id', staffId: staff.id }, meta, {
      action: 'staff.password_reset',
      practiceId: staff.practice_id,
    });
  });
}
