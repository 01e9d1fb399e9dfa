/**
 * The identifiers a practice bills with, checked the same way by the staff app and the server
 * (docs/decisions/039): the NPI (National Provider Identifier), the EIN (federal tax ID) and
 * ICD-10-CM diagnosis codes.
 */

/**
 * An NPI is 10 digits whose last is a Luhn check digit computed over the 9 before it prefixed
 * with 80840 (the card-issuer prefix the NPI standard assigns to US health applications).
 */
export function isValidNpi(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return luhnValid(`80840${value}`);
}

/** The Luhn check: doubling every second digit from the right, the sum is a multiple of 10. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** An EIN written NN-NNNNNNN; nine digits without the hyphen are accepted and written with it. */
export function normalizeEin(value: string): string | null {
  const compact = value.replace(/\s/g, '');
  const match = /^(\d{2})-?(\d{7})$/.exec(compact);
  return match ? `${match[1]}-${match[2]}` : null;
}

/**
 * An ICD-10-CM code: a letter, a digit, a letter or digit (the category), then optionally a dot
 * and one to four letters or digits. Written upper case with the dot after the category (F41.1),
 * however it was typed (f411, F41.1); null when it is not one.
 */
export function normalizeIcd10(value: string): string | null {
  const compact = value.trim().toUpperCase();
  const match = /^([A-Z][0-9][0-9A-Z])(?:\.?([0-9A-Z]{1,4}))?$/.exec(compact);
  if (!match) return null;
  return match[2] ? `${match[1]}.${match[2]}` : (match[1] ?? null);
}

/** A CMS-1500 claim (box 21) carries at most 12 diagnoses, lettered A to L. */
export const maxDiagnoses = 12;

/** US states, DC and territories, by their USPS codes: where a clinician is licensed. */
export const licenseStates = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'DC',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
  'PR',
  'GU',
  'VI',
  'AS',
  'MP',
] as const;
