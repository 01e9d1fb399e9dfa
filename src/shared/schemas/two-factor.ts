import { z } from 'zod';
import { BACKUP_CODE_PATTERN } from '../two-factor-codes.js';

/** Spaces and hyphens are how codes are shown and read out; neither is part of a code. */
const compact = (value: string) => value.replace(/[\s-]/g, '').toLowerCase();

/** A code from the authenticator app: 6 digits (RFC 6238, 30-second steps). */
export const appCode = z
  .string()
  .max(40, 'must be the 6-digit code from your app')
  .transform(compact)
  .pipe(z.string().regex(/^\d{6}$/, 'must be the 6-digit code from your app'));

export { BACKUP_CODE_PATTERN };

/** Either a code from the app or one of the backup codes: told apart by their length. */
export const twoFactorCode = z
  .string()
  .max(40, 'must be the 6-digit code from your app, or a backup code')
  .transform(compact)
  .pipe(
    z
      .string()
      .refine(
        (code) => /^\d{6}$/.test(code) || BACKUP_CODE_PATTERN.test(code),
        'must be the 6-digit code from your app, or a backup code',
      ),
  );

/** The sign-in's second step: the pending sign-in's token (from the first step) and a code. */
export const signInCodeBody = z.strictObject({
  token: z.string().min(20, 'is not a pending sign-in').max(200, 'is not a pending sign-in'),
  code: twoFactorCode,
});
export type SignInCodeBody = z.input<typeof signInCodeBody>;

/** The first step's answer when the account has two-factor: the code comes next. */
export const codeNeeded = z.strictObject({
  codeRequired: z.literal(true),
  /** Single use, short-lived: sent back with the code. It is no session. */
  token: z.string(),
  expiresAt: z.string(),
});
export type CodeNeeded = z.infer<typeof codeNeeded>;

/** Settings → Security: the signed-in person's two-factor, and whether their practice requires it. */
export const twoFactorStatus = z.strictObject({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  backupCodesLeft: z.number().int(),
  requiredByPractice: z.boolean(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatus>;

/** Set-up's first step: the secret as a QR code (an SVG data URL) and as text for typing in. */
export const twoFactorSetup = z.strictObject({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCode: z.string(),
});
export type TwoFactorSetup = z.infer<typeof twoFactorSetup>;

export const confirmTwoFactorBody = z.strictObject({ code: appCode });
export type ConfirmTwoFactorBody = z.input<typeof confirmTwoFactorBody>;

/** The ten backup codes, shown once: only their hashes are kept. */
export const backupCodes = z.strictObject({ backupCodes: z.array(z.string()) });
export type BackupCodes = z.infer<typeof backupCodes>;

export const disableTwoFactorBody = z.strictObject({
  password: z.string().min(1, 'is required').max(200),
  code: twoFactorCode,
});
export type DisableTwoFactorBody = z.input<typeof disableTwoFactorBody>;

/** The practice's security settings (owners change them). */
export const practiceSecurity = z.strictObject({
  requireTwoFactor: z.boolean(),
  /** Active members who have not set up two-factor yet. */
  membersWithoutTwoFactor: z.number().int(),
});
export type PracticeSecurity = z.infer<typeof practiceSecurity>;

export const practiceSecurityBody = z.strictObject({ requireTwoFactor: z.boolean() });
export type PracticeSecurityBody = z.infer<typeof practiceSecurityBody>;
