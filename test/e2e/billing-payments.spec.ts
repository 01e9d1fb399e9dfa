import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { openDatabase } from '../../src/server/db/database.js';
import type { AppDeps } from '../../src/server/platform/deps.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { createInvoice } from '../factories/invoices.js';
import { expectAccessible } from './support/fixtures.js';
import type { Portico } from './support/portico.js';
import { expect, practiceNamed, screenshotBoth, settle, staffDevice, test, viewportShot } from './support/portal.js';
import { snap } from './support/staff.js';

/**
 * Payments on a client's Billing tab (issue 20, item 5): the owner records a check applied to the
 * oldest open invoices and the balance and aging change; the practice's aging lists the client;
 * a payment larger than what is open is refused until the rest may stay as credit; the credit is
 * refunded.
 */

const birch = practiceNamed('Birch Counselling', 'birch-payments');

/** Issues invoices straight into the server's database, as the invoices flow leaves them. */
async function issueInvoices(
  server: Portico,
  slug: string,
  invoices: { clientId: string; number: string; daysAgo: number; feeMinor: number }[],
): Promise<void> {
  const database = openDatabase(server.databasePath);
  try {
    const practice = await database.db
      .selectFrom('practices')
      .select(['id', 'time_zone'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    // The factory needs a database and a clock of the server's kind; nothing here sends or stores files.
    const deps = { db: database.db, dialect: database.dialect, clock: systemClock } as unknown as AppDeps;
    const today = DateTime.now().setZone(practice.time_zone);
    for (const invoice of invoices) {
      const issueDate = today.minus({ days: invoice.daysAgo }).toISODate() ?? '';
      await createInvoice(deps, practice.id, invoice.clientId, {
        number: invoice.number,
        issueDate,
        lines: [
          {
            dateOfService: issueDate,
            kind: 'service',
            description: 'Individual therapy',
            cptCode: '90834',
            modifiers: '',
            placeOfService: '11',
            units: 1,
            feeMinor: invoice.feeMinor,
            clinicianId: null,
          },
        ],
      });
    }
  } finally {
    await database.close();
  }
}

/** The figure under a label in a balance summary ("Balance due" → "$270.00"). */
function figure(page: Page, group: string, label: string) {
  return page
    .getByRole('group', { name: group })
    .locator('div', { has: page.getByText(label, { exact: true }) })
    .last();
}

test('a recorded payment changes the balance; an overpayment becomes credit, which is refunded; the aging lists the client', async ({
  browser,
  server,
}) => {
  const owner = await staffDevice(browser, server, birch);
  const ada = await owner.api.createClient({ firstName: 'Ada', lastName: 'Lovelace', emails: [] });
  const grace = await owner.api.createClient({ firstName: 'Grace', lastName: 'Hopper', emails: [] });
  await issueInvoices(server, birch.slug, [
    { clientId: ada.id, number: 'INV-0001', daysAgo: 45, feeMinor: 15_000 },
    { clientId: ada.id, number: 'INV-0002', daysAgo: 5, feeMinor: 12_000 },
    { clientId: grace.id, number: 'INV-0003', daysAgo: 100, feeMinor: 9_000 },
  ]);
  const { page } = owner;

  await page.goto(`/clients/${ada.id}/billing`);
  await expect(page.getByRole('heading', { name: 'Balance', level: 3 })).toBeVisible();
  await expect(figure(page, 'Client balance', 'Balance due')).toContainText('$270.00');
  await expect(figure(page, 'Client balance', '31–60 days')).toContainText('$150.00');
  await expect(figure(page, 'Client balance', 'Current (0–30 days)')).toContainText('$120.00');
  await expect(page.getByText('No payments recorded.')).toBeVisible();

  // A check of $200, applied to the oldest open invoices: INV-0001 paid in full, $50 on INV-0002.
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record payment' });
  await dialog.getByLabel('Amount', { exact: true }).fill('200');
  await expect(dialog.getByText('Recorded as $200.00')).toBeVisible();
  await dialog.getByLabel('Method').selectOption({ label: 'Check' });
  await expect(dialog.getByLabel('Method').locator('option')).toHaveText([
    'Cash',
    'Check',
    'Card (outside Portico)',
    'Insurance',
  ]);
  await dialog.getByLabel('Reference (optional)').fill('Check 1042');
  await expect(dialog.getByRole('radio', { name: 'Oldest open invoices first' })).toBeChecked();
  await settle(page);
  await expectAccessible(page);
  await viewportShot(page, 'billing-payments-record-dialog-desktop');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();

  await expect(figure(page, 'Client balance', 'Balance due')).toContainText('$70.00');
  await expect(figure(page, 'Client balance', '31–60 days')).toContainText('$0.00');
  await expect(figure(page, 'Client balance', 'Current (0–30 days)')).toContainText('$70.00');
  const payments = page.getByRole('table', { name: 'Payments' });
  await expect(payments.getByRole('row').nth(1)).toContainText('Check 1042');
  await expect(payments.getByRole('row').nth(1)).toContainText('INV-0001 $150.00, INV-0002 $50.00');
  // INV-0001 is paid: no longer open, INV-0002 owes the rest.
  const balance = (await (await owner.api.request.get(`/api/clients/${ada.id}/balance`)).json()) as {
    openInvoices: { number: string; balanceMinor: number }[];
  };
  expect(balance.openInvoices).toEqual([expect.objectContaining({ number: 'INV-0002', balanceMinor: 7_000 })]);
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'billing-payments-tab', snap);

  // The practice's aging: Billing in the main navigation, both clients, Grace's invoice 90+ days old.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click();
  await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
  await expect(figure(page, 'Practice totals', 'Balance due')).toContainText('$160.00');
  await expect(figure(page, 'Practice totals', '90+ days')).toContainText('$90.00');
  const aging = page.getByRole('table', { name: /Clients with a balance/ });
  await expect(aging.getByRole('row').nth(1)).toContainText('Grace Hopper');
  await expect(aging.getByRole('row').nth(2)).toContainText('Ada Lovelace');
  await expect(aging.getByRole('row').nth(2)).toContainText('$70.00');
  await page.getByLabel('Sort by').selectOption({ label: 'Smallest balance first' });
  await expect(aging.getByRole('row').nth(1)).toContainText('Ada Lovelace');
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'billing-payments-aging', snap);

  // Back to Ada from the aging. $100 cash is more than the $70 open: refused until the rest may stay as credit.
  await aging.getByRole('link', { name: 'Ada Lovelace' }).click();
  await expect(figure(page, 'Client balance', 'Balance due')).toContainText('$70.00');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await dialog.getByLabel('Amount', { exact: true }).fill('100');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog.getByLabel('Amount', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/Is \$30\.00 more than the open invoices owe/)).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Keep what is left as credit' }).check();
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(figure(page, 'Client balance', 'Credit')).toContainText('$30.00');
  await expect(figure(page, 'Client balance', 'Balance due')).toContainText('-$30.00');
  await expect(payments.getByRole('row').nth(1)).toContainText('INV-0002 $70.00, Credit $30.00');

  // The credit is refunded by card: a refund row, no credit left.
  await payments
    .getByRole('row')
    .nth(1)
    .getByRole('button', { name: /^Refund/ })
    .click();
  const refund = page.getByRole('dialog', { name: 'Refund' });
  await expect(refund.getByLabel('Amount', { exact: true })).toHaveValue('30.00');
  await refund.getByLabel('Amount', { exact: true }).fill('45');
  await refund.getByLabel('Method').selectOption({ label: 'Card (outside Portico)' });
  await refund.getByRole('button', { name: 'Record refund' }).click();
  await expect(refund.getByText(/Is more than the payment's credit \(\$30\.00\)/)).toBeVisible();
  await refund.getByLabel('Amount', { exact: true }).fill('30');
  await refund.getByRole('button', { name: 'Record refund' }).click();
  await expect(refund).toBeHidden();
  await expect(figure(page, 'Client balance', 'Credit')).toContainText('$0.00');
  await expect(figure(page, 'Client balance', 'Balance due')).toContainText('$0.00');
  await expect(payments.getByRole('row').nth(1)).toContainText('Refund');
  await expect(payments.getByRole('row').nth(1)).toContainText('−$30.00');
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'billing-payments-refunded', snap);
});
