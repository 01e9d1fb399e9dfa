import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './sealed-secrets.js';

const key = 'a session secret of at least thirty-two characters';

describe('sealed secrets', () => {
  it('reads back what it sealed, and seals the same secret differently each time', () => {
    const first = sealSecret(key, 'JBSWY3DPEHPK3PXP');
    const second = sealSecret(key, 'JBSWY3DPEHPK3PXP');
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(second).not.toBe(first);
    expect(openSecret(key, first)).toBe('JBSWY3DPEHPK3PXP');
    expect(openSecret(key, second)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value sealed under another key or changed since', () => {
    const sealed = sealSecret(key, 'JBSWY3DPEHPK3PXP');
    expect(() => openSecret('another session secret, also thirty-two characters', sealed)).toThrow();
    const parts = sealed.split('.');
    const changed = Buffer.from(parts[3] ?? '', 'base64url');
    changed[0] = (changed[0] ?? 0) ^ 1;
    expect(() => openSecret(key, [...parts.slice(0, 3), changed.toString('base64url')].join('.'))).toThrow();
  });

  it('reads a value stored before sealing as it is', () => {
    expect(openSecret(key, 'JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
  });
});
