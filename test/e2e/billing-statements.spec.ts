import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createClinicianBilling } from '../factories/billing.js';
import { billedLineOf, createInvoice, createPayment } from '../factories/invoices.js';
import { readPdfWords } from '../helpers/pdf-text.js';
import { withServerDeps } from './support/billing.js';
import { expectAccessible } from './support/fixtures.js';
import { pdfFirstPageToPng } from './support/pdf-png.js';
import { desktop, expect, phone, practiceNamed, settle, staffDevice, test } from './support/portal.js';
import { snap } from './support/staff.js';

/**
 * Statements and superbills (issue 20, items 6–8): from a February of invoices and payments, the
 * owner creates a statement and a superbill on the client's Billing tab (a backwards range is
 * refused beside its field), downloads each, and the PDFs hold the right figures and provider
 * fields; the first page of each is saved as a PNG to look at.
 */

const juniper = practiceNamed('Juniper Therapy', 'juniper-statements');

interface Client {
  id: string;
}

/** Downloads the document of the list row whose period is given; its PDF's bytes. */
async function download(page: Page, section: string, period: string): Promise<Buffer> {
  const list = page.getByRole('region', { name: section });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    list.getByRole('link', { name: new RegExp(`^Download .*${period}`) }).click(),
  ]);
  const saved = await file.path();
  return readFileSync(saved);
}

test('the owner creates a statement and a superbill for February and downloads both', async ({ browser, server }) => {
  const owner = await staffDevice(browser, server, juniper);
  await owner.api.put('/settings/billing', {
    legalName: 'Juniper Therapy PLLC',
    address: '9 Juniper Way\nPortland, ME 04101',
    phone: '(207) 555-0199',
    taxId: '12-3456789',
    groupNpi: '1245319599',
    currency: 'USD',
    invoicePrefix: 'JUN-',
    paymentTermsDays: 30,
    invoiceMode: 'manual',
    lateCancelFeeMinor: 0,
    noShowFeeMinor: 0,
  });
  const ada = await owner.api.post<Client>('/clients', {
    firstName: 'Ada',
    lastName: 'Lovelace',
    preferredName: null,
    dateOfBirth: '1988-06-14',
    emails: [{ address: 'ada@example.test', type: 'home', emailOk: true, isPrimary: true }],
  });
  await owner.api.put(`/clients/${ada.id}/billing`, {
    diagnoses: [
      { code: 'F41.1', description: 'Generalized anxiety disorder' },
      { code: 'Z63.0', description: 'Relationship distress with spouse' },
    ],
    payerName: 'Blue Harbor Health',
    memberId: 'BHH-4471902',
    billingAddress: '12 Wharf Road\nSalem, MA 01970',
  });

  // February's ledger, written as the invoices and payments pieces would have.
  await withServerDeps(server, async (deps) => {
    const { id: practiceId } = await deps.db
      .selectFrom('practices')
      .select('id')
      .where('slug', '=', juniper.slug)
      .executeTakeFirstOrThrow();
    const { id: ownerId } = await deps.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', juniper.ownerEmail)
      .executeTakeFirstOrThrow();
    await createClinicianBilling(deps, practiceId, ownerId, {
      credentials: 'LICSW',
      licenseNumber: 'LC-55120',
      licenseState: 'ME',
    });
    const line = (dateOfService: string, more: Parameters<typeof billedLineOf>[0] = {}) =>
      billedLineOf({ dateOfService, clinicianId: ownerId, ...more });
    const january = await createInvoice(deps, practiceId, ada.id, {
      issueDate: '2026-01-20',
      lines: [line('2026-01-20')],
    });
    await createPayment(deps, practiceId, ada.id, {
      amountMinor: 15_000,
      receivedOn: '2026-01-25',
      applications: [{ invoiceId: january.id, amountMinor: 15_000 }],
    });
    const early = await createInvoice(deps, practiceId, ada.id, {
      issueDate: '2026-02-06',
      lines: [
        line('2026-02-03'),
        line('2026-02-05', { cptCode: '90837', feeMinor: 18_000, placeOfService: '10', modifiers: '95' }),
      ],
    });
    await createPayment(deps, practiceId, ada.id, {
      amountMinor: 20_000,
      receivedOn: '2026-02-10',
      method: 'card',
      reference: 'VISA 4242',
      applications: [{ invoiceId: early.id, amountMinor: 20_000 }],
    });
    await createInvoice(deps, practiceId, ada.id, { issueDate: '2026-02-27', lines: [line('2026-02-24')] });
    await createInvoice(deps, practiceId, ada.id, {
      issueDate: '2026-02-12',
      lines: [line('2026-02-12', { feeMinor: 99_900 })],
      voidedAt: '2026-02-13T10:00:00.000Z',
    });
  });

  const { page } = owner;
  await page.goto(`/clients/${ada.id}/billing`);
  await expect(page.getByRole('heading', { name: 'Billing', level: 2 })).toBeVisible();
  const statements = page.getByRole('region', { name: 'Statements' });
  await expect(statements.getByText('No statements yet.')).toBeVisible();

  // A statement for February, the end first typed before the start.
  await statements.getByRole('button', { name: 'Create statement' }).click();
  let dialog = page.getByRole('dialog', { name: 'Create statement' });
  await dialog.getByLabel('From').fill('2026-02-01');
  await dialog.getByLabel('To').fill('2026-01-31');
  await dialog.getByRole('button', { name: 'Create statement' }).click();
  await expect(dialog.getByLabel('To')).toHaveAccessibleDescription('Must be on or after the start date');
  await settle(page);
  await expectAccessible(page);
  await dialog.getByLabel('To').fill('2026-02-28');
  await dialog.getByRole('button', { name: 'Create statement' }).click();
  await expect(dialog).toBeHidden();
  await expect(statements.getByRole('listitem')).toHaveCount(1);
  await expect(statements.getByRole('listitem')).toContainText('Feb 1, 2026 – Feb 28, 2026');
  await expect(statements.getByRole('listitem')).toContainText('Ending balance $280.00');

  const statementPdf = await download(page, 'Statements', 'Feb 1, 2026');
  const statementWords = await readPdfWords(statementPdf);
  for (const text of [
    'STATEMENT',
    'Juniper Therapy PLLC',
    'Tax ID 12-3456789',
    'Group NPI 1245319599',
    'Ada Lovelace',
    'Beginning balance on Feb 1, 2026 $0.00',
    'Invoiced in the period $480.00',
    'Payments less refunds -$200.00',
    'Ending balance on Feb 28, 2026 $280.00',
    'VISA 4242',
  ])
    expect(statementWords).toContain(text);
  expect(statementWords).not.toContain('$999.00');
  await pdfFirstPageToPng(statementPdf, 'billing-statement-pdf-page-1');

  // A superbill for the same month.
  const superbills = page.getByRole('region', { name: 'Superbills' });
  await superbills.getByRole('button', { name: 'Create superbill' }).click();
  dialog = page.getByRole('dialog', { name: 'Create superbill' });
  await dialog.getByLabel('From').fill('2026-02-01');
  await dialog.getByLabel('To').fill('2026-02-28');
  await dialog.getByRole('button', { name: 'Create superbill' }).click();
  await expect(dialog).toBeHidden();
  await expect(superbills.getByRole('listitem')).toContainText('Total charge $480.00');
  const superbillPdf = await download(page, 'Superbills', 'Feb 1, 2026');
  const superbillWords = await readPdfWords(superbillPdf);
  for (const text of [
    'SUPERBILL',
    'Juniper Therapy PLLC',
    '9 Juniper Way',
    'Tax ID 12-3456789',
    'Group NPI 1245319599',
    `Clinician: ${juniper.ownerName}, LICSW`,
    'NPI 1234567893',
    'License LC-55120 (ME)',
    'Date of birth Jun 14, 1988',
    'Member ID BHH-4471902',
    'A F41.1 Generalized anxiety disorder',
    'B Z63.0',
    'Feb 3, 2026 11 90834',
    'Feb 5, 2026 10 90837 95',
    'Total charge (28) $480.00',
    'Amount paid (29) $200.00',
  ])
    expect(superbillWords).toContain(text);
  await pdfFirstPageToPng(superbillPdf, 'billing-superbill-pdf-page-1');

  await settle(page);
  await expectAccessible(page);
  await page.setViewportSize(desktop);
  await snap(page, 'billing-documents-desktop');
  await page.setViewportSize(phone);
  await snap(page, 'billing-documents-phone');
  await expectAccessible(page);
});
