import type { PortalInvoice } from '../../../shared/schemas/portal-billing.js';
import type { InvoiceStatus } from '../../../shared/schemas/invoices.js';
import type { InvoicesTable } from '../../db/schema.js';

/** What an invoice's summary is made of, for staff and for the portal alike. */
export type InvoiceFiguresRow = Pick<
  InvoicesTable,
  'id' | 'number' | 'issue_date' | 'due_date' | 'currency' | 'total_minor' | 'paid_minor' | 'voided_at'
> & { replaces_number: string | null; replaced_by_number: string | null };

export function invoiceStatus(row: Pick<InvoicesTable, 'voided_at' | 'paid_minor' | 'total_minor'>): InvoiceStatus {
  if (row.voided_at !== null) return 'void';
  return row.paid_minor >= row.total_minor ? 'paid' : 'open';
}

/** An invoice's numbers, dates, status and correction chain; a void invoice has nothing left to pay. */
export function invoiceFigures(row: InvoiceFiguresRow): PortalInvoice {
  const status = invoiceStatus(row);
  return {
    id: row.id,
    number: row.number,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    currency: row.currency,
    totalMinor: row.total_minor,
    paidMinor: row.paid_minor,
    balanceMinor: status === 'void' ? 0 : row.total_minor - row.paid_minor,
    status,
    replacesNumber: row.replaces_number,
    replacedByNumber: row.replaced_by_number,
  };
}
