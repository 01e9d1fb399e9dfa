import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../../src/server/db/database.js';
import { loadConfig } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/deps.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { InProcessEventBus } from '../../src/server/platform/live-events.js';
import { openFileStore } from '../../src/server/platform/open-file-store.js';
import { createBillingDocument } from '../factories/billing-documents.js';
import { billedLineOf, createInvoice } from '../factories/invoices.js';
import { readPdfWords } from '../helpers/pdf-text.js';
import { requestSettings } from './support/appointments.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import type { Portico } from './support/portico.js';
import {
  expect,
  phone,
  practiceNamed,
  practiceWithSignedInClient,
  screenshotBoth,
  settle,
  test,
} from './support/portal.js';

const willow = practiceNamed('Willow Street Therapy', 'willow-street');
const person = { firstName: 'Amara', lastName: 'Okonkwo-Lindqvist', address: 'amara.okonkwo@example.test' };

/** The server's own database and files, as the factories take them (to write what staff would have issued). */
async function withServerDeps<T>(server: Portico, work: (deps: AppDeps) => Promise<T>): Promise<T> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: path.dirname(server.databasePath),
    SESSION_SECRET: 'e2e-secret-that-is-at-least-32-characters',
    PUBLIC_URL: server.url,
  });
  const database = openDatabase(server.databasePath);
  const deps: AppDeps = {
    config,
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    files: openFileStore(config.files),
    live: new InProcessEventBus(),
  };
  try {
    return await work(deps);
  } finally {
    await database.close();
  }
}

async function practiceIdOf(deps: AppDeps, slug: string): Promise<string> {
  const row = await deps.db.selectFrom('practices').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

/** The staff Billing tab's figure under a label of the client's balance ("Balance due" → "$225.50"). */
function staffFigure(page: Page, label: string) {
  return page
    .getByRole('group', { name: 'Client balance' })
    .locator('div', { has: page.getByText(label, { exact: true }) })
    .last();
}

const portalNav = (page: Page) => page.getByRole('navigation', { name: 'Client Portal' });
const balanceCard = (page: Page) => page.getByRole('region', { name: 'Balance due' });

test('a client sees the balance due on Home and Billing, and a recorded payment changes it', async ({
  browser,
  server,
}) => {
  const { staff, client, clientPage: page } = await practiceWithSignedInClient(browser, server, willow, person);
  // Every section of the portal on, so the phone's header holds all five.
  await staff.api.put('/settings/appointment-requests', requestSettings);
  await staff.api.savePermissions(client.id, { appointments: true, messaging: true, billing: true, pay: false });
  await withServerDeps(server, async (deps) => {
    const practiceId = await practiceIdOf(deps, willow.slug);
    await createInvoice(deps, practiceId, client.id, {
      number: 'INV-0001',
      issueDate: '2026-02-02',
      voidedAt: '2026-02-03T15:00:00.000Z',
    });
    await createInvoice(deps, practiceId, client.id, {
      number: 'INV-0002',
      issueDate: '2026-03-09',
      lines: [
        billedLineOf({ dateOfService: '2026-03-02', description: 'Individual therapy', feeMinor: 15_000 }),
        billedLineOf({
          dateOfService: '2026-03-09',
          kind: 'late_cancel',
          description: 'Late cancellation',
          cptCode: null,
          feeMinor: 7_550,
        }),
      ],
    });
  });

  await withServerDeps(server, async (deps) => {
    await createBillingDocument(deps, await practiceIdOf(deps, willow.slug), client.id, 'statement');
  });

  // Home shows the balance due, and the way to Billing.
  await page.reload();
  const tile = page.getByRole('region', { name: 'Billing' });
  await expect(tile.getByText('Balance due $225.50')).toBeVisible();
  await expect(portalNav(page).getByRole('link', { name: 'Billing' })).toBeVisible();
  await tile.getByRole('link', { name: 'Open billing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  await expect(balanceCard(page).getByText('$225.50')).toBeVisible();

  const invoices = page.getByRole('region', { name: 'Invoices' });
  const open = invoices.getByRole('article', { name: 'Invoice INV-0002' });
  await expect(open.getByText('Open', { exact: true })).toBeVisible();
  await expect(open.getByText('Issued Mar 9, 2026 · Due Apr 8, 2026')).toBeVisible();
  await expect(open.getByText('Replaces invoice')).toHaveCount(0);
  const voided = invoices.getByRole('article', { name: 'Invoice INV-0001' });
  await expect(voided.getByText('Void', { exact: true })).toBeVisible();
  await expect(voided.getByText('Replaced by invoice')).toHaveCount(0);
  await expect(page.getByText('No payments recorded yet.')).toBeVisible();
  const statement = page.getByRole('region', { name: 'Statements and superbills' });
  const [statementPdf] = await Promise.all([
    page.waitForEvent('download'),
    statement.getByRole('link', { name: 'Download Statement, Mar 1, 2026 – Mar 31, 2026' }).click(),
  ]);
  expect(statementPdf.suggestedFilename()).toMatch(/^Statement 2026-03-01 to 2026-03-31/);
  await settle(page);
  await expectAccessible(page);

  // The practice records a payment of $100 by check in the client's Billing tab; its balance changes there.
  const desk = staff.page;
  await desk.goto(`/clients/${client.id}/billing`);
  await expect(staffFigure(desk, 'Balance due')).toContainText('$225.50');
  await desk.getByRole('button', { name: 'Record payment' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Record payment' });
  await dialog.getByLabel('Amount', { exact: true }).fill('100');
  await dialog.getByLabel('Method').selectOption({ label: 'Check' });
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(staffFigure(desk, 'Balance due')).toContainText('$125.50');

  // And in the portal, with the payment dated today in the practice's zone.
  const todayShown = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(new Date());
  await page.reload();
  await expect(balanceCard(page).getByText('$125.50')).toBeVisible();
  await expect(open.getByText('$100.00')).toBeVisible();
  const payments = page.getByRole('region', { name: 'Payment history' });
  await expect(payments.getByText(todayShown)).toBeVisible();
  await expect(payments.getByText('Payment · Check')).toBeVisible();
  await expect(payments.getByText('$100.00')).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'portal-billing', screenshot);

  // The client downloads the invoice: its PDF says what the page says.
  const [invoicePdf] = await Promise.all([
    page.waitForEvent('download'),
    open.getByRole('link', { name: 'Download invoice INV-0002' }).click(),
  ]);
  expect(invoicePdf.suggestedFilename()).toBe('Invoice INV-0002.pdf');
  const words = await readPdfWords(await readFile(await invoicePdf.path()));
  for (const expected of ['Invoice number INV-0002', 'Total $225.50', 'Paid $100.00', 'Balance due $125.50'])
    expect(words).toContain(expected);
  expect(words).toMatch(/Individual therapy [^$]*\$150\.00/);
  expect(words).toMatch(/Late cancellation [^$]*\$75\.50/);
  expect(words).not.toContain('VOID');
  // The voided one still downloads, from the keyboard, marked VOID.
  await voided.getByRole('link', { name: 'Download invoice INV-0001' }).focus();
  const [voidedPdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(voidedPdf.suggestedFilename()).toBe('Invoice INV-0001.pdf');
  const voidedWords = await readPdfWords(await readFile(await voidedPdf.path()));
  expect(voidedWords).toContain('Invoice number INV-0001');
  expect(voidedWords).toContain('VOID');

  await page.setViewportSize(phone);
  await portalNav(page).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('region', { name: 'Billing' }).getByText('Balance due $125.50')).toBeVisible();
  await settle(page);
  await screenshot(page, 'portal-billing-home-phone');

  // With Access billing documents off: no Billing in the portal, and its API refuses.
  await staff.api.savePermissions(client.id, { appointments: false, messaging: true, billing: false, pay: false });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeVisible();
  await expect(portalNav(page).getByRole('link', { name: 'Billing' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Billing' })).toHaveCount(0);
  await page.goto(`/portal/${willow.slug}/billing`);
  await expect(page.getByText('Billing is not available in your Client Portal.')).toBeVisible();
  await expect(page.getByText('INV-0002')).toHaveCount(0);
  const refused = await page.request.get(`/api/portal/${willow.slug}/billing`);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { reason: 'billing_off' } });
});
