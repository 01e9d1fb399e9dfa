import type { StatementSnapshot } from '../../../shared/schemas/billing-documents.js';
import { BillingPdf } from './billing-pdf.js';

const methodNames: Record<string, string> = {
  cash: 'Cash',
  check: 'Check',
  card: 'Card',
  insurance: 'Insurance',
  online: 'Online',
};

/** A statement's PDF, rendered only from its stored snapshot (decision 041). */
export async function renderStatementPdf(s: StatementSnapshot): Promise<Uint8Array> {
  const doc = await BillingPdf.create({
    title: `Statement ${s.periodStart} to ${s.periodEnd} — ${s.client.name}`,
    author: s.provider.legalName,
    issuedOn: s.issuedOn,
    currency: s.currency,
  });
  doc.header('Statement', s.provider, [
    ['Statement date', doc.date(s.issuedOn)],
    ['Period', `${doc.date(s.periodStart)} – ${doc.date(s.periodEnd)}`],
  ]);
  doc.parties([{ heading: 'Statement for', client: s.client }]);

  doc.heading('Summary');
  doc.totals([
    { label: `Beginning balance on ${doc.date(s.periodStart)}`, value: doc.money(s.beginningBalanceMinor) },
    { label: 'Invoiced in the period', value: doc.money(s.invoicedMinor) },
    { label: 'Payments less refunds', value: doc.money(-s.receivedMinor) },
    {
      label:
        s.endingBalanceMinor < 0 ? `Credit on ${doc.date(s.periodEnd)}` : `Ending balance on ${doc.date(s.periodEnd)}`,
      value: doc.money(Math.abs(s.endingBalanceMinor)),
      bold: true,
    },
  ]);

  doc.heading('Invoices');
  if (s.invoices.length === 0) doc.text('No invoices in this period.', { muted: true });
  else
    doc.table(
      [
        { header: 'Date', width: 2 },
        { header: 'Invoice', width: 3 },
        { header: 'Due', width: 2 },
        { header: 'Amount', width: 2, align: 'right' },
      ],
      s.invoices.map((invoice) => [
        doc.date(invoice.issueDate),
        invoice.number,
        doc.date(invoice.dueDate),
        doc.money(invoice.totalMinor),
      ]),
    );

  doc.heading('Payments and refunds');
  if (s.payments.length === 0) doc.text('No payments in this period.', { muted: true });
  else
    doc.table(
      [
        { header: 'Date', width: 2 },
        { header: 'Kind', width: 2 },
        { header: 'Method', width: 2 },
        { header: 'Reference', width: 3 },
        { header: 'Amount', width: 2, align: 'right' },
      ],
      s.payments.map((payment) => [
        doc.date(payment.receivedOn),
        payment.kind === 'refund' ? 'Refund' : 'Payment',
        methodNames[payment.method] ?? payment.method,
        payment.reference ?? '',
        doc.money(payment.kind === 'refund' ? payment.amountMinor : -payment.amountMinor),
      ]),
    );
  doc.text('Payments reduce the balance (shown negative); refunds raise it.', { muted: true, size: 8 });
  return doc.save();
}
