import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  desktop,
  expect,
  phone,
  practiceNamed,
  practiceWithSignedInClient,
  settle,
  test,
  type StaffApi,
} from './support/portal.js';
import { chooseOption, uniqueTag } from './support/staff.js';

/** Today in the practice's time zone (the practices here are in New York), as YYYY-MM-DD. */
function todayInNewYork(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
}

/** The entries of the desktop table (header row left out). */
function tableRows(page: Page) {
  return page
    .getByRole('region', { name: 'Audit log entries' })
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') });
}

/** A page is usable at its width when nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function practiceWithActivity(
  browser: Parameters<typeof practiceWithSignedInClient>[0],
  server: Parameters<typeof practiceWithSignedInClient>[1],
) {
  const tag = uniqueTag();
  const practice = practiceNamed(`Juniper Therapy ${tag}`, `juniper-${tag}`);
  const world = await practiceWithSignedInClient(browser, server, practice, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    address: `ada.${tag}@example.com`,
  });
  const grace = await world.staff.api.createClient({
    firstName: 'Grace',
    lastName: 'Hopper',
    emails: [{ address: `grace.${tag}@example.com` }],
  });
  return { ...world, practice, grace };
}

/** Opens a client's record through the API n times: each opening is audited as a view. */
async function view(api: StaffApi, clientId: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await api.get(`/clients/${clientId}`);
}

test('the audit log names clients and staff, filters, exports CSV and fits a phone', async ({ browser, server }) => {
  const { staff, client: ada, grace, practice } = await practiceWithActivity(browser, server);
  const page = staff.page;
  await view(staff.api, grace.id, 2);

  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const rows = tableRows(page);
  // The client who signed in is named (and linked), not "Client"; no row says "View client".
  const signedIn = rows.filter({ hasText: 'Signed in to the portal' });
  await expect(signedIn).toHaveCount(1);
  await expect(signedIn.getByRole('link', { name: 'Ada Lovelace' })).toHaveCount(2); // who acted, and whom it concerns
  await expect(page.getByText('View client')).toHaveCount(0);
  // A staff member's view names them and the client viewed, linked to the profile.
  const viewed = rows.filter({ hasText: 'Viewed client' }).first();
  await expect(viewed).toContainText(practice.ownerName);
  await expect(viewed.getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute('href', `/clients/${grace.id}`);
  await expectAccessible(page);
  await screenshot(page, 'audit-log-desktop');

  // Kind of action: only sign-ins, and the filter is in the address.
  await chooseOption(page, 'Kind of action', 'Sign-in');
  await expect(page).toHaveURL(/kind=sign_in/);
  await expect(rows.filter({ hasText: 'Viewed client' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Signed in to the portal' })).toHaveCount(1);

  // Client: Grace's rows only (her creation and the views), whatever the kind was.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/kind=/);
  const clientBox = page.getByRole('combobox', { name: 'Client' });
  await clientBox.click();
  await clientBox.fill('Grace');
  await page.getByRole('option', { name: 'Grace Hopper' }).click();
  await expect(page).toHaveURL(new RegExp(`clientId=${grace.id}`));
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Viewed client' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Created client' })).toHaveCount(1);
  for (const row of await rows.all()) await expect(row.getByRole('link', { name: 'Grace Hopper' })).toBeVisible();

  // Staff member and days: the owner, today in the practice's time zone, and nothing tomorrow.
  await chooseOption(page, 'Staff member', practice.ownerName);
  await expect(page).toHaveURL(/staffId=/);
  await expect(rows).toHaveCount(3);
  const today = todayInNewYork();
  await page.getByLabel('From').fill(today);
  await page.getByLabel('To').fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
  await expect(rows).toHaveCount(3);
  await expectAccessible(page);
  await screenshot(page, 'audit-log-filtered-desktop');

  // Export CSV: what the filters select, in a file named by the date, and the export is audited.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`audit-log-${today}.csv`);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe(
    '"Time (America/New_York)","Time (UTC)","Who","Who is","Action","Kind","Client","Client ID","IP address","Details"',
  );
  expect(lines).toHaveLength(4);
  for (const line of lines.slice(1)) expect(line).toContain(`"Grace Hopper","${grace.id}"`);
  expect(csv).not.toContain('Ada Lovelace');

  await page.goto('/audit?kind=audit_log');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Exported the audit log');
  await expect(rows.first()).toContainText(practice.ownerName);
  await expect(rows.first().getByRole('link', { name: 'Grace Hopper' })).toBeVisible();

  // A filter the address cannot hold is left out, and said so.
  await page.goto(`/audit?kind=everything&clientId=${ada.id}`);
  await expect(
    page.getByText('Left out a filter from the address that could not be read: kind of action.'),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Client' })).toHaveValue('Ada Lovelace');
  await expect(rows.filter({ hasText: 'Signed in to the portal' })).toHaveCount(1);

  // At phone width every entry is a card with every field: nothing cut off, nothing scrolls sideways.
  await page.goto('/audit');
  await page.setViewportSize(phone);
  const cards = page.getByRole('list', { name: 'Audit log entries' }).getByRole('listitem');
  await expect(cards.first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Audit log entries' })).toBeHidden();
  const portalCard = cards.filter({ hasText: 'Signed in to the portal' });
  await expect(portalCard).toContainText('Client: Ada Lovelace');
  await expect(portalCard).toContainText('Who: Ada Lovelace (Client)');
  await expect(portalCard).toContainText('IP address:');
  await expectNoSidewaysScroll(page);
  await settle(page);
  await expectAccessible(page);
  await screenshot(page, 'audit-log-phone');
  await chooseOption(page, 'Kind of action', 'Client records');
  await expect(cards.filter({ hasText: 'Signed in to the portal' })).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'audit-log-filtered-phone');
  await page.setViewportSize(desktop);
});

test("a client's Overview groups repeated views so changes stay visible", async ({ browser, server }) => {
  const { staff, grace } = await practiceWithActivity(browser, server);
  const page = staff.page;
  await view(staff.api, grace.id, 5);
  await staff.api.post(`/clients/${grace.id}/archive`);
  await staff.api.post(`/clients/${grace.id}/restore`);
  await view(staff.api, grace.id, 11);

  await page.goto(`/clients/${grace.id}`);
  const activity = page.getByRole('region', { name: 'Recent activity' });
  // The 11 views (and the profile's own opening, if already written) are one line; the changes keep their own lines.
  await expect(activity.getByText(/^Viewed (1[1-9]|[2-9]\d) times today$/)).toBeVisible();
  await expect(activity.getByText('Restored client', { exact: true })).toBeVisible();
  await expect(activity.getByText('Archived client', { exact: true })).toBeVisible();
  await expect(activity.getByText('Viewed 5 times today', { exact: true })).toBeVisible();
  await expect(activity.getByText('Created client', { exact: true })).toBeVisible();
  const lines = await activity.locator('.mantine-Timeline-item').allInnerTexts();
  expect(lines.map((line) => line.split('\n')[0])).toEqual([
    expect.stringMatching(/^Viewed \d+ times today$/),
    'Restored client',
    'Archived client',
    'Viewed 5 times today',
    'Created client',
  ]);
  await activity.scrollIntoViewIfNeeded();
  await settle(page);
  await expectAccessible(page);
  await screenshot(page, 'audit-overview-grouped-desktop');
  await page.setViewportSize(phone);
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'audit-overview-grouped-phone');
  await page.setViewportSize(desktop);
});
