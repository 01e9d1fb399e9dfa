import type { Page } from '@playwright/test';
import { encodePng } from '../../seed/demo-files.js';
import { openDatabase } from '../../src/server/db/database.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { createStaff, factoryPassword } from '../factories/practices.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  desktop,
  expect,
  newDevice,
  phone,
  practiceNamed,
  practiceWithSignedInClient,
  screenshotBoth,
  settle,
  staffDevice,
  test,
  waitForEmail,
} from './support/portal.js';
import type { Portico } from './support/portico.js';

/** Settings → Practice profile and My account, as the owner and a clinician use them. */

/** A 120×120 PNG logo: a teal square with a light ring, made here so the test needs no file. */
function logoPng(): Buffer {
  return encodePng(120, 120, (x, y) => {
    const d = Math.hypot(x - 60, y - 60);
    return d > 30 && d < 42 ? [236, 246, 242] : [47, 111, 94];
  });
}

/** A clinician of the practice, made with the test factory (team invitations come later). */
async function addClinician(server: Portico, practiceId: string, name: string, email: string) {
  const database = openDatabase(server.databasePath);
  try {
    await createStaff({ db: database.db, clock: systemClock }, practiceId, { roles: ['clinician'], name, email });
  } finally {
    await database.close();
  }
}

async function signInAsStaff(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}

test('the owner edits the Practice profile; the logo and name show in the portal and in emails', async ({
  browser,
  server,
}) => {
  const practice = practiceNamed('Harbour Counselling', 'harbour-counselling');
  const { staff, client, clientPage } = await practiceWithSignedInClient(browser, server, practice, {
    firstName: 'Nadia',
    lastName: 'Okafor',
    address: 'nadia@example.test',
  });
  const page = staff.page;
  await page.goto('/clients');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings\/practice$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Practice profile' })).toBeVisible();
  const settingsNav = page.getByRole('navigation', { name: 'Settings' });
  await expect(settingsNav.getByRole('link')).toHaveText([
    'Practice profile',
    'My account',
    'Security',
    'Team',
    'Client Portal permissions',
    'Services',
    'Availability',
    'Documents',
    'Billing',
  ]);

  // A phone that is not one is refused by name, before anything is saved.
  await page.getByLabel('Phone').fill('not a phone ☎');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Must be a phone number, like (617) 555-0142 or +44 20 7946 0958')).toBeVisible();

  await page.getByLabel('Practice name').fill('Harbour & Quay Counselling');
  await page.getByLabel('Address', { exact: true }).fill('12 Quay Street\nBoston, MA 02110');
  await page.getByLabel('Phone').fill('617.555.0142');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Practice profile saved')).toBeVisible();
  // Stored in E.164, shown as the practice writes it.
  await expect(page.getByLabel('Phone')).toHaveValue('(617) 555-0142');
  await expect(page.getByRole('banner').getByText('Harbour & Quay Counselling')).toBeVisible();

  // The logo: chosen as a file, checked by the server from its bytes.
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng() });
  await expect(page.getByText('Logo saved')).toBeVisible();
  const preview = page.getByRole('img', { name: 'Harbour & Quay Counselling logo' });
  await expect(preview).toBeVisible();
  const logoUrl = await preview.getAttribute('src');
  expect(logoUrl).toMatch(/^\/api\/practice-logos\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  const served = await page.request.get(logoUrl ?? '');
  expect(served.headers()['content-type']).toBe('image/png');
  expect(served.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

  // A file that only claims to be an image is refused, naming the field.
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await expect(page.getByText('The logo must be a PNG, JPEG or WebP image.')).toBeVisible();

  // The portal address: changing it warns that old links stop working.
  await page.getByRole('textbox', { name: 'Portal address' }).fill('harbour-quay');
  await expect(page.getByText('Old links will stop working')).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'settings-practice-profile', screenshot);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Your portal address is now')).toBeVisible();
  await expect(page.getByText('Old links will stop working')).toBeHidden();

  // The client's portal, at its new address, shows the logo and the new name.
  await clientPage.goto('/portal/harbour-quay/home');
  const header = clientPage.getByRole('banner');
  await expect(header.getByText('Harbour & Quay Counselling')).toBeVisible();
  await expect(header.locator(`img[src="${logoUrl}"]`)).toBeVisible();
  await screenshotBoth(clientPage, 'settings-portal-header-logo', screenshot);
  // The signed-out pages show it too: the portal's front door, and the email sign-in page.
  const visitor = await newDevice(browser, server);
  await visitor.page.goto('/portal/harbour-quay');
  await expect(visitor.page.locator(`img[src="${logoUrl}"]`)).toBeVisible();
  await screenshotBoth(visitor.page, 'settings-portal-landing-logo', screenshot);
  await visitor.page.goto('/portal/harbour-quay/sign-in/email');
  await expect(visitor.page.getByRole('banner').locator(`img[src="${logoUrl}"]`)).toBeVisible();
  await visitor.context.close();
  // The old address leads nowhere.
  await clientPage.goto('/portal/harbour-counselling');
  await expect(clientPage.getByRole('heading', { level: 1 })).not.toContainText('Harbour & Quay');

  // Emails carry the name and the logo.
  await staff.api.post(`/clients/${client.id}/portal/sign-in-link`);
  const mail = await waitForEmail(server, 'nadia@example.test', 2);
  expect(mail.html).toContain(`${server.url}${logoUrl}`);
  expect(mail.text).toContain('Harbour & Quay Counselling');

  // Removed: the portal shows the initials again.
  await page.getByRole('button', { name: 'Remove logo' }).click();
  await expect(page.getByText('No logo yet')).toBeVisible();
  await clientPage.goto('/portal/harbour-quay/home');
  await expect(clientPage.getByRole('banner').getByText('Harbour & Quay Counselling')).toBeVisible();
  await expect(clientPage.getByRole('banner').locator('img')).toHaveCount(0);
});

test('a clinician sees My account, changes their email and password, and signs out everywhere', async ({
  browser,
  server,
}) => {
  const practice = practiceNamed('Cedar Therapy', 'cedar-therapy');
  const owner = await staffDevice(browser, server, practice);
  const practiceId = (await owner.api.get<{ practice: { id: string } }>('/session')).practice.id;
  await addClinician(server, practiceId, 'Sam Rivera', 'sam@cedar.test');

  const laptop = (await newDevice(browser, server, desktop)).page;
  await signInAsStaff(laptop, 'sam@cedar.test', factoryPassword);
  const phoneDevice = (await newDevice(browser, server, phone)).page;
  await signInAsStaff(phoneDevice, 'sam@cedar.test', factoryPassword);

  // Settings opens on their own account; the owner's pages are not offered, their Availability is.
  await laptop.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(laptop).toHaveURL(/\/settings\/account$/);
  await expect(laptop.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(laptop.getByText('Only the practice owner can see this page')).toHaveCount(0);
  const settingsNav = laptop.getByRole('navigation', { name: 'Settings' });
  await expect(settingsNav.getByRole('link')).toHaveText([
    'Practice profile',
    'My account',
    'Security',
    'Availability',
  ]);

  // Two sessions: this one is marked.
  const sessions = laptop.getByRole('listitem').filter({ hasText: 'Last seen' });
  await expect(sessions).toHaveCount(2);
  await expect(laptop.getByText('This device')).toHaveCount(1);
  await expect(sessions.filter({ hasText: 'This device' })).toContainText('Chrome on');
  await settle(laptop);
  await expectAccessible(laptop);
  await screenshotBoth(laptop, 'settings-my-account', screenshot);

  // The Practice profile is theirs to read, not to change.
  await settingsNav.getByRole('link', { name: 'Practice profile' }).click();
  await expect(laptop.getByLabel('Practice name')).toBeDisabled();
  await expect(laptop.getByRole('button', { name: 'Save profile' })).toHaveCount(0);
  await expectAccessible(laptop);
  await screenshotBoth(laptop, 'settings-practice-profile-clinician', screenshot);
  await laptop.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'My account' }).click();

  // Name.
  await laptop.getByLabel('Your name').fill('Sam Rivera-Holt');
  await laptop.getByRole('button', { name: 'Save name' }).click();
  await expect(laptop.getByRole('button', { name: 'Account menu for Sam Rivera-Holt' })).toBeVisible();

  // Email: changes only when the link sent to the new address is used; the old address hears of it.
  await laptop.getByLabel('New email').fill('sam.rivera@cedar.test');
  await laptop.getByRole('textbox', { name: 'Current password' }).first().fill(factoryPassword);
  await laptop.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(laptop.getByText('Waiting for confirmation')).toBeVisible();
  const notice = await waitForEmail(server, 'sam@cedar.test');
  expect(notice.text).toContain('sam.rivera@cedar.test');
  const confirmation = await waitForEmail(server, 'sam.rivera@cedar.test');
  const link = /(http\S+\/confirm-email#token=[\w-]+)/.exec(confirmation.text)?.[1] ?? '';
  expect(link).not.toBe('');
  await laptop.goto(link);
  await expect(laptop.getByRole('heading', { level: 1, name: 'Confirm your new email' })).toBeVisible();
  await laptop.getByRole('button', { name: 'Confirm this email' }).click();
  await expect(laptop.getByRole('heading', { level: 1, name: 'Email changed' })).toBeVisible();
  // Single use: the same link a second time does nothing.
  await laptop.goto('/settings/account');
  await laptop.goto(link);
  await laptop.getByRole('button', { name: 'Confirm this email' }).click();
  await expect(laptop.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible();
  await laptop.goto('/settings/account');
  await expect(laptop.getByText('Current email: sam.rivera@cedar.test')).toBeVisible();

  // Password: the current one is required; the change signs out the phone, not this laptop.
  const passwordSection = laptop.getByRole('region', { name: 'Password' });
  await passwordSection.getByLabel('Current password').fill('not my password');
  await passwordSection.getByLabel('New password', { exact: true }).fill('a brand new password');
  await passwordSection.getByLabel('Confirm new password').fill('a brand new password');
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordSection.getByText('Is not right')).toBeVisible();
  await passwordSection.getByLabel('Current password').fill(factoryPassword);
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByText('1 other session was signed out')).toBeVisible();
  await phoneDevice.goto('/clients');
  await expect(phoneDevice).toHaveURL(/\/sign-in/);
  await expect(sessions).toHaveCount(1);

  // Sign out everywhere: both other browsers go, this one stays.
  await signInAsStaff(phoneDevice, 'sam.rivera@cedar.test', 'a brand new password');
  const tablet = (await newDevice(browser, server, desktop)).page;
  await signInAsStaff(tablet, 'sam.rivera@cedar.test', 'a brand new password');
  await laptop.reload();
  await expect(sessions).toHaveCount(3);
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop.getByText('2 sessions were signed out')).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await phoneDevice.goto('/clients');
  await expect(phoneDevice).toHaveURL(/\/sign-in/);
  await tablet.goto('/clients');
  await expect(tablet).toHaveURL(/\/sign-in/);
  await laptop.goto('/clients');
  await expect(laptop.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  // The owner was never signed out.
  await owner.page.goto('/settings/account');
  await expect(owner.page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
});
