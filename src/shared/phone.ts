import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Client phone numbers: typed as a person writes them, stored in E.164 (`+16175550142`), shown in
 * the practice's national format. A practice records a time zone but no country, so the region a
 * number without `+` belongs to is derived from the time zone for the common cases, else 'US'.
 */

/** A country whose national numbers a practice writes without `+` (ISO 3166-1 alpha-2). */
export type PhoneRegion = CountryCode;

const regionByZone: Record<string, CountryCode> = {
  'Europe/London': 'GB',
  'Europe/Belfast': 'GB',
  'Europe/Dublin': 'IE',
  'Europe/Paris': 'FR',
  'Europe/Berlin': 'DE',
  'Europe/Madrid': 'ES',
  'Europe/Rome': 'IT',
  'Europe/Amsterdam': 'NL',
  'Europe/Brussels': 'BE',
  'Europe/Zurich': 'CH',
  'Europe/Vienna': 'AT',
  'Europe/Stockholm': 'SE',
  'Europe/Oslo': 'NO',
  'Europe/Copenhagen': 'DK',
  'Europe/Helsinki': 'FI',
  'Europe/Lisbon': 'PT',
  'Europe/Warsaw': 'PL',
  'Atlantic/Canary': 'ES',
  'Atlantic/Madeira': 'PT',
  'Pacific/Auckland': 'NZ',
  'Pacific/Honolulu': 'US',
  'Asia/Kolkata': 'IN',
  'Asia/Calcutta': 'IN',
  'Asia/Singapore': 'SG',
  'Asia/Tokyo': 'JP',
  'Asia/Jerusalem': 'IL',
  'Africa/Johannesburg': 'ZA',
  'America/Toronto': 'CA',
  'America/Vancouver': 'CA',
  'America/Edmonton': 'CA',
  'America/Winnipeg': 'CA',
  'America/Halifax': 'CA',
  'America/St_Johns': 'CA',
  'America/Regina': 'CA',
  'America/Montreal': 'CA',
  'America/Mexico_City': 'MX',
  'America/Sao_Paulo': 'BR',
  'America/Argentina/Buenos_Aires': 'AR',
};

/** The region of national numbers (no `+`) for a practice in this time zone; 'US' when unknown. */
export function phoneRegionForTimeZone(timeZone: string | undefined): CountryCode {
  if (!timeZone) return 'US';
  const region = regionByZone[timeZone];
  if (region) return region;
  if (timeZone.startsWith('Australia/')) return 'AU';
  if (timeZone.startsWith('Canada/')) return 'CA';
  if (timeZone.startsWith('US/')) return 'US';
  return 'US';
}

/** Digits and the punctuation people write around them, an optional extension; no letters. */
const phoneShape = /^\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x)\s*\d{1,6})?$/i;

export const phoneMessage = 'must be a phone number, like (617) 555-0142 or +44 20 7946 0958';

/**
 * Region-free check (what the shared schema can say without knowing the practice): written like a
 * phone number, with 5 to 15 digits, and a valid number when written with its country code.
 */
export function looksLikePhone(input: string): boolean {
  if (!phoneShape.test(input)) return false;
  const digits = input.replace(/\s*(?:ext\.?|x)\s*\d+$/i, '').replace(/\D/g, '').length;
  if (digits < 5 || digits > 15) return false;
  if (input.startsWith('+')) return parsePhoneNumberFromString(input)?.isValid() ?? false;
  return true;
}

/** The E.164 form of a phone typed in a practice of this region, or null when it is not valid there. */
export function toE164(input: string, region: CountryCode): string | null {
  if (!looksLikePhone(input)) return null;
  const parsed = parsePhoneNumberFromString(input, region);
  if (!parsed?.isValid()) return null;
  return parsed.ext ? `${parsed.number};ext=${parsed.ext}` : parsed.number;
}

/**
 * How a stored phone is shown: the practice's national format for its own country, international
 * for another. A value stored before numbers were checked that does not parse is shown as stored.
 */
export function formatPhone(stored: string, region: CountryCode): string {
  const parsed = parsePhoneNumberFromString(stored.replace(';ext=', ' ext. '), region);
  if (!parsed?.isValid()) return stored;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}
