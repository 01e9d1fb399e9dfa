import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { readPdfWords } from '../helpers/pdf-text.js';
import { setUpScheduling } from './support/appointments.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import { pdfFirstPageToPng } from './support/pdf-png.js';
import { billingSettings } from './support/billing.js';
import { expect, practiceNamed, screenshotBoth, settle, staffDevice, test } from './support/portal.js';

/**
 * Invoices (issue 20, items 4 and 8): appointments marked attended on the calendar become
 * invoices — one each in per-appointment mode, chosen by hand (with a corrected fee) in manual
 * mode; the PDF says what was billed; Void and re-issue corrects one, and the voided invoice's PDF
 * still downloads, marked VOID.
 */

const birch = practiceNamed('Birch Counselling', 'birch-invoices');

/** Today's date in the practice's zone (New York), as the calendar and the invoice date it. */
function todayInNewYork(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
}

async function markAttended(page: Page, name: RegExp, client: string): Promise<void> {
  await page.goto('/calendar');
  await page.getByRole('button', { name }).click();
  const details = page.getByRole('dialog', { name: client });
  await details.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Attended' }).click();
  await expect(details.getByText('Attended', { exact: true }).first()).toBeVisible();
  await details.getByRole('button', { name: 'Done' }).click();
  await expect(details).toBeHidden();
}

async function pdfOf(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

test('attended appointments become invoices; a corrected invoice is voided and re-issued, and its PDF still says VOID', async ({
  browser,
  server,
}) => {
  const owner = await staffDevice(browser, server, birch);
  const { page, api } = owner;
  const world = await setUpScheduling(api);
  await api.put('/settings/billing', billingSettings({ invoicePrefix: 'BIR-', invoiceMode: 'per_appointment' }));
  const ada = await api.createClient({
    firstName: 'Ada',
    lastName: 'Lovelace',
    emails: [{ address: 'ada@example.test' }],
  });
  await api.put(`/clients/${ada.id}/billing`, {
    diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
    payerName: 'Blue Harbor Health',
    memberId: 'BHH-4471902',
    billingAddress: '12 Wharf Road\nSalem, MA 01970',
  });
  const today = todayInNewYork();
  for (const time of ['09:00', '11:00'])
    await api.post('/appointments', {
      clientId: ada.id,
      serviceId: world.service.id,
      clinicianId: world.ownerId,
      locationId: world.location.id,
      date: today,
      time,
      videoLink: null,
    });
  const printedToday = new Date(`${today}T12:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });

  // Per appointment: marking the 9:00 session attended issues its invoice.
  await markAttended(page, /9:00 AM–9:50 AM, Ada Lovelace/, 'Ada Lovelace');
  await page.goto(`/clients/${ada.id}/billing`);
  const invoices = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Balance' }) });
  await expect(invoices.getByRole('row')).toHaveCount(2);
  const first = invoices.getByRole('row', { name: /^BIR-0001\b/ });
  await expect(first).toContainText('$150.00');
  await expect(first).toContainText('Open');
  await expect(page.getByText('Nothing to invoice.')).toBeVisible();

  // Manual mode: the 11:00 session waits among the items; its fee corrected, then Create invoice.
  await api.put('/settings/billing', billingSettings({ invoicePrefix: 'BIR-', invoiceMode: 'manual' }));
  await markAttended(page, /11:00 AM–11:50 AM, Ada Lovelace/, 'Ada Lovelace');
  await page.goto(`/clients/${ada.id}/billing`);
  const item = page.getByRole('checkbox', { name: /Individual therapy/ });
  await expect(item).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create invoice' })).toBeDisabled();
  const fee = page.getByRole('textbox', { name: /^Fee for Individual therapy/ });
  await expect(fee).toHaveValue('150.00');
  await fee.fill('12O');
  await item.check();
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await expect(fee).toHaveAttribute('aria-invalid', 'true');
  await fee.fill('120');
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await expect(page.getByText('Invoice BIR-0002 created.')).toBeVisible();
  const second = invoices.getByRole('row', { name: /^BIR-0002\b/ });
  await expect(second).toContainText('$120.00');
  await expect(page.getByText('Nothing to invoice.')).toBeVisible();

  // Its PDF: the number, the line, the total and the balance.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    second.getByRole('link', { name: 'Download BIR-0002' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Invoice BIR-0002.pdf');
  const secondPdf = await pdfOf(download);
  const words = await readPdfWords(secondPdf);
  for (const expected of [
    'Invoice number BIR-0002',
    `Issue date ${printedToday}`,
    'Bill to Ada Lovelace',
    'Member ID BHH-4471902',
    'Date of service Service CPT code Units Fee',
    `${printedToday} Individual therapy 90834 1 $120.00`,
    'Total $120.00',
    'Paid $0.00',
    'Balance due $120.00',
  ])
    expect(words).toContain(expected);
  expect(words).not.toContain('VOID');
  await pdfFirstPageToPng(secondPdf, 'invoice-pdf-page-1');

  // Void and re-issue BIR-0001 at a sliding-scale fee: BIR-0003 replaces it.
  await first.getByRole('button', { name: 'Void and re-issue BIR-0001' }).click();
  const dialog = page.getByRole('dialog', { name: 'Void and re-issue BIR-0001' });
  await expect(dialog.getByRole('checkbox', { name: /Individual therapy/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Void and re-issue' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Reason' })).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Sliding scale agreed');
  await dialog.getByRole('textbox', { name: /^Fee for Individual therapy/ }).fill('130');
  await settle(page);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Void and re-issue' }).click();
  await expect(dialog).toBeHidden();
  const third = invoices.getByRole('row', { name: /^BIR-0003\b/ });
  await expect(third).toContainText('Replaces BIR-0001');
  await expect(third).toContainText('$130.00');
  await expect(first).toContainText('Void');
  await expect(first).toContainText('Replaced by BIR-0003');
  await expect(first.getByRole('button', { name: 'Void BIR-0001' })).toHaveCount(0);

  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'billing-invoices', screenshot);

  // The voided invoice's PDF still downloads, marked VOID with its reason.
  const [voidedDownload] = await Promise.all([
    page.waitForEvent('download'),
    first.getByRole('link', { name: 'Download BIR-0001' }).click(),
  ]);
  const voidedPdf = await pdfOf(voidedDownload);
  const voidedWords = await readPdfWords(voidedPdf);
  expect(voidedWords).toContain('VOID');
  expect(voidedWords).toContain('Reason: Sliding scale agreed');
  expect(voidedWords).toContain('Replaced by invoice BIR-0003');
  expect(voidedWords).toContain('Total $150.00');
  await pdfFirstPageToPng(voidedPdf, 'invoice-void-pdf-page-1');

  // On a phone, the same actions as cards.
  await page.setViewportSize({ width: 390, height: 844 });
  const card = page
    .getByText('BIR-0003', { exact: true })
    .locator('xpath=ancestor::div[contains(@class,"mantine-Paper-root")][1]');
  await expect(card.getByRole('link', { name: 'Download BIR-0003' })).toBeVisible();
  await settle(page);
  await expectAccessible(page);
});
