import { describe, expect, it } from 'vitest';
import { formatMoney, isKnownCurrency, minorDigits, minorToDecimal, parseMoney } from './money.js';

describe('money in minor units', () => {
  it('reads typed amounts as whole minor units by the currency’s digits', () => {
    expect(parseMoney('150', 'USD')).toEqual({ ok: true, minor: 15000 });
    expect(parseMoney('150.5', 'USD')).toEqual({ ok: true, minor: 15050 });
    expect(parseMoney('$1,250.05', 'USD')).toEqual({ ok: true, minor: 125005 });
    expect(parseMoney('0.10', 'USD')).toEqual({ ok: true, minor: 10 });
    expect(parseMoney('.5', 'EUR')).toEqual({ ok: true, minor: 50 });
    expect(parseMoney('3000', 'JPY')).toEqual({ ok: true, minor: 3000 });
    expect(parseMoney('1.234', 'BHD')).toEqual({ ok: true, minor: 1234 });
  });

  it('refuses negative, fractional-cent and non-numbers', () => {
    expect(parseMoney('-5', 'USD')).toEqual({ ok: false, message: 'must not be negative' });
    expect(parseMoney('1.005', 'USD')).toEqual({ ok: false, message: 'must have at most 2 decimals' });
    expect(parseMoney('10.5', 'JPY')).toMatchObject({ ok: false });
    expect(parseMoney('ten', 'USD')).toMatchObject({ ok: false });
    expect(parseMoney('', 'USD')).toEqual({ ok: false, message: 'is required' });
  });

  it('writes minor units back as exact decimals and formats them with Intl', () => {
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(15000, 'USD')).toBe('150.00');
    expect(minorToDecimal(3000, 'JPY')).toBe('3000');
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney(123456789, 'USD', 'en-US')).toBe('$1,234,567.89');
    expect(formatMoney(4500, 'EUR', 'de-DE')).toBe('45,00\u00a0€');
    // Past a double's exact range of cents a float would round: the decimal string does not.
    expect(formatMoney(900719925474099, 'USD', 'en-US')).toBe('$9,007,199,254,740.99');
  });

  it('knows ISO 4217 codes', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('usd')).toBe(false);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });
});
