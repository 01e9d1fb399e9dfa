import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The words a phone number is found by, as migration 026 derived them, copied here from the
 * clients module when it was written (a migration must mean the same thing whatever the
 * application's search later becomes): every tail of the number's digits, and the digits of its
 * national form (with a trunk prefix such as the 0 of "020 7946 0958"). No extension.
 */
export function phoneSearchWords(phone: string | null): string[] {
  if (!phone) return [];
  const number = phone.split(';')[0] ?? '';
  const digits = number.replace(/\D/g, '');
  const words = new Set<string>();
  for (let start = 0; start < digits.length; start++) words.add(digits.slice(start));
  const parsed = number.startsWith('+') ? parsePhoneNumberFromString(number) : undefined;
  if (parsed?.isValid()) {
    const national = parsed.formatNational().replace(/\D/g, '');
    if (national) words.add(national);
  }
  return [...words];
}
