import type {
  AccountSession,
  EmailChangeBody,
  MyAccount,
  PasswordChangeBody,
} from '../../../shared/schemas/settings.js';
import type { AppDeps } from '../../deps.js';
import { audit, auditIn } from '../../platform/audit.js';
import { addMinutes, iso } from '../../platform/clock.js';
import type { RequestMeta } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import type { StaffContext } from '../../platform/request-context.js';
import { endOtherSessionsOf, endSession, listSessionsOf, sessionPublicId } from '../../platform/sessions.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { getPractice, logoUrl } from '../practices/index.js';
import { findStaffByEmail, findStaffMember, updateStaffMember } from '../staff/index.js';
import { confirmEmailChangeEmail, emailChangeNoticeEmail } from './auth.emails.js';
import {
  claimEmailChange,
  endEmailChanges,
  findPendingEmailChange,
  insertEmailChange,
} from './email-changes.unscoped.js';
import { endPasswordResets } from './password-resets.unscoped.js';

/** How long the link that confirms a new email works. */
export const EMAIL_CHANGE_HOURS = 24;

async function signedInStaff(ctx: StaffContext) {
  const staff = await findStaffMember(ctx, ctx.actor.staffId);
  if (!staff) throw notFound();
  return staff;
}

export async function getMyAccount(ctx: StaffContext): Promise<MyAccount> {
  const staff = await signedInStaff(ctx);
  return {
    id: staff.id,
    name: staff.name,
    email: staff.email,
    roles: staff.roles,
    pendingEmail: await findPendingEmailChange(ctx.db, staff.id, iso(ctx.clock.now())),
  };
}

export async function updateMyName(ctx: StaffContext, name: string): Promise<MyAccount> {
  await ctx.inTransaction(async (tx) => {
    const staff = await signedInStaff(tx);
    if (staff.name === name) return;
    await updateStaffMember(tx, staff.id, { name });
    await auditIn(tx, { action: 'staff.name_changed' });
  });
  return getMyAccount(ctx);
}

/** A wrong current password: audited, and refused naming the field. */
async function refuseWrongPassword(ctx: StaffContext, action: string): Promise<never> {
  await auditIn(ctx, { action });
  throw new AppError('validation_failed', 'The current password is not right.', [
    { field: 'currentPassword', message: 'is not right' },
  ]);
}

/**
 * Asks to sign in with another email. Nothing changes yet: a one-time link (only its hash is
 * kept) goes to the new address and a notice to the old one; the change is made when the link is
 * used. A newer request ends the older links.
 */
export async function requestEmailChange(ctx: StaffContext, body: EmailChangeBody): Promise<MyAccount> {
  const staff = await signedInStaff(ctx);
  if (!(await verifyPassword(staff.password_hash, body.currentPassword))) {
    await refuseWrongPassword(ctx, 'staff.email_change_refused');
  }
  if (body.email === staff.email) {
    throw new AppError('validation_failed', undefined, [{ field: 'email', message: 'is already your email' }]);
  }
  if (await findStaffByEmail(ctx.db, body.email)) {
    throw new AppError('email_taken', undefined, [{ field: 'email', message: 'already has an account' }]);
  }
  const token = newToken();
  const now = ctx.clock.now();
  await ctx.inTransaction(async (tx) => {
    const practice = await getPractice(tx);
    await endEmailChanges(tx.db, staff.id, iso(now));
    await insertEmailChange(tx.db, {
      token_hash: hashToken(token),
      staff_id: staff.id,
      practice_id: tx.practiceId,
      new_email: body.email,
      created_at: iso(now),
      expires_at: iso(addMinutes(now, EMAIL_CHANGE_HOURS * 60)),
      used_at: null,
    });
    const common = {
      practiceName: practice.name,
      practiceLogoUrl: logoUrl(tx.deps, practice, { absolute: true }),
      staffName: staff.name,
      newEmail: body.email,
    };
    const url = `${tx.deps.config.publicUrl}/confirm-email#token=${encodeURIComponent(token)}`;
    await enqueueEmailIn(tx, {
      kind: 'staff_email_change_confirm',
      to: body.email,
      ...confirmEmailChangeEmail({ ...common, url }),
    });
    await enqueueEmailIn(tx, { kind: 'staff_email_change_notice', to: staff.email, ...emailChangeNoticeEmail(common) });
    await auditIn(tx, { action: 'staff.email_change_requested' });
  });
  return getMyAccount(ctx);
}

export async function cancelEmailChange(ctx: StaffContext): Promise<MyAccount> {
  await ctx.inTransaction(async (tx) => {
    if (!(await findPendingEmailChange(tx.db, tx.actor.staffId, iso(tx.clock.now())))) return;
    await endEmailChanges(tx.db, tx.actor.staffId, iso(tx.clock.now()));
    await auditIn(tx, { action: 'staff.email_change_cancelled' });
  });
  return getMyAccount(ctx);
}

/**
 * Uses a confirmation link once, signed in or not: the claim and the new email land together or
 * not at all. An address taken by another account meanwhile is refused (and the link stays used).
 */
export async function confirmEmailChange(deps: AppDeps, token: string, meta: RequestMeta): Promise<void> {
  const nowIso = iso(deps.clock.now());
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const change = await claimEmailChange(trx, hashToken(token), nowIso);
    if (!change) return null;
    if (await findStaffByEmail(trx, change.new_email)) return { ...change, taken: true };
    const scope = { db: trx, practiceId: change.practice_id };
    await updateStaffMember(scope, change.staff_id, { email: change.new_email });
    await endEmailChanges(trx, change.staff_id, nowIso);
    await audit(trx, deps.clock, { kind: 'staff-id', staffId: change.staff_id }, meta, {
      action: 'staff.email_changed',
      practiceId: change.practice_id,
    });
    return { ...change, taken: false };
  });
  if (!claimed) throw new AppError('token_invalid', 'This confirmation link is invalid, expired or already used.');
  if (claimed.taken) {
    throw new AppError('email_taken', 'That email now belongs to another account, so it was not changed.');
  }
}

/**
 * Changes the password when the current one is right, and ends the account's other sessions and
 * open reset links: whoever knew the old password is signed out everywhere but here.
 */
export async function changePassword(ctx: StaffContext, body: PasswordChangeBody): Promise<{ signedOut: number }> {
  const staff = await signedInStaff(ctx);
  if (!(await verifyPassword(staff.password_hash, body.currentPassword))) {
    await refuseWrongPassword(ctx, 'staff.password_change_refused');
  }
  const passwordHash = await hashPassword(body.newPassword);
  return ctx.inTransaction(async (tx) => {
    await updateStaffMember(tx, staff.id, { password_hash: passwordHash });
    await endPasswordResets(tx.db, staff.id, iso(tx.clock.now()));
    const signedOut = await endOtherSessionsOf(tx, 'staff', staff.id, tx.actor.sessionHash);
    await auditIn(tx, { action: 'staff.password_changed', details: { otherSessionsEnded: signedOut } });
    return { signedOut };
  });
}

export async function listMySessions(ctx: StaffContext): Promise<AccountSession[]> {
  const rows = await listSessionsOf(ctx.deps, 'staff', ctx.practiceId, ctx.actor.staffId);
  // This browser first, then the others by when they were last seen.
  const current = rows.filter((row) => row.token_hash === ctx.actor.sessionHash);
  return [...current, ...rows.filter((row) => row.token_hash !== ctx.actor.sessionHash)].map((row) => ({
    id: sessionPublicId(row.token_hash),
    userAgent: row.user_agent,
    ip: row.ip,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    current: row.token_hash === ctx.actor.sessionHash,
  }));
}

/** Signs out one of the account's own sessions (another's is not found). */
export async function signOutSession(ctx: StaffContext, id: string): Promise<{ current: boolean }> {
  const rows = await listSessionsOf(ctx.deps, 'staff', ctx.practiceId, ctx.actor.staffId);
  const row = rows.find((candidate) => sessionPublicId(candidate.token_hash) === id);
  if (!row) throw notFound();
  await ctx.inTransaction(async (tx) => {
    await endSession({ ...tx.deps, db: tx.db }, row.token_hash);
    await auditIn(tx, {
      action: 'staff.session_ended',
      details: { current: row.token_hash === ctx.actor.sessionHash },
    });
  });
  return { current: row.token_hash === ctx.actor.sessionHash };
}

/** Sign out everywhere: every session of the account but this one. */
export async function signOutEverywhere(ctx: StaffContext): Promise<{ signedOut: number }> {
  return ctx.inTransaction(async (tx) => {
    const signedOut = await endOtherSessionsOf(tx, 'staff', tx.actor.staffId, tx.actor.sessionHash);
    await auditIn(tx, { action: 'staff.signed_out_everywhere', details: { sessionsEnded: signedOut } });
    return { signedOut };
  });
}
