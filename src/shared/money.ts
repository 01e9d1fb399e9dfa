/**
 * Money is an integer count of the currency's minor units (cents for USD, yen for JPY) everywhere
 * in Portico: stored, sent and summed as integers, never as floating point. These helpers turn the
 * text a person types into minor units and minor units into text, both with string arithmetic, and
 * format through Intl.NumberFormat with a decimal string (never a float).
 */

/** The ISO 4217 codes this runtime can format (Intl's list), upper case. */
export function knownCurrencies(): readonly string[] {
  return Intl.supportedValuesOf('currency');
}

export function isKnownCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies().includes(code);
}

/** How many minor-unit digits the currency has: 2 for USD and EUR, 0 for JPY, 3 for BHD. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 15000 in USD → "150.00"; 1500 in JPY → "1500". A plain decimal string, for inputs and Intl. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** 15000 in USD for en-US → "$150.00"; the locale decides separators and symbol placement. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // A decimal string keeps every digit exact (Intl.NumberFormat takes strings as exact decimals).
  return format.format(minorToDecimal(minor, currency) as unknown as number);
}

export type ParsedMoney = { ok: true; minor: number } | { ok: false; message: string };

/**
 * "150", "150.5", "1,250.00" or "$150.00" → minor units, by the currency's digits. Refuses
 * negative amounts, more decimals than the currency has and anything that is not a number.
 */
export function parseMoney(text: string, currency: string): ParsedMoney {
  const cleaned = text.replace(/[\s,']/g, '').replace(/^[^\d.-]+/, '');
  if (cleaned === '') return { ok: false, message: 'is required' };
  if (cleaned.startsWith('-')) return { ok: false, message: 'must not be negative' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === '' && (match[2] ?? '') === ''))
    return { ok: false, message: 'must be an amount such as 25.00' };
  const digits = minorDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0
          ? `must be a whole amount (${currency} has no minor unit)`
          : `must have at most ${digits} decimals`,
    };
  }
  const minorText = `${match[1] ?? ''}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const minor = Number(minorText);
  if (!Number.isSafeInteger(minor)) return { ok: false, message: 'is too large' };
  return { ok: true, minor };
}
