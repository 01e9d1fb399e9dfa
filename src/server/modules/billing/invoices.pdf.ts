import type { InvoiceSnapshot } from '../../../shared/schemas/billing-snapshots.js';
import type { InvoicePaymentPart } from '../../../shared/schemas/invoices.js';
import { BillingPdf } from './billing-pdf.js';

/** What an invoice's PDF prints beside its snapshot: rows written after it was issued, never edited. */
export interface InvoiceAfterIssue {
  /** The payments applied to it, in the order received. */
  payments: InvoicePaymentPart[];
  paidMinor: number;
  /** Its void: the practice's date and the reason, or null while it stands. */
  voided: { on: string; reason: string } | null;
  /** The invoice that replaced this voided one. */
  replacedByNumber: string | null;
}

const methodNames: Record<string, string> = {
  cash: 'Cash',
  check: 'Check',
  card: 'Card',
  insurance: 'Insurance',
  online: 'Online',
};

/**
 * The invoice as a PDF: number, issue and due dates, the provider and client blocks, its lines
 * (date of service, service, CPT code, units, fee), total, paid and balance, the payments applied,
 * "Replaces …" on a re-issue, and VOID across a voided one. Rendered from the stored snapshot
 * only, so downloading it years later gives the same document.
 */
export async function renderInvoicePdf(snapshot: InvoiceSnapshot, after: InvoiceAfterIssue): Promise<Uint8Array> {
  const doc = await BillingPdf.create({
    title: `Invoice ${snapshot.number} — ${snapshot.client.name}`,
    author: snapshot.provider.practiceName,
    issuedOn: snapshot.issueDate,
    currency: snapshot.currency,
  });
  const facts: [string, string][] = [
    ['Invoice number', snapshot.number],
    ['Issue date', doc.date(snapshot.issueDate)],
    ['Due date', doc.date(snapshot.dueDate)],
  ];
  if (snapshot.replacesNumber) facts.push(['Replaces', snapshot.replacesNumber]);
  doc.header('Invoice', snapshot.provider, facts);

  if (after.voided) {
    doc.text(`VOID — voided on ${doc.date(after.voided.on)}. Reason: ${after.voided.reason}`, { bold: true });
    if (after.replacedByNumber) doc.text(`Replaced by invoice ${after.replacedByNumber}.`);
    doc.gap(8);
  }
  if (snapshot.replacesNumber) {
    doc.text(`Replaces ${snapshot.replacesNumber}, which was voided.`, { muted: true });
    doc.gap(6);
  }

  doc.parties([{ heading: 'Bill to', client: snapshot.client, showDiagnoses: snapshot.client.diagnoses.length > 0 }]);

  doc.table(
    [
      { header: 'Date of service', width: 2.2 },
      { header: 'Service', width: 5 },
      { header: 'CPT code', width: 1.8 },
      { header: 'Units', width: 1, align: 'right' },
      { header: 'Fee', width: 2, align: 'right' },
    ],
    snapshot.lines.map((line) => [
      doc.date(line.dateOfService),
      line.description,
      [line.cptCode, line.modifiers].filter((part) => part !== null && part !== '').join(' ') || '—',
      String(line.units),
      doc.money(line.feeMinor),
    ]),
  );

  const balance = after.voided ? 0 : snapshot.totalMinor - after.paidMinor;
  doc.totals([
    { label: 'Total', value: doc.money(snapshot.totalMinor) },
    { label: 'Paid', value: doc.money(after.paidMinor) },
    { label: after.voided ? 'Balance (void)' : 'Balance due', value: doc.money(balance), bold: true },
  ]);

  if (after.payments.length > 0) {
    doc.heading('Payments');
    doc.table(
      [
        { header: 'Received', width: 2.2 },
        { header: 'Method', width: 2 },
        { header: 'Reference', width: 5.8 },
        { header: 'Amount applied', width: 2, align: 'right' },
      ],
      after.payments.map((p) => [
        doc.date(p.receivedOn),
        methodNames[p.method] ?? p.method,
        p.reference ?? '',
        doc.money(p.amountMinor),
      ]),
    );
  }

  if (after.voided) doc.voidMark();
  return doc.save();
}
