import type { Cookie, Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './support/fixtures.js';
import type { Portico } from './support/portico.js';
import {
  chooseOption,
  createClientsByApi,
  declinePortalInvitation,
  fillClientForm,
  setUpPracticeByApi,
  uniqueTag,
  snap,
} from './support/staff.js';

test.describe.configure({ timeout: 90_000 });

// One practice for these tests; each test's own browser context gets its owner's session.
let cookies: Cookie[];

test.beforeAll(async ({ browser, portico }) => {
  const page = await browser.newPage();
  await setUpPracticeByApi(page, portico, { practiceName: 'Cedar Grove Counselling' });
  cookies = await page.context().cookies();
  await page.close();
});

async function openSignedIn(page: Page, portico: Portico, path: string): Promise<void> {
  await page.context().addCookies(cookies);
  await page.goto(`${portico.url}${path}`);
}

/** The list item of one email in the profile's Contact details. */
function emailItem(page: Page, address: string): Locator {
  return page.getByRole('listitem').filter({ hasText: address });
}

async function expectBadges(item: Locator, present: string[], absent: string[]): Promise<void> {
  for (const badge of present) await expect(item.getByText(badge, { exact: true })).toBeVisible();
  for (const badge of absent) await expect(item.getByText(badge, { exact: true })).toHaveCount(0);
}

/** The owner's "Recent activity" card on the profile. */
function recentActivity(page: Page): Locator {
  return page.locator('.mantine-Card-root').filter({ has: page.getByRole('heading', { name: 'Recent activity' }) });
}

const hostilePreferredName = '<b>Bold</b> "Q" 🎉 שלום';

test('create a client with two emails, consent on one, the second as primary', async ({ page, portico }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openSignedIn(page, portico, '/clients');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Create client' }).click();
  await expect(page).toHaveURL(/\/clients\/new$/);
  await expect(page.getByRole('heading', { name: 'Create client', level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Continue with nothing filled in: the form says what is missing and stays.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Please correct the highlighted fields.')).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveAccessibleDescription(/Is required/);
  await expect(page).toHaveURL(/\/clients\/new$/);

  // Addresses need only be unique within the practice (this file's own).
  const home = 'eleanor.vance@fastmail.example';
  const work = 'e.vance@northwind-logistics.example';
  await fillClientForm(page, {
    firstName: 'Eleanor',
    lastName: 'Vance',
    preferredName: hostilePreferredName,
    // Typed as the practice writes dates: a New York practice starts month first.
    dateOfBirth: '03/14/1987',
    phone: '+1 617-555-0147',
    emails: [
      { address: home, type: 'Home', emailOk: false },
      { address: work, type: 'Work', emailOk: true, primary: true },
    ],
  });
  // The first email was primary until the second was chosen: only one radio is on.
  await expect(page.getByRole('radio', { name: 'Primary email 1' })).not.toBeChecked();
  await expect(page.getByRole('radio', { name: 'Primary email 2' })).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Email OK 1' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: 'Email OK 2' })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Email type 2' })).toHaveValue('Work');
  await declinePortalInvitation(page);
  await expectAccessible(page);
  await snap(page, 'create-client');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(`Eleanor Vance (${hostilePreferredName})`);
  // The preferred name is text, not markup.
  await expect(heading.locator('b')).toHaveCount(0);
  await expect(page.locator('main b')).toHaveCount(0);
  await expect(page.getByText(hostilePreferredName, { exact: true }).first()).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Client sections' }).getByRole('link', { name: 'Overview' }),
  ).toHaveAttribute('aria-current', 'page');

  // Contact details: primary first, each with its type and consent.
  const items = page.getByRole('listitem').filter({ hasText: /@/ });
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(work);
  await expectBadges(emailItem(page, work), ['Work', 'Primary', 'Email OK'], ['No email consent']);
  await expectBadges(emailItem(page, home), ['Home', 'No email consent'], ['Primary', 'Email OK']);
  // Typed with its country code, shown in the practice's national format, stored in E.164.
  await expect(page.getByText('(617) 555-0147', { exact: true })).toBeVisible();
  await expect(page.getByText('Mar 14, 1987', { exact: true })).toBeVisible();

  // Owners see the record's activity.
  await expect(recentActivity(page).getByText('Created client')).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'client-profile');

  // The server stored exactly what was entered.
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  const stored = (await (await page.request.get(`${portico.url}/api/clients/${id}`)).json()) as {
    preferredName: string;
    phone: string;
    emails: { address: string; type: string; emailOk: boolean; isPrimary: boolean }[];
  };
  expect(stored.preferredName).toBe(hostilePreferredName);
  expect(stored.phone).toBe('+16175550147');
  expect(stored.emails).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ address: home, type: 'home', emailOk: false, isPrimary: false }),
      expect.objectContaining({ address: work, type: 'work', emailOk: true, isPrimary: true }),
    ]),
  );
  expect(stored.emails).toHaveLength(2);
});

test('change consent and the primary email in Edit → Client Info', async ({ page, portico }) => {
  await openSignedIn(page, portico, '/clients');
  const first = 'theo.marsh@example.com';
  const second = 'tmarsh@harbourview-school.example';
  const [id] = await createClientsByApi(page, portico, [
    {
      firstName: 'Theodore',
      lastName: 'Marsh',
      preferredName: 'Theo',
      dateOfBirth: '1979-11-02',
      phone: '(617) 555-0133',
      emails: [
        { address: first, type: 'home', emailOk: true, isPrimary: true },
        { address: second, type: 'other', emailOk: false, isPrimary: false },
      ],
    },
  ]);
  await page.goto(`${portico.url}/clients/${id}`);
  // Opening the record is audited.
  await expect(recentActivity(page).getByText('Viewed client').first()).toBeVisible();
  await expectBadges(emailItem(page, first), ['Primary', 'Email OK'], []);
  await expectBadges(emailItem(page, second), ['Other', 'No email consent'], ['Primary']);

  await page.getByRole('navigation', { name: 'Client sections' }).getByRole('link', { name: 'Edit' }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${id}/edit$`));
  await expect(page.getByRole('tab', { name: 'Client Info' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Email address 1' })).toHaveValue(first);
  await expectAccessible(page);
  await snap(page, 'client-edit');

  await page.getByRole('switch', { name: 'Email OK 1' }).uncheck();
  await page.getByRole('switch', { name: 'Email OK 2' }).check();
  await page.getByRole('radio', { name: 'Primary email 2' }).check();
  await chooseOption(page, 'Email type 2', 'Work');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved')).toBeVisible();

  await page.getByRole('navigation', { name: 'Client sections' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${id}$`));
  const check = async () => {
    await expect(page.getByRole('listitem').filter({ hasText: /@/ }).first()).toContainText(second);
    await expectBadges(emailItem(page, second), ['Work', 'Primary', 'Email OK'], ['No email consent']);
    await expectBadges(emailItem(page, first), ['Home', 'No email consent'], ['Primary', 'Email OK']);
  };
  await check();
  await expect(recentActivity(page).getByText('Updated client')).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'client-profile-edited');

  await page.reload();
  await check();
  await page.goto(`${portico.url}/clients/${id}/edit`);
  await expect(page.getByRole('switch', { name: 'Email OK 1' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: 'Email OK 2' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Primary email 2' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Primary email 1' })).not.toBeChecked();
});

test('on a phone: burger navigation, create a client, the list fits the screen', async ({ page, portico }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSignedIn(page, portico, '/clients');
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  // The top navigation gives way to the burger.
  await expect(page.getByRole('navigation', { name: 'Main', exact: true })).toBeHidden();
  await page.getByRole('button', { name: 'Open navigation' }).click();
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await expect(menu.getByRole('link', { name: 'Clients' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Audit log' })).toBeVisible();
  await menu.getByRole('link', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Create client', level: 1 })).toBeVisible();
  await expect(menu).toBeHidden();

  const tag = uniqueTag();
  await fillClientForm(page, {
    firstName: 'Noor',
    lastName: 'Haddad',
    phone: '617 555 0199',
    emails: [{ address: `noor.${tag}@example.com`, type: 'Home', emailOk: true }],
  });
  await declinePortalInvitation(page);
  await expectNoSideways(page);
  await expectAccessible(page);
  await snap(page, 'phone-create-client');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Noor Haddad', level: 1 })).toBeVisible();
  await expectNoSideways(page);
  await snap(page, 'phone-client-profile');

  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('searchbox', { name: 'Search clients' }).fill('noor');
  const table = page.getByRole('table', { name: 'Clients' });
  await expect(table.getByRole('link')).toHaveText(['Haddad, Noor']);
  // On a phone the row shows the name and the Client Portal state; the email is on the profile.
  await expect(
    table.getByRole('row', { name: /Haddad, Noor/ }).getByText('Not invited', { exact: true }),
  ).toBeVisible();
  await expect(table.getByRole('cell', { name: `noor.${tag}@example.com` })).toBeHidden();
  await expectNoSideways(page);
  await expectAccessible(page);
  await snap(page, 'phone-clients');
});

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function expectNoSideways(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.scroll, 'page width on a phone').toBeLessThanOrEqual(widths.view);
}
