import { z } from 'zod';
import { moneyMinor } from './billing.js';
import { billedLine } from './billing-snapshots.js';
import { idSchema, requiredText } from './common.js';

/** Derived, never stored (decision 040): void when voided, paid when paid = total, else open. */
export const invoiceStatuses = ['open', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** An invoice in a client's list (staff's Billing tab and the portal's Billing page). */
export const invoiceSummary = z.strictObject({
  id: z.string(),
  number: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  currency: z.string(),
  totalMinor: z.number().int(),
  paidMinor: z.number().int(),
  /** total − paid; 0 for a void invoice (it is owed by no one). */
  balanceMinor: z.number().int(),
  status: z.enum(invoiceStatuses),
  /** The number of the voided invoice this one replaces. */
  replacesNumber: z.string().nullable(),
  /** The number of the invoice that replaced this voided one. */
  replacedByNumber: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type InvoiceSummary = z.infer<typeof invoiceSummary>;

/** One payment's part applied to an invoice. */
export const invoicePaymentPart = z.strictObject({
  receivedOn: z.string(),
  method: z.string(),
  reference: z.string().nullable(),
  amountMinor: z.number().int(),
});
export type InvoicePaymentPart = z.infer<typeof invoicePaymentPart>;

/** What an attended, no-show or late-cancelled appointment owes. */
export const billableItem = z.strictObject({
  id: z.string(),
  appointmentId: z.string(),
  kind: billedLine.shape.kind,
  dateOfService: z.string(),
  description: z.string(),
  cptCode: z.string().nullable(),
  units: z.number().int(),
  feeMinor: z.number().int(),
  placeOfService: z.string(),
  modifiers: z.string(),
});
export type BillableItem = z.infer<typeof billableItem>;

/**
 * One invoice with its lines as issued, the payments applied to it and the billable items it
 * bills now (none once void: they are unbilled again), which a re-issue starts from.
 */
export const invoiceDetail = z.strictObject({
  invoice: invoiceSummary,
  lines: z.array(billedLine),
  payments: z.array(invoicePaymentPart),
  items: z.array(billableItem),
});
export type InvoiceDetail = z.infer<typeof invoiceDetail>;

/** A client's invoices (newest first) and the items not yet on a live invoice (oldest first). */
export const clientInvoices = z.strictObject({
  clientId: z.string(),
  /** The practice's currency now: what a new invoice will be in. */
  currency: z.string(),
  invoices: z.array(invoiceSummary),
  unbilledItems: z.array(billableItem),
  /** The caller may create, void and re-issue (owners and billers). */
  manageable: z.boolean(),
});
export type ClientInvoices = z.infer<typeof clientInvoices>;

/** An item chosen for an invoice, with the fee it is billed at (staff may correct it first). */
const pickedItem = z.strictObject({ id: idSchema, feeMinor: moneyMinor });

const pickedItems = z
  .array(pickedItem)
  .min(1, 'must name at least one item')
  .max(100, 'must name at most 100 items')
  .superRefine((items, check) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id)) check.addIssue({ code: 'custom', path: [index, 'id'], message: 'is named twice' });
      seen.add(item.id);
    });
  });

export const createInvoiceBody = z.strictObject({ items: pickedItems });
export type CreateInvoiceBody = z.infer<typeof createInvoiceBody>;

export const voidInvoiceBody = z.strictObject({ reason: requiredText(500) });
export type VoidInvoiceBody = z.infer<typeof voidInvoiceBody>;

/** Void and re-issue: the voided invoice's items (and any other unbilled ones), at corrected fees. */
export const reissueInvoiceBody = z.strictObject({ reason: requiredText(500), items: pickedItems });
export type ReissueInvoiceBody = z.infer<typeof reissueInvoiceBody>;

export const billableItemFeeBody = z.strictObject({ feeMinor: moneyMinor });
export type BillableItemFeeBody = z.infer<typeof billableItemFeeBody>;

/** The answer of a create, void or re-issue: the invoice written (the new one of a re-issue). */
export const invoiceChanged = z.strictObject({ invoice: invoiceSummary });
export type InvoiceChanged = z.infer<typeof invoiceChanged>;
