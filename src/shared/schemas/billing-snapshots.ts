import { z } from 'zod';

/**
 * What an issued billing document copies at the moment it is issued (decision 040), so editing
 * Settings → Billing, a clinician's identity or a client's Billing tab later never changes it.
 * Invoices, statements and superbills each keep one of these inside their own snapshot.
 */

/** The practice and the rendering clinician: CMS-1500 boxes 25 (tax ID), 31 (signature), 32–33. */
export const providerBlock = z.strictObject({
  practiceName: z.string(),
  /** The legal name from Settings → Billing, else the practice's name. */
  legalName: z.string(),
  address: z.string().nullable(),
  /** As the practice writes it (national format in its own region). */
  phone: z.string().nullable(),
  taxId: z.string().nullable(),
  groupNpi: z.string().nullable(),
  clinician: z
    .strictObject({
      staffId: z.string(),
      name: z.string(),
      credentials: z.string().nullable(),
      npi: z.string().nullable(),
      licenseNumber: z.string().nullable(),
      licenseState: z.string().nullable(),
    })
    .nullable(),
});
export type ProviderBlock = z.infer<typeof providerBlock>;

/** The client as billed: CMS-1500 boxes 1a (member ID), 2, 3 (date of birth), 5 and 21. */
export const clientBlock = z.strictObject({
  clientId: z.string(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  billingAddress: z.string().nullable(),
  payerName: z.string().nullable(),
  memberId: z.string().nullable(),
  /** In order; the first is pointer A. */
  diagnoses: z.array(z.strictObject({ pointer: z.string(), code: z.string(), description: z.string() })),
});
export type ClientBlock = z.infer<typeof clientBlock>;

/** A line as billed: CMS-1500 24A (date), 24B (place of service), 24D (CPT and modifiers), 24F–G. */
export const billedLine = z.strictObject({
  dateOfService: z.string(),
  kind: z.enum(['service', 'late_cancel', 'no_show']),
  description: z.string(),
  cptCode: z.string().nullable(),
  modifiers: z.string(),
  placeOfService: z.string(),
  units: z.number().int(),
  /** The line's charge, minor units. */
  feeMinor: z.number().int(),
  clinicianId: z.string().nullable(),
});
export type BilledLine = z.infer<typeof billedLine>;

/** An invoice as issued; its PDF is rendered from this and the payments applied to it. */
export const invoiceSnapshot = z.strictObject({
  number: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  currency: z.string(),
  provider: providerBlock,
  client: clientBlock,
  lines: z.array(billedLine),
  totalMinor: z.number().int(),
  /** The number of the voided invoice this one replaces. */
  replacesNumber: z.string().nullable(),
});
export type InvoiceSnapshot = z.infer<typeof invoiceSnapshot>;
