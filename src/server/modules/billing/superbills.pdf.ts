import type { SuperbillSnapshot } from '../../../shared/schemas/billing-documents.js';
import { BillingPdf } from './billing-pdf.js';

/**
 * A superbill's PDF, rendered only from its stored snapshot (decision 041): the fields of CMS-1500
 * boxes 21 (diagnoses), 24A–J (lines), 25 (tax ID), 28–29 (totals) and 31–33 (signature, service
 * facility, billing provider), so the client can file it with their insurer.
 */
export async function renderSuperbillPdf(s: SuperbillSnapshot): Promise<Uint8Array> {
  const doc = await BillingPdf.create({
    title: `Superbill ${s.periodStart} to ${s.periodEnd} — ${s.client.name}`,
    author: s.provider.legalName,
    issuedOn: s.issuedOn,
    currency: s.currency,
  });
  doc.header('Superbill', s.provider, [
    ['Date', doc.date(s.issuedOn)],
    ['Services from', doc.date(s.periodStart)],
    ['Services to', doc.date(s.periodEnd)],
  ]);
  const others = s.renderingClinicians.filter((c) => c.staffId !== s.provider.clinician?.staffId);
  for (const other of others) {
    const name = other.credentials ? `${other.name}, ${other.credentials}` : other.name;
    const license = other.licenseNumber
      ? `, license ${other.licenseNumber}${other.licenseState ? ` (${other.licenseState})` : ''}`
      : '';
    doc.text(`Also rendering: ${name}, NPI ${other.npi ?? 'none'}${license}`, { muted: true, size: 8.5 });
  }
  if (others.length > 0) doc.gap(8);
  doc.parties([{ heading: 'Patient', client: s.client }]);

  doc.heading('Diagnoses (ICD-10-CM, box 21)');
  if (s.client.diagnoses.length === 0) doc.text('No diagnoses recorded.', { muted: true });
  else
    doc.table(
      [
        { header: 'Pointer', width: 1 },
        { header: 'Code', width: 1.5 },
        { header: 'Description', width: 8 },
      ],
      s.client.diagnoses.map((d) => [d.pointer, d.code, d.description]),
    );

  doc.heading('Services (box 24)');
  if (s.lines.length === 0) doc.text('No services in this period.', { muted: true });
  else
    doc.table(
      [
        { header: 'Date (A)', width: 2.1 },
        { header: 'POS (B)', width: 1.2 },
        { header: 'CPT, modifier (D)', width: 3 },
        { header: 'Pointer (E)', width: 1.5 },
        { header: 'Charge (F)', width: 1.9, align: 'right' },
        { header: 'Units (G)', width: 1.3, align: 'right' },
        { header: 'Rendering NPI (J)', width: 2.3 },
        { header: 'Paid', width: 1.8, align: 'right' },
      ],
      s.lines.map((line) => [
        doc.date(line.dateOfService),
        line.placeOfService,
        [line.cptCode, line.modifiers].filter(Boolean).join(' ') + ` ${line.description}`,
        line.diagnosisPointer,
        doc.money(line.chargeMinor),
        String(line.units),
        line.renderingNpi ?? '',
        doc.money(line.paidMinor),
      ]),
    );
  doc.totals([
    { label: 'Total charge (28)', value: doc.money(s.totalChargeMinor) },
    { label: 'Amount paid (29)', value: doc.money(s.totalPaidMinor) },
    { label: 'Balance', value: doc.money(s.totalChargeMinor - s.totalPaidMinor), bold: true },
  ]);
  doc.text('Place of service: 11 office, 02 or 10 telehealth; modifier 95 marks a telehealth service.', {
    muted: true,
    size: 8,
  });

  doc.keepTogether(100);
  doc.gap(28);
  doc.text('Signature of physician or supplier (box 31)', { muted: true, size: 8 });
  doc.gap(26);
  doc.text('____________________________________________');
  doc.text(s.signature.name, { bold: true });
  doc.text(`Date ${doc.date(s.signature.date)}`);
  return doc.save();
}
