import { z } from 'zod';
import { isValidNpi, licenseStates, maxDiagnoses, normalizeEin, normalizeIcd10 } from '../billing-identifiers.js';
import { isKnownCurrency } from '../money.js';
import { looksLikePhone, phoneMessage } from '../phone.js';
import { optionalText, requiredText } from './common.js';

/** Invoices made per attended appointment by Portico, or grouped by hand by staff. */
export const invoiceModes = ['per_appointment', 'manual'] as const;
export type InvoiceMode = (typeof invoiceModes)[number];

/** The largest fee Portico takes, in minor units (1,000,000.00 in a two-decimal currency). */
export const maxFeeMinor = 100_000_000;

/** An amount in the currency's minor units: a non-negative whole number, never a fraction. */
export const moneyMinor = z
  .number({ error: 'must be an amount in minor units (cents)' })
  .int('must be a whole number of minor units (cents)')
  .min(0, 'must not be negative')
  .max(maxFeeMinor, 'is too large');

export const npiMessage = 'is not a valid NPI: it must be 10 digits and pass the NPI check digit (Luhn)';

/** An NPI, or nothing (empty becomes null). */
export const npiSchema = optionalText(20).refine((value) => value === null || isValidNpi(value), { error: npiMessage });

export const einSchema = optionalText(20).pipe(
  z
    .string()
    .nullable()
    .transform((value, ctx) => {
      if (value === null) return null;
      const ein = normalizeEin(value);
      if (ein === null) {
        ctx.addIssue({ code: 'custom', message: 'must be an EIN written NN-NNNNNNN' });
        return z.NEVER;
      }
      return ein;
    }),
);

export const currencySchema = z
  .string({ error: 'must be a currency code such as USD' })
  .trim()
  .toUpperCase()
  .refine(isKnownCurrency, { error: 'must be an ISO 4217 currency code such as USD' });

/** Settings → Billing: the practice as it bills. */
export const billingSettings = z.strictObject({
  legalName: z.string().nullable(),
  address: z.string().nullable(),
  /** E.164, or null. */
  phone: z.string().nullable(),
  /** As the practice writes it (national format). */
  phoneDisplay: z.string().nullable(),
  taxId: z.string().nullable(),
  groupNpi: z.string().nullable(),
  currency: z.string(),
  invoicePrefix: z.string(),
  paymentTermsDays: z.number().int(),
  invoiceMode: z.enum(invoiceModes),
  lateCancelFeeMinor: z.number().int(),
  noShowFeeMinor: z.number().int(),
  /** False while the practice has saved nothing: the values are the defaults. */
  saved: z.boolean(),
});
export type BillingSettings = z.infer<typeof billingSettings>;

export const billingSettingsBody = z.strictObject({
  legalName: optionalText(200),
  address: optionalText(400),
  phone: optionalText(40).refine((value) => value === null || looksLikePhone(value), phoneMessage),
  taxId: einSchema,
  groupNpi: npiSchema,
  currency: currencySchema,
  invoicePrefix: z
    .string({ error: 'must be text' })
    .trim()
    .max(12, 'must be at most 12 characters')
    .regex(/^[A-Za-z0-9-]*$/, 'may hold only letters, digits and hyphens'),
  paymentTermsDays: z
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must not be negative')
    .max(365, 'must be at most 365 days'),
  invoiceMode: z.enum(invoiceModes, { error: 'must be per_appointment or manual' }),
  lateCancelFeeMinor: moneyMinor,
  noShowFeeMinor: moneyMinor,
});
export type BillingSettingsBody = z.infer<typeof billingSettingsBody>;

/** A clinician's billing identity, as a superbill's provider block names them. */
export const clinicianBilling = z.strictObject({
  staffId: z.string(),
  name: z.string(),
  credentials: z.string().nullable(),
  npi: z.string().nullable(),
  licenseNumber: z.string().nullable(),
  licenseState: z.string().nullable(),
});
export type ClinicianBilling = z.infer<typeof clinicianBilling>;

export const clinicianBillingBody = z.strictObject({
  credentials: optionalText(40),
  npi: npiSchema,
  licenseNumber: optionalText(40),
  licenseState: optionalText(2).pipe(z.enum(licenseStates, { error: 'must be a US state code such as CA' }).nullable()),
});
export type ClinicianBillingBody = z.infer<typeof clinicianBillingBody>;

export const billingSetup = z.strictObject({
  settings: billingSettings,
  /** The practice's active clinicians (team members with the clinician role), by name. */
  clinicians: z.array(clinicianBilling),
});
export type BillingSetup = z.infer<typeof billingSetup>;

export const icd10Message = 'must be an ICD-10-CM code such as F41.1';

export const diagnosis = z.strictObject({ code: z.string(), description: z.string() });
export type Diagnosis = z.infer<typeof diagnosis>;

export const diagnosisInput = z.strictObject({
  code: z
    .string({ error: icd10Message })
    .max(10, icd10Message)
    .transform((value, ctx) => {
      const code = normalizeIcd10(value);
      if (code === null) {
        ctx.addIssue({ code: 'custom', message: icd10Message });
        return z.NEVER;
      }
      return code;
    }),
  description: requiredText(200),
});

/** The client's Billing tab. */
export const clientBilling = z.strictObject({
  clientId: z.string(),
  /** In order: the first is the primary diagnosis (pointer A on a superbill). */
  diagnoses: z.array(diagnosis),
  payerName: z.string().nullable(),
  memberId: z.string().nullable(),
  billingAddress: z.string().nullable(),
  /** Whether the caller may change it (owners and billers). */
  editable: z.boolean(),
});
export type ClientBilling = z.infer<typeof clientBilling>;

export const clientBillingBody = z.strictObject({
  diagnoses: z
    .array(diagnosisInput)
    .max(maxDiagnoses, `must list at most ${maxDiagnoses} diagnoses (a CMS-1500 claim holds 12)`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((item, index) => {
        if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: 'is listed twice' });
        seen.add(item.code);
      });
    }),
  payerName: optionalText(120),
  memberId: optionalText(60),
  billingAddress: optionalText(400),
});
export type ClientBillingBody = z.infer<typeof clientBillingBody>;
