import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets Portico must read back (an authenticator app's TOTP secret), sealed at rest with
 * AES-256-GCM under a key derived from SESSION_SECRET: a copy of the database alone does not
 * give them away, and a changed byte is refused rather than read. Hashes serve wherever the value
 * need not be read back (tokens, codes, passwords); this is for the few that must.
 *
 * Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). A value without the prefix was stored
 * before sealing and is read as it is, so enrolments made earlier keep working.
 */

const PREFIX = 'v1';
const INFO = 'portico sealed secrets v1';

function keyOf(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, Buffer.alloc(0), INFO, 32));
}

export function sealSecret(sessionSecret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(sessionSecret), iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [PREFIX, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The secret of a stored value; throws when it was sealed under another key or changed since. */
export function openSecret(sessionSecret: string, stored: string): string {
  const parts = stored.split('.');
  if (parts[0] !== PREFIX || parts.length !== 4) return stored;
  const [iv, tag, sealed] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !sealed) return stored;
  const decipher = createDecipheriv('aes-256-gcm', keyOf(sessionSecret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
}
