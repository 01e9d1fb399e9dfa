import { z } from 'zod';
import { idSchema, optionalText } from './common.js';
import { maxFeeMinor } from './billing.js';

/**
 * Payments staff record, their applications to invoices, refunds, and the balance and aging they
 * make (docs/decisions/040). Amounts are integer minor units of the practice's currency.
 */

/** How money reached the practice. `online` is the online payment provider's (issue 21), not staff's. */
export const staffPaymentMethods = ['cash', 'check', 'card', 'insurance'] as const;
export const paymentMethods = [...staffPaymentMethods, 'online'] as const;
export type StaffPaymentMethod = (typeof staffPaymentMethods)[number];
export type PaymentMethodName = (typeof paymentMethods)[number];

/** A positive amount in minor units: a whole number above zero, never a fraction. */
export const positiveMinor = z
  .number({ error: 'must be an amount in minor units (cents)' })
  .int('must be a whole number of minor units (cents)')
  .min(1, 'must be more than zero')
  .max(maxFeeMinor, 'is too large');

const localDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });

export const invoiceAmount = z.strictObject({ invoiceId: idSchema, amountMinor: positiveMinor });

const allocationFields = {
  /** `oldest`: the open invoices by issue date, then number; `chosen`: the invoices listed, with their amounts. */
  allocation: z.enum(['oldest', 'chosen'], { error: 'must be oldest or chosen' }),
  invoices: z
    .array(invoiceAmount)
    .max(200, 'must list at most 200 invoices')
    .default([])
    .refine((list) => new Set(list.map((item) => item.invoiceId)).size === list.length, {
      error: 'must not list an invoice twice',
    }),
};

function chosenNeedInvoices(
  body: { allocation: 'oldest' | 'chosen'; invoices: readonly unknown[] },
  context: z.core.$RefinementCtx,
): void {
  if (body.allocation === 'chosen' && body.invoices.length === 0) {
    context.addIssue({ code: 'custom', path: ['invoices'], message: 'must list at least one invoice' });
  }
  if (body.allocation === 'oldest' && body.invoices.length > 0) {
    context.addIssue({ code: 'custom', path: ['invoices'], message: 'must be empty when applying to the oldest' });
  }
}

export const recordPaymentBody = z
  .strictObject({
    amountMinor: positiveMinor,
    /** The practice's wall-clock date the money was received; not after today in its zone. */
    receivedOn: localDate,
    method: z.enum(staffPaymentMethods, { error: 'must be cash, check, card or insurance' }),
    reference: optionalText(120),
    ...allocationFields,
    /** What is not applied stays as the client's credit only when this says so. */
    keepCreditRemainder: z.boolean().default(false),
  })
  .superRefine(chosenNeedInvoices);
export type RecordPaymentBody = z.infer<typeof recordPaymentBody>;

export const applyCreditBody = z.strictObject(allocationFields).superRefine(chosenNeedInvoices);
export type ApplyCreditBody = z.infer<typeof applyCreditBody>;

export const refundBody = z.strictObject({
  amountMinor: positiveMinor,
  refundedOn: localDate,
  method: z.enum(staffPaymentMethods, { error: 'must be cash, check, card or insurance' }),
  reference: optionalText(120),
});
export type RefundBody = z.infer<typeof refundBody>;

export const clientPaymentParams = z.strictObject({ id: idSchema, paymentId: idSchema });

export const paymentApplication = z.strictObject({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  amountMinor: z.number().int(),
});

export const payment = z.strictObject({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(['payment', 'refund']),
  /** A refund's payment. */
  refundOfPaymentId: z.string().nullable(),
  amountMinor: z.number().int(),
  currency: z.string(),
  receivedOn: z.string(),
  method: z.enum(paymentMethods),
  reference: z.string().nullable(),
  appliedMinor: z.number().int(),
  refundedMinor: z.number().int(),
  /** What of a payment is neither applied nor refunded (0 for a refund). */
  creditMinor: z.number().int(),
  applications: z.array(paymentApplication),
  createdAt: z.string(),
});
export type Payment = z.infer<typeof payment>;

export const clientPayments = z.strictObject({ items: z.array(payment) });
export type ClientPayments = z.infer<typeof clientPayments>;

export const appliedCredit = z.strictObject({ appliedMinor: z.number().int() });

export const agingBuckets = z.strictObject({
  /** 0–30 days past the issue date. */
  currentMinor: z.number().int(),
  days31to60Minor: z.number().int(),
  days61to90Minor: z.number().int(),
  over90Minor: z.number().int(),
});
export type AgingBuckets = z.infer<typeof agingBuckets>;

export const openInvoice = z.strictObject({
  id: z.string(),
  number: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  totalMinor: z.number().int(),
  paidMinor: z.number().int(),
  balanceMinor: z.number().int(),
});
export type OpenInvoice = z.infer<typeof openInvoice>;

export const clientBalance = z.strictObject({
  clientId: z.string(),
  currency: z.string(),
  /** Today in the practice's zone: the day the buckets are counted from. */
  asOf: z.string(),
  /** What the open invoices still owe. */
  openMinor: z.number().int(),
  /** Payments' unapplied rest. */
  creditMinor: z.number().int(),
  /** Open − credit; below zero when credit exceeds what is owed. */
  balanceDueMinor: z.number().int(),
  aging: agingBuckets,
  /** Oldest first (issue date, then number). */
  openInvoices: z.array(openInvoice),
});
export type ClientBalance = z.infer<typeof clientBalance>;

export const agingSorts = ['balance_desc', 'balance_asc', 'name'] as const;
export type AgingSort = (typeof agingSorts)[number];

export const agingQuery = z.strictObject({
  sort: z.enum(agingSorts, { error: 'must be balance_desc, balance_asc or name' }).default('balance_desc'),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000).default(1),
  pageSize: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100).default(25),
});
export type AgingQuery = z.infer<typeof agingQuery>;

export const agingClient = agingBuckets.extend({
  clientId: z.string(),
  name: z.string(),
  openMinor: z.number().int(),
  creditMinor: z.number().int(),
  balanceDueMinor: z.number().int(),
});
export type AgingClient = z.infer<typeof agingClient>;

export const practiceAging = z.strictObject({
  currency: z.string(),
  asOf: z.string(),
  totals: agingBuckets.extend({
    openMinor: z.number().int(),
    creditMinor: z.number().int(),
    balanceDueMinor: z.number().int(),
  }),
  clients: z.array(agingClient),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PracticeAging = z.infer<typeof practiceAging>;
