/**
 * Backup codes are 12 characters of base32 (shown as three groups of four). Apart from the
 * two-factor schemas so the sign-in page can check a backup code's shape without loading zod.
 */
export const BACKUP_CODE_PATTERN = /^[a-z2-7]{12}$/;
