import { password as passwordPolicy } from '../../../shared/schemas/auth.js';
import type { AcceptInvitationBody, InvitationPreview } from '../../../shared/schemas/team.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { hashToken, newId } from '../../platform/tokens.js';
import { openStaffSession, type StaffSessionStart } from '../auth/index.js';
import { findStaffByEmail, insertMembership, insertStaff, rolesOf, updateStaff } from '../staff/index.js';
import { findMembership } from './team.queries.js';
import { claimInvitation, findOpenInvitation, recordAcceptedBy, setSignInPractice } from './team.unscoped.js';

const linkProblem = () =>
  new AppError('token_invalid', 'This invitation link is invalid, has expired, was revoked or has already been used.');

/** What an invitation link is for, so the accept page can greet the person and show the right form. */
export async function previewInvitation(deps: AppDeps, token: string): Promise<InvitationPreview> {
  const invitation = await findOpenInvitation(deps.db, hashToken(token), iso(deps.clock.now()));
  if (!invitation) throw linkProblem();
  return {
    practiceName: invitation.practice_name,
    name: invitation.name,
    email: invitation.email,
    roles: rolesOf(invitation),
    invitedBy: invitation.inviter_name,
    message: invitation.message,
    hasAccount: (await findStaffByEmail(deps.db, invitation.email)) !== undefined,
  };
}

/**
 * Accepts an invitation once and signs the person in to the practice. Someone new chooses a
 * password (the password policy); an email that already has a Portico account (another practice's
 * team) proves it with that account's password and keeps its one account. The claim, the account,
 * the membership, the audit row and the sign-in land together or not at all: of two accepts at
 * once, one wins. The sign-in is any sign-in's (`openStaffSession`): an account with two-factor
 * is asked for its code next (the membership stands, the session waits for the code), and in a
 * practice that requires two-factor someone without it gets a session limited to setting it up.
 */
export async function acceptInvitation(
  deps: AppDeps,
  body: AcceptInvitationBody,
  meta: RequestMeta,
): Promise<StaffSessionStart & { staffId: string; practiceId: string }> {
  const tokenHash = hashToken(body.token);
  const invitation = await findOpenInvitation(deps.db, tokenHash, iso(deps.clock.now()));
  if (!invitation) throw linkProblem();
  const existing = await findStaffByEmail(deps.db, invitation.email);
  let passwordHash: string | null = null;
  if (existing) {
    if (!(await verifyPassword(existing.password_hash, body.password))) {
      await audit(deps.db, deps.clock, { kind: 'staff-id', staffId: existing.id }, meta, {
        action: 'staff.sign_in_failed',
        practiceId: invitation.practice_id,
        details: { invitationId: invitation.id },
      });
      throw new AppError('invalid_credentials', 'That is not the password of your Portico account.', [
        { field: 'password', message: 'is not the password of your Portico account' },
      ]);
    }
  } else {
    const policy = passwordPolicy.safeParse(body.password);
    if (!policy.success) {
      throw new AppError('validation_failed', undefined, [
        { field: 'password', message: policy.error.issues[0]?.message ?? 'is not valid' },
      ]);
    }
    passwordHash = await hashPassword(body.password);
  }
  const staffId = existing?.id ?? newId();
  const now = iso(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const claimed = await claimInvitation(trx, tokenHash, now);
    if (!claimed) throw linkProblem();
    const scope = { db: trx, practiceId: claimed.practice_id };
    if (passwordHash !== null) {
      // An account made with this email since the page was opened: accept with its password instead.
      if (await findStaffByEmail(trx, claimed.email)) {
        throw new AppError('email_taken', 'This email now has a Portico account: accept with its password.');
      }
      await insertStaff(trx, {
        id: staffId,
        practice_id: claimed.practice_id,
        name: claimed.name,
        email: claimed.email,
        password_hash: passwordHash,
        created_at: now,
        last_sign_in_at: now,
      });
    } else {
      if (await findMembership(scope, staffId)) {
        throw new AppError('email_taken', 'You are already on this practice’s team: sign in instead.');
      }
      // The practice they just joined is the one their next sign-in opens.
      await setSignInPractice(trx, staffId, claimed.practice_id);
    }
    await recordAcceptedBy(trx, claimed, staffId);
    await insertMembership(trx, {
      practiceId: claimed.practice_id,
      staffId,
      roles: rolesOf(claimed),
      createdAt: now,
    });
    await audit(trx, deps.clock, { kind: 'staff-id', staffId }, meta, {
      action: 'team.invitation_accepted',
      practiceId: claimed.practice_id,
      details: { invitationId: claimed.id, existingAccount: existing !== undefined, roles: rolesOf(claimed).join(',') },
    });
    const who = { staffId, practiceId: claimed.practice_id };
    const start = await openStaffSession(deps, who, meta, { db: trx });
    if (start.step === 'signed-in' && existing) await updateStaff(trx, staffId, { last_sign_in_at: now });
    return { ...start, ...who };
  });
}
