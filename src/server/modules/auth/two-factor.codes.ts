import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { BACKUP_CODE_PATTERN } from '../../../shared/schemas/two-factor.js';
import { hashToken } from '../../platform/tokens.js';

/**
 * The codes of two-factor sign-in, apart from any storage: TOTP (RFC 6238: SHA-1, 6 digits,
 * 30-second steps, what every authenticator app reads from a QR code) through otplib, the QR code
 * drawn here on the server, and the backup codes.
 */

export const STEP_SECONDS = 30;
/** A code is accepted one step either side of now: a phone's clock a little off, a code typed as it turned. */
const TOLERANCE_SECONDS = STEP_SECONDS;
export const BACKUP_CODE_COUNT = 10;

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), in base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// address an authenticator app reads, and the same as a QR code (an SVG data URL). */
export async function enrolmentOf(secret: string, account: string): Promise<{ otpauthUrl: string; qrCode: string }> {
  const otpauthUrl = generateURI({ issuer: 'Portico', label: account, secret });
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The time step of the code when it is right for the secret at `now` (give or take one step), else null. */
export async function timeStepOf(secret: string, code: string, now: Date): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ten new backup codes of 12 base32 characters (60 random bits each). */
export function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const bytes = randomBytes(12);
    return Array.from(bytes, (byte) => BASE32[byte & 31]).join('');
  });
}

/** How a backup code is shown: three groups of four. */
export function showBackupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export function isBackupCode(code: string): boolean {
  return BACKUP_CODE_PATTERN.test(code);
}

/** Kept hashed with the account's id, so equal codes of two accounts never share a hash. */
export function backupCodeHash(staffId: string, code: string): string {
  return hashToken(`backup-code:${staffId}:${code}`);
}
