import { z } from 'zod';
import { idSchema } from './common.js';
import { portalSlugParams } from './portal.js';

/**
 * The client's Billing in the Client Portal (issue 20): what they owe, their invoices, statements
 * and superbills to download, and the payments the practice recorded. Amounts are integer minor
 * units of each row's currency (decision 040); dates are the practice's wall-clock dates.
 */

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * What the client owes in one currency: the open invoices' balances less the credit of their
 * payments not applied to any invoice (decision 040). `dueMinor` is never below zero: credit left
 * over once every open balance is counted is `creditMinor`.
 */
export const portalBalance = z.strictObject({
  currency: z.string(),
  dueMinor: z.number().int().nonnegative(),
  creditMinor: z.number().int().nonnegative(),
});
export type PortalBalance = z.infer<typeof portalBalance>;

/** One balance per currency the client was billed in; the practice's currency at zero when none. */
export const portalBalances = z.strictObject({ balances: z.array(portalBalance).min(1) });
export type PortalBalances = z.infer<typeof portalBalances>;

export const portalInvoiceStatus = z.enum(['open', 'paid', 'void']);
export type PortalInvoiceStatus = z.infer<typeof portalInvoiceStatus>;

export const portalInvoice = z.strictObject({
  id: idSchema,
  number: z.string(),
  issueDate: calendarDate,
  dueDate: calendarDate,
  currency: z.string(),
  totalMinor: z.number().int(),
  paidMinor: z.number().int(),
  /** What is left to pay: total − paid; zero once void. */
  balanceMinor: z.number().int(),
  status: portalInvoiceStatus,
  /** The number of the void invoice this one corrects. */
  replacesNumber: z.string().nullable(),
  /** Of a void invoice: the number of the invoice that corrected it. */
  replacedByNumber: z.string().nullable(),
});
export type PortalInvoice = z.infer<typeof portalInvoice>;

export const portalBillingDocument = z.strictObject({
  id: idSchema,
  kind: z.enum(['statement', 'superbill']),
  periodStart: calendarDate,
  periodEnd: calendarDate,
  createdAt: z.string(),
});
export type PortalBillingDocument = z.infer<typeof portalBillingDocument>;

export const portalPayment = z.strictObject({
  id: idSchema,
  /** A refund returns part of an earlier payment. */
  kind: z.enum(['payment', 'refund']),
  receivedOn: calendarDate,
  method: z.enum(['cash', 'check', 'card', 'insurance', 'online']),
  currency: z.string(),
  amountMinor: z.number().int(),
});
export type PortalPayment = z.infer<typeof portalPayment>;

/** The whole Billing page: newest first in each list. */
export const portalBilling = portalBalances.extend({
  invoices: z.array(portalInvoice),
  documents: z.array(portalBillingDocument),
  payments: z.array(portalPayment),
});
export type PortalBilling = z.infer<typeof portalBilling>;

export const portalInvoiceParams = portalSlugParams.extend({ invoiceId: idSchema });
export const portalBillingDocumentParams = portalSlugParams.extend({ documentId: idSchema });
