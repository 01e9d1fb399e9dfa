import { openSecret, sealSecret } from '../../platform/sealed-secrets.js';
import type {
  BackupCodes,
  PracticeSecurity,
  TwoFactorSetup,
  TwoFactorStatus,
} from '../../../shared/schemas/two-factor.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { verifyPassword } from '../../platform/passwords.js';
import type { StaffContext } from '../../platform/request-context.js';
import { liftSessionLimit } from '../../platform/sessions.js';
import { newId } from '../../platform/tokens.js';
import { getPractice, setTwoFactorRequired } from '../practices/index.js';
import { findStaffById, findStaffMember } from '../staff/index.js';
import { useSecondFactor, wrongCode } from './staff-sessions.js';
import {
  backupCodeHash,
  enrolmentOf,
  isBackupCode,
  newBackupCodes,
  newTotpSecret,
  showBackupCode,
  timeStepOf,
} from './two-factor.codes.js';
import { countMembersWithoutTwoFactor } from './two-factor.queries.js';
import {
  countBackupCodesLeft,
  deleteTwoFactor,
  enableTwoFactor,
  findTwoFactor,
  replaceBackupCodes,
  startTwoFactor,
} from './two-factor.unscoped.js';

/** Settings → Security and the set-up a practice requiring two-factor sends its members to. */

const alreadyOn = () => new AppError('conflict', 'Two-factor sign-in is already on.');
const notOn = () => new AppError('conflict', 'Two-factor sign-in is not on.');

/** A wrong code: audited (after the transaction that tried it rolled back), then refused. */
async function refuseCode(ctx: StaffContext, during: string, code: string): Promise<never> {
  await auditIn(ctx, {
    action: 'staff.two_factor_code_failed',
    details: { during, kind: isBackupCode(code) ? 'backup' : 'app' },
  });
  throw wrongCode();
}

async function practiceRequiresTwoFactor(ctx: StaffContext): Promise<boolean> {
  return (await getPractice(ctx)).two_factor_required_at !== null;
}

export async function getTwoFactorStatus(ctx: StaffContext): Promise<TwoFactorStatus> {
  const row = await findTwoFactor(ctx.db, ctx.actor.staffId);
  const enabledAt = row?.enabled_at ?? null;
  return {
    enabled: enabledAt !== null,
    enabledAt,
    backupCodesLeft: enabledAt ? await countBackupCodesLeft(ctx.db, ctx.actor.staffId) : 0,
    requiredByPractice: await practiceRequiresTwoFactor(ctx),
  };
}

/**
 * Starts set-up (or starts it over): a new secret, shown as a QR code and as text. Nothing is in
 * force until a code from it is confirmed.
 */
export async function startTwoFactorSetUp(ctx: StaffContext): Promise<TwoFactorSetup> {
  const staff = await findStaffById(ctx.db, ctx.actor.staffId);
  if (!staff) throw notFound();
  const secret = newTotpSecret();
  await ctx.inTransaction(async (tx) => {
    const sealed = sealSecret(tx.deps.config.sessionSecret, secret);
    if (!(await startTwoFactor(tx.db, { staff_id: staff.id, secret: sealed, created_at: iso(tx.clock.now()) }))) {
      throw alreadyOn();
    }
    await auditIn(tx, { action: 'staff.two_factor_setup_started' });
  });
  return { secret, ...(await enrolmentOf(secret, staff.email)) };
}

/** Ten new backup codes for the account, replacing any it had; answered once, kept hashed. */
async function issueBackupCodes(ctx: StaffContext): Promise<BackupCodes> {
  const codes = newBackupCodes();
  const now = iso(ctx.clock.now());
  await replaceBackupCodes(
    ctx.db,
    ctx.actor.staffId,
    codes.map((code) => ({
      id: newId(),
      staff_id: ctx.actor.staffId,
      code_hash: backupCodeHash(ctx.actor.staffId, code),
      created_at: now,
      used_at: null,
    })),
  );
  return { backupCodes: codes.map(showBackupCode) };
}

/**
 * Confirms set-up with a code from the app: two-factor is on, the ten backup codes are made (and
 * answered, the only time they are shown), and a session limited to set-up becomes a full one.
 */
export async function confirmTwoFactorSetUp(ctx: StaffContext, code: string): Promise<BackupCodes> {
  const row = await findTwoFactor(ctx.db, ctx.actor.staffId);
  if (!row) throw new AppError('conflict', 'Start setting up two-factor sign-in first.');
  if (row.enabled_at) throw alreadyOn();
  const now = ctx.clock.now();
  const step = await timeStepOf(openSecret(ctx.deps.config.sessionSecret, row.secret), code, now);
  const issued = await ctx.inTransaction(async (tx) => {
    if (step === null || !(await enableTwoFactor(tx.db, row.staff_id, row.secret, step, iso(now)))) return null;
    const codes = await issueBackupCodes(tx);
    await liftSessionLimit(tx, 'staff', row.staff_id, 'two_factor_setup');
    await auditIn(tx, { action: 'staff.two_factor_enabled' });
    return codes;
  });
  return issued ?? refuseCode(ctx, 'setup', code);
}

/** New backup codes in place of all the old ones, with a code from the app. */
export async function replaceBackupCodesWithCode(ctx: StaffContext, code: string): Promise<BackupCodes> {
  const row = await findTwoFactor(ctx.db, ctx.actor.staffId);
  if (!row?.enabled_at) throw notOn();
  const issued = await ctx.inTransaction(async (tx) => {
    if (
      !(await useSecondFactor(
        tx.db,
        row.staff_id,
        openSecret(tx.deps.config.sessionSecret, row.secret),
        code,
        tx.clock.now(),
      ))
    )
      return null;
    const codes = await issueBackupCodes(tx);
    await auditIn(tx, { action: 'staff.backup_codes_replaced' });
    return codes;
  });
  return issued ?? refuseCode(ctx, 'backup_codes', code);
}

/**
 * Turns two-factor off with the password and a code (from the app, or a backup code). Not while
 * the practice requires it.
 */
export async function disableTwoFactor(
  ctx: StaffContext,
  body: { password: string; code: string },
): Promise<TwoFactorStatus> {
  if (await practiceRequiresTwoFactor(ctx)) {
    throw new AppError('conflict', 'Your practice requires two-factor sign-in, so it cannot be turned off.');
  }
  const staff = await findStaffById(ctx.db, ctx.actor.staffId);
  if (!staff) throw notFound();
  if (!(await verifyPassword(staff.password_hash, body.password))) {
    await auditIn(ctx, { action: 'staff.two_factor_disable_refused' });
    throw new AppError('validation_failed', 'The password is not right.', [
      { field: 'password', message: 'is not right' },
    ]);
  }
  const row = await findTwoFactor(ctx.db, staff.id);
  if (!row?.enabled_at) throw notOn();
  const done = await ctx.inTransaction(async (tx) => {
    const used = await useSecondFactor(
      tx.db,
      staff.id,
      openSecret(tx.deps.config.sessionSecret, row.secret),
      body.code,
      tx.clock.now(),
    );
    if (!used) return false;
    await deleteTwoFactor(tx.db, staff.id);
    await auditIn(tx, { action: 'staff.two_factor_disabled', details: { with: used } });
    return true;
  });
  if (!done) await refuseCode(ctx, 'disable', body.code);
  return getTwoFactorStatus(ctx);
}

export async function getPracticeSecurity(ctx: StaffContext): Promise<PracticeSecurity> {
  return {
    requireTwoFactor: await practiceRequiresTwoFactor(ctx),
    membersWithoutTwoFactor: await countMembersWithoutTwoFactor(ctx),
  };
}

/**
 * Requires two-factor of every member, or no longer. Members without it are sent to set it up at
 * their next sign-in. The owner sets up their own first, so requiring it never sends them there.
 */
export async function updatePracticeSecurity(
  ctx: StaffContext,
  body: { requireTwoFactor: boolean },
): Promise<PracticeSecurity> {
  await ctx.inTransaction(async (tx) => {
    if ((await practiceRequiresTwoFactor(tx)) === body.requireTwoFactor) return;
    if (body.requireTwoFactor && !(await findTwoFactor(tx.db, tx.actor.staffId))?.enabled_at) {
      throw new AppError('conflict', 'Set up two-factor sign-in for your own account before requiring it of everyone.');
    }
    await setTwoFactorRequired(tx, body.requireTwoFactor ? iso(tx.clock.now()) : null);
    await auditIn(tx, {
      action: body.requireTwoFactor ? 'practice.two_factor_required' : 'practice.two_factor_not_required',
    });
  });
  return getPracticeSecurity(ctx);
}

/**
 * An owner turns off a member's two-factor (a lost phone and backup codes): their secret, backup
 * codes and pending sign-ins go; nothing else changes (their sessions stay). Where the practice
 * requires two-factor they are sent to set it up again at their next sign-in. Someone not of this
 * practice is not found; the owner's own two-factor is turned off in Settings → Security instead.
 */
export async function resetMemberTwoFactor(ctx: StaffContext, staffId: string): Promise<void> {
  const member = await findStaffMember(ctx, staffId);
  if (!member) throw notFound();
  if (member.id === ctx.actor.staffId) {
    throw new AppError('validation_failed', 'Turn off your own two-factor sign-in in Settings → Security.', [
      { field: 'id', message: 'is your own account' },
    ]);
  }
  await ctx.inTransaction(async (tx) => {
    const had = await deleteTwoFactor(tx.db, member.id);
    await auditIn(tx, { action: 'staff.two_factor_reset', details: { staffId: member.id, hadTwoFactor: had } });
  });
}
