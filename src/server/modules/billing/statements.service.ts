import type {
  BillingDocumentBody,
  BillingDocumentSummary,
  StatementSnapshot,
} from '../../../shared/schemas/billing-documents.js';
import type { Context } from '../../platform/request-context.js';
import { getClient } from '../clients/index.js';
import { clientBlockNow, effectiveBillingSettings, providerBlockNow } from './billing-blocks.js';
import {
  listInvoicesIssuedIn,
  listPaymentsReceivedIn,
  sumInvoicedBefore,
  sumReceivedBefore,
} from './billing-documents.queries.js';
import { practiceToday } from './billing-dates.js';
import { storeBillingDocument } from './billing-documents.service.js';

/**
 * A statement for the client and range (decision 041), computed from the ledger and stored with
 * its snapshot in one transaction. Its balance is what was invoiced (live invoices, by issue
 * date) less what was received (payments less refunds, by the date received), so the beginning
 * balance counts everything dated before the start and the ending balance everything up to and
 * including the end; a negative balance is the client's credit.
 */
export async function createStatement(
  ctx: Context,
  clientId: string,
  body: BillingDocumentBody,
): Promise<BillingDocumentSummary> {
  return ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    const { periodStart, periodEnd } = body;
    const { currency } = await effectiveBillingSettings(tx);
    const invoicedBefore = await sumInvoicedBefore(tx, clientId, currency, periodStart);
    const receivedBefore = await sumReceivedBefore(tx, clientId, currency, periodStart);
    const invoices = await listInvoicesIssuedIn(tx, clientId, currency, periodStart, periodEnd);
    const payments = await listPaymentsReceivedIn(tx, clientId, currency, periodStart, periodEnd);
    const invoicedMinor = invoices.reduce((sum, invoice) => sum + invoice.total_minor, 0);
    const receivedMinor = payments.reduce(
      (sum, payment) => sum + (payment.kind === 'refund' ? -payment.amount_minor : payment.amount_minor),
      0,
    );
    const beginningBalanceMinor = invoicedBefore - receivedBefore;
    const snapshot: StatementSnapshot = {
      kind: 'statement',
      periodStart,
      periodEnd,
      issuedOn: await practiceToday(tx),
      currency,
      provider: await providerBlockNow(tx, null),
      client: await clientBlockNow(tx, clientId),
      beginningBalanceMinor,
      invoices: invoices.map((invoice) => ({
        number: invoice.number,
        issueDate: invoice.issue_date,
        dueDate: invoice.due_date,
        totalMinor: invoice.total_minor,
      })),
      payments: payments.map((payment) => ({
        receivedOn: payment.received_on,
        kind: payment.kind,
        method: payment.method,
        reference: payment.reference,
        amountMinor: payment.amount_minor,
      })),
      invoicedMinor,
      receivedMinor,
      endingBalanceMinor: beginningBalanceMinor + invoicedMinor - receivedMinor,
    };
    return storeBillingDocument(tx, snapshot);
  });
}
