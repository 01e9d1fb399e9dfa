import { phoneRegionForTimeZone } from '../../../shared/phone.js';
import type { PracticesTable, PracticeBillingSettingsTable } from '../../db/schema.js';

const euro = ['IE', 'FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'AT', 'FI', 'PT'];

const currencyByRegion: Record<string, string> = {
  US: 'USD',
  CA: 'CAD',
  GB: 'GBP',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  NZ: 'NZD',
  AU: 'AUD',
  IN: 'INR',
  SG: 'SGD',
  JP: 'JPY',
  IL: 'ILS',
  ZA: 'ZAR',
  MX: 'MXN',
  BR: 'BRL',
  AR: 'ARS',
  ...Object.fromEntries(euro.map((region) => [region, 'EUR'])),
};

/**
 * The currency a practice bills in until it chooses: its country's, from the region its time zone
 * gives (as phone numbers do), else USD.
 */
export function defaultCurrency(timeZone: string): string {
  return currencyByRegion[phoneRegionForTimeZone(timeZone)] ?? 'USD';
}

/**
 * The billing settings of a practice that saved none: its name, address and phone as on its
 * profile, its country's currency, INV- numbers due in 30 days, one invoice per attended
 * appointment and no fees.
 */
export function defaultBillingSettings(practice: PracticesTable, now: string): PracticeBillingSettingsTable {
  return {
    practice_id: practice.id,
    legal_name: practice.name,
    address: practice.address,
    phone: practice.phone,
    tax_id: null,
    group_npi: null,
    currency: defaultCurrency(practice.time_zone),
    invoice_prefix: 'INV-',
    payment_terms_days: 30,
    invoice_mode: 'per_appointment',
    late_cancel_fee_minor: 0,
    no_show_fee_minor: 0,
    updated_at: now,
  };
}
