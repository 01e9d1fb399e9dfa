import { z } from 'zod';
import { clientBlock, providerBlock } from './billing-snapshots.js';

/**
 * Statements and superbills as issued (decisions 040 and 041): the snapshot stored with each row
 * of `billing_documents`, which its PDF is rendered from, so re-downloading it years later gives
 * the same document whatever changed in the ledger or the settings since.
 */

export const billingDocumentKinds = ['statement', 'superbill'] as const;
export type BillingDocumentKindName = (typeof billingDocumentKinds)[number];

/** A statement: what the client owed at the start of the range, what was invoiced and paid in it. */
export const statementSnapshot = z.strictObject({
  kind: z.literal('statement'),
  periodStart: z.string(),
  periodEnd: z.string(),
  /** The practice's wall-clock date it was issued. */
  issuedOn: z.string(),
  currency: z.string(),
  provider: providerBlock,
  client: clientBlock,
  /** Owed at the start of the range (negative: a credit). */
  beginningBalanceMinor: z.number().int(),
  invoices: z.array(
    z.strictObject({
      number: z.string(),
      issueDate: z.string(),
      dueDate: z.string(),
      totalMinor: z.number().int(),
    }),
  ),
  /** Money received (payments) and returned (refunds) in the range, by date. */
  payments: z.array(
    z.strictObject({
      receivedOn: z.string(),
      kind: z.enum(['payment', 'refund']),
      method: z.string(),
      reference: z.string().nullable(),
      amountMinor: z.number().int(),
    }),
  ),
  invoicedMinor: z.number().int(),
  /** Payments less refunds in the range. */
  receivedMinor: z.number().int(),
  /** Owed at the end of the range (negative: a credit). */
  endingBalanceMinor: z.number().int(),
});
export type StatementSnapshot = z.infer<typeof statementSnapshot>;

/** A line of a superbill: CMS-1500 24A–J and what the client paid of it. */
export const superbillLine = z.strictObject({
  /** 24A. */
  dateOfService: z.string(),
  /** 24B: 11 office, 02 or 10 telehealth. */
  placeOfService: z.string(),
  /** 24D. */
  cptCode: z.string(),
  modifiers: z.string(),
  description: z.string(),
  /** 24E: letters of box 21, primary first ("ABCD"); empty when the client has no diagnoses. */
  diagnosisPointer: z.string(),
  /** 24F, minor units. */
  chargeMinor: z.number().int(),
  /** 24G. */
  units: z.number().int(),
  /** 24J: the rendering clinician's NPI. */
  renderingNpi: z.string().nullable(),
  renderingName: z.string().nullable(),
  /** This line's share of what its invoice has been paid (allocated in date order, decision 041). */
  paidMinor: z.number().int(),
  invoiceNumber: z.string(),
});
export type SuperbillLine = z.infer<typeof superbillLine>;

export const superbillSnapshot = z.strictObject({
  kind: z.literal('superbill'),
  periodStart: z.string(),
  periodEnd: z.string(),
  issuedOn: z.string(),
  currency: z.string(),
  /** The practice as billing provider (25, 32, 33) and the clinician who signs (31). */
  provider: providerBlock,
  /** Every clinician who rendered a line, the signing one first. */
  renderingClinicians: z.array(providerBlock.shape.clinician.unwrap()),
  client: clientBlock,
  lines: z.array(superbillLine),
  /** Box 28. */
  totalChargeMinor: z.number().int(),
  /** Box 29. */
  totalPaidMinor: z.number().int(),
  /** Box 31: who signs (the clinician, else the practice's legal name) and the date. */
  signature: z.strictObject({ name: z.string(), date: z.string() }),
});
export type SuperbillSnapshot = z.infer<typeof superbillSnapshot>;

export const billingDocumentSnapshot = z.discriminatedUnion('kind', [statementSnapshot, superbillSnapshot]);
export type BillingDocumentSnapshot = z.infer<typeof billingDocumentSnapshot>;

/** A day in the practice's time zone. */
const periodDay = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const isDay = (value: unknown): value is string => periodDay.safeParse(value).success;

/**
 * The longest range one document covers. A statement's beginning balance already carries all
 * that came before, and insurers refuse claims older than their filing limit (12 to 18 months
 * for most), so a longer superbill helps nobody; the bound keeps one document's lines, its
 * snapshot and the work of its transaction small.
 */
export const maxPeriodMonths = 24;

/** The first day after `start` plus the allowed months, as YYYY-MM-DD (calendar arithmetic). */
export function periodLimit(start: string): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + maxPeriodMonths, d));
  return date.toISOString().slice(0, 10);
}

export const billingDocumentBody = z
  .strictObject({ periodStart: periodDay, periodEnd: periodDay })
  .superRefine((body, ctx) => {
    // Zod still refines when a date was refused; its own issue names the field then.
    if (!isDay(body.periodStart) || !isDay(body.periodEnd)) return;
    if (body.periodEnd < body.periodStart) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must be on or after the start date' });
    } else if (body.periodEnd >= periodLimit(body.periodStart)) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodEnd'],
        message: `must be less than ${maxPeriodMonths} months after the start date`,
      });
    }
  });
export type BillingDocumentBody = z.infer<typeof billingDocumentBody>;

/** A statement or superbill in a client's list. */
export const billingDocumentSummary = z.strictObject({
  id: z.string(),
  kind: z.enum(billingDocumentKinds),
  periodStart: z.string(),
  periodEnd: z.string(),
  currency: z.string(),
  /** A statement's ending balance; a superbill's total charge. */
  totalMinor: z.number().int(),
  createdAt: z.string(),
});
export type BillingDocumentSummary = z.infer<typeof billingDocumentSummary>;
