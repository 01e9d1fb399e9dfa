import { describe, expect, it } from 'vitest';
import { isValidNpi, normalizeEin, normalizeIcd10 } from './billing-identifiers.js';

describe('NPI', () => {
  it('accepts NPIs whose check digit passes Luhn over the 80840 prefix', () => {
    // 1234567893 is CMS's worked example; the others are real published NPIs' form.
    for (const npi of ['1234567893', '1245319599', '1003000126', '1538144910']) expect(isValidNpi(npi), npi).toBe(true);
  });

  it('refuses a wrong check digit, a wrong length and anything but digits', () => {
    for (const npi of ['1234567890', '1234567894', '123456789', '12345678933', '12345678a3', ' 1234567893', ''])
      expect(isValidNpi(npi), npi).toBe(false);
  });
});

describe('EIN', () => {
  it('writes nine digits as NN-NNNNNNN and keeps the written form', () => {
    expect(normalizeEin('12-3456789')).toBe('12-3456789');
    expect(normalizeEin('123456789')).toBe('12-3456789');
  });

  it('refuses other shapes', () => {
    for (const ein of ['1-23456789', '12-345678', '12-34567890', 'AB-3456789', '123-456789']) {
      expect(normalizeEin(ein), ein).toBeNull();
    }
  });
});

describe('ICD-10-CM', () => {
  it('writes a code upper case with its dot after the category', () => {
    expect(normalizeIcd10('F41.1')).toBe('F41.1');
    expect(normalizeIcd10('f411')).toBe('F41.1');
    expect(normalizeIcd10('F32')).toBe('F32');
    expect(normalizeIcd10('S72.001A')).toBe('S72.001A');
    expect(normalizeIcd10('Z63.0')).toBe('Z63.0');
    expect(normalizeIcd10(' f43.10 ')).toBe('F43.10');
  });

  it('refuses what is not a code', () => {
    for (const code of ['41.1', 'FF1.1', 'F4', 'F41.', 'F41.12345', 'F41-1', 'F41..1', '']) {
      expect(normalizeIcd10(code), code).toBeNull();
    }
  });
});
