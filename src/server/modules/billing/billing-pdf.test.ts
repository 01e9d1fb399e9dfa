import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { readPdfText, readPdfWords } from '../../../../test/helpers/pdf-text.js';
import type { ClientBlock, ProviderBlock } from '../../../shared/schemas/billing-snapshots.js';
import { BillingPdf, billingPageSizeFor } from './billing-pdf.js';

const provider: ProviderBlock = {
  practiceName: 'Zoë Counselling',
  legalName: 'Zoë Counselling LLC',
  address: '12 Elm Street\nSpringfield, IL 62701',
  phone: '(217) 555-0100',
  taxId: '12-3456789',
  groupNpi: '1234567893',
  clinician: {
    staffId: 's1',
    name: 'Dana Ortiz',
    credentials: 'LCSW',
    npi: '1245319599',
    licenseNumber: 'LC-99',
    licenseState: 'IL',
  },
};

const client: ClientBlock = {
  clientId: 'c1',
  name: 'Łukasz Żółć',
  dateOfBirth: '1990-04-05',
  billingAddress: '5 Oak Road',
  payerName: 'Acme Health',
  memberId: 'M-42',
  diagnoses: [{ pointer: 'A', code: 'F41.1', description: 'Generalized anxiety disorder' }],
};

const columns = [
  { header: 'Date', width: 2 },
  { header: 'Service', width: 5 },
  { header: 'Fee', width: 2, align: 'right' as const },
];

async function sample(rows: number, voided = false): Promise<Uint8Array> {
  const doc = await BillingPdf.create({
    title: 'Invoice INV-7 — Łukasz Żółć',
    author: provider.practiceName,
    issuedOn: '2026-03-02',
    currency: 'USD',
  });
  doc.header('Invoice', provider, [
    ['Invoice number', 'INV-7'],
    ['Issue date', doc.date('2026-03-02')],
  ]);
  doc.parties([{ heading: 'Bill to', client, showDiagnoses: true }]);
  doc.table(
    columns,
    Array.from({ length: rows }, (_, i) => [doc.date('2026-03-02'), `Session ${i + 1}`, doc.money(1_234_56)]),
  );
  doc.totals([{ label: 'Total', value: doc.money(rows * 1_234_56), bold: true }]);
  if (voided) doc.voidMark();
  return doc.save();
}

describe('the billing PDF layout', () => {
  it('prints the provider and client blocks, the facts, the table and the totals, money through Intl', async () => {
    const words = await readPdfWords(await sample(2));
    for (const expected of [
      'Zoë Counselling LLC',
      '12 Elm Street',
      'Tax ID 12-3456789',
      'Group NPI 1234567893',
      'Clinician: Dana Ortiz, LCSW',
      'NPI 1245319599',
      'License LC-99 (IL)',
      'INVOICE',
      'Invoice number INV-7',
      'Issue date Mar 2, 2026',
      'Bill to Łukasz Żółć',
      'Insurance: Acme Health',
      'Member ID M-42',
      'A. F41.1 Generalized anxiety disorder',
      'Date Service Fee',
      'Session 2 $1,234.56',
      'Total $2,469.12',
      'Page 1 of 1',
    ])
      expect(words).toContain(expected);
    expect(words).not.toContain('VOID');
  });

  it('breaks long tables across pages and repeats the header row on each', async () => {
    const pages = await readPdfText(await sample(80));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.replace(/\s+/g, ' ')).toContain('Date Service Fee');
    const all = pages.join(' ').replace(/\s+/g, ' ');
    expect(all).toContain('Session 80');
    expect(all).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it('marks every page of a voided document VOID', async () => {
    const pages = await readPdfText(await sample(80, true));
    for (const page of pages) expect(page).toContain('VOID');
  });

  it('gives the same bytes for the same input, and uses A4 outside the US and Canada', async () => {
    expect(Buffer.from(await sample(3)).equals(Buffer.from(await sample(3)))).toBe(true);
    const [page] = (await PDFDocument.load(await sample(1))).getPages();
    expect(page?.getWidth()).toBe(612);
    expect(billingPageSizeFor('EUR')).toBe('a4');
    expect(billingPageSizeFor('CAD')).toBe('letter');
  });
});
