import type { Page } from '@playwright/test';
import { generate } from 'otplib';
import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  desktop,
  expect,
  newDevice,
  phone,
  practiceNamed,
  screenshotBoth,
  settle,
  staffDevice,
  test,
  viewportShot,
  waitForEmail,
} from './support/portal.js';
import { acceptAsNewPerson, acceptLink, memberPassword } from './support/team.js';

/**
 * Two-factor sign-in for staff: a clinician sets it up in Settings → Security and signs in with a
 * code from the app (computed here from the secret, as the app would), then with a backup code; a
 * wrong or replayed code is refused clearly. The owner requires two-factor for everyone: a member
 * without it is taken to set it up at their next sign-in and can do nothing else until they have.
 * The owner resets a member's two-factor.
 */

/** The code the authenticator app shows for the secret now (RFC 6238). */
function appCode(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) });
}

/** Waits for the app's next 30-second step: a code is accepted once, so the next sign-in needs a new one. */
async function nextAppCode(page: Page, secret: string): Promise<string> {
  const stepMs = 30_000;
  await page.waitForTimeout(stepMs - (Date.now() % stepMs) + 1_000);
  return appCode(secret);
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page, name: string) {
  await page.getByRole('button', { name: `Account menu for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

async function openSecurity(page: Page) {
  await page.goto('/settings');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Security' }).click();
  await expect(page.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
}

/** Set-up as a person does it: the key (what the QR code holds), a code from the app, the backup codes. */
async function setUpTwoFactor(page: Page, shots?: string): Promise<{ secret: string; backupCodes: string[] }> {
  const key = page.getByTestId('two-factor-secret');
  await expect(key).toBeVisible();
  await expect(page.getByRole('img', { name: 'QR code for adding Portico to your authenticator app' })).toBeVisible();
  if (shots) {
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, `${shots}-qr`, screenshot);
  }
  const secret = ((await key.textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel('Code from your app').fill(await appCode(secret));
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  const list = page.getByRole('list', { name: 'Backup codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await expect(page.getByRole('button', { name: 'Copy codes' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download codes' })).toBeVisible();
  if (shots) {
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, `${shots}-backup-codes`, screenshot);
  }
  const backupCodes = (await list.getByRole('listitem').allTextContents()).map((code) => code.trim());
  await page.getByRole('button', { name: 'I have saved my backup codes' }).click();
  return { secret, backupCodes };
}

test('a clinician sets up two-factor and signs in with a code and a backup code; the owner requires it of everyone and resets a member’s', async ({
  browser,
  server,
}) => {
  const practice = practiceNamed('Lighthouse Therapy', 'lighthouse-therapy');
  const { page: ownerPage, api } = await staffDevice(browser, server, practice);
  const clinician = { name: 'Cleo Clinician', email: 'cleo@lighthouse.test' };
  const biller = { name: 'Bram Biller', email: 'bram@lighthouse.test' };
  for (const person of [
    { ...clinician, roles: ['clinician'] },
    { ...biller, roles: ['biller'] },
  ]) {
    await api.post('/team/invitations', { ...person, message: null });
  }

  // The clinician joins and sets up two-factor in Settings → Security.
  const { page } = await newDevice(browser, server, desktop);
  await acceptAsNewPerson(page, acceptLink(server, await waitForEmail(server, clinician.email)));
  await openSecurity(page);
  const section = page.getByRole('region', { name: 'Two-factor sign-in' });
  await expect(section.getByText('Off', { exact: true })).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'two-factor-security-off', screenshot);
  await section.getByRole('button', { name: 'Set up two-factor' }).click();
  // A wrong confirming code is refused at the field, and nothing is turned on.
  await expect(page.getByTestId('two-factor-secret')).toBeVisible();
  await page.getByLabel('Code from your app').fill('000000');
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(page.getByText('Is not right, or has been used already')).toBeVisible();
  const { secret, backupCodes } = await setUpTwoFactor(page, 'two-factor-setup');
  await expect(section.getByText('On', { exact: true })).toBeVisible();
  await expect(section.getByText('10 backup codes left.')).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'two-factor-security-on', screenshot);

  // Signing in now asks for a code after the password.
  await signOut(page, clinician.name);
  await passwordStep(page, clinician.email, memberPassword);
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Code from your app')).toBeFocused();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'two-factor-sign-in-code', screenshot);
  // A wrong code: said at the field.
  await page.getByLabel('Code from your app').fill('123456');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That code is not right, or it has been used already.')).toBeVisible();
  await expectAccessible(page);
  await screenshotBoth(page, 'two-factor-sign-in-wrong-code', screenshot);
  const code = await nextAppCode(page, secret);
  await page.getByLabel('Code from your app').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();

  // The same code again (replayed within its window) is refused; a backup code works in its place.
  await signOut(page, clinician.name);
  await passwordStep(page, clinician.email, memberPassword);
  await page.getByLabel('Code from your app').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That code is not right, or it has been used already.')).toBeVisible();
  await page.getByRole('button', { name: 'Use a backup code' }).click();
  await expect(page.getByLabel('Backup code')).toBeFocused();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'two-factor-sign-in-backup-code', screenshot);
  await page.getByLabel('Backup code').fill(backupCodes[0] ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await openSecurity(page);
  await expect(section.getByText('9 backup codes left.')).toBeVisible();

  // The biller joins before two-factor is required, without it.
  const billerDevice = await newDevice(browser, server, desktop);
  const billerPage = billerDevice.page;
  await acceptAsNewPerson(billerPage, acceptLink(server, await waitForEmail(server, biller.email)));

  // The owner: their own two-factor comes first, then the switch.
  await openSecurity(ownerPage);
  const requirement = ownerPage.getByRole('switch', { name: 'Require two-factor for everyone' });
  await expect(requirement).toBeDisabled();
  await expect(ownerPage.getByText('Set up two-factor for your own account first.')).toBeVisible();
  await settle(ownerPage);
  await expectAccessible(ownerPage);
  await screenshotBoth(ownerPage, 'two-factor-security-owner', screenshot);
  await ownerPage.getByRole('button', { name: 'Set up two-factor' }).click();
  await setUpTwoFactor(ownerPage);
  await expect(ownerPage.getByText('1 active member does not have two-factor yet.')).toBeVisible();
  await requirement.click();
  await expect(requirement).toBeChecked();
  await settle(ownerPage);
  await expectAccessible(ownerPage);
  await screenshotBoth(ownerPage, 'two-factor-security-owner-required', screenshot);

  // The biller's next sign-in lands on set-up, and nothing else opens until it is done.
  await signOut(billerPage, biller.name);
  await passwordStep(billerPage, biller.email, memberPassword);
  await expect(billerPage).toHaveURL(/\/two-factor-setup$/);
  await expect(billerPage.getByRole('heading', { name: 'Set up two-factor sign-in', level: 1 })).toBeVisible();
  await expect(billerPage.getByTestId('two-factor-secret')).toBeVisible();
  await settle(billerPage);
  await expectAccessible(billerPage);
  await screenshotBoth(billerPage, 'two-factor-required-page', screenshot);
  await billerPage.goto('/clients');
  await expect(billerPage).toHaveURL(/\/two-factor-setup$/);
  expect((await billerPage.request.get('/api/clients')).status()).toBe(403);
  await setUpTwoFactor(billerPage);
  await expect(billerPage.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  expect((await billerPage.request.get('/api/clients')).status()).toBe(200);

  // The owner resets the clinician's two-factor (a lost phone).
  await ownerPage.goto('/settings/team');
  const clinicianRow = ownerPage.getByRole('listitem', { name: clinician.name });
  await expect(clinicianRow).toContainText('Two-factor on');
  await expect(ownerPage.getByRole('listitem', { name: practice.ownerName })).toContainText('Two-factor on');
  await settle(ownerPage);
  await expectAccessible(ownerPage);
  await screenshotBoth(ownerPage, 'two-factor-team', screenshot);
  await clinicianRow.getByRole('button', { name: `Reset two-factor of ${clinician.name}` }).click();
  const dialog = ownerPage.getByRole('dialog', { name: `Reset two-factor of ${clinician.name}?` });
  await settle(ownerPage);
  await expectAccessible(ownerPage);
  await viewportShot(ownerPage, 'two-factor-reset-dialog-desktop');
  await ownerPage.setViewportSize(phone);
  await settle(ownerPage);
  await viewportShot(ownerPage, 'two-factor-reset-dialog-phone');
  await ownerPage.setViewportSize(desktop);
  await dialog.getByRole('button', { name: 'Reset two-factor' }).click();
  await expect(dialog).toBeHidden();
  await expect(clinicianRow).toContainText('Two-factor off');
  await expect(clinicianRow.getByRole('button', { name: `Reset two-factor of ${clinician.name}` })).toHaveCount(0);

  // With the practice requiring it, the clinician's next sign-in takes them to set it up again.
  await signOut(page, clinician.name);
  await passwordStep(page, clinician.email, memberPassword);
  await expect(page).toHaveURL(/\/two-factor-setup$/);
  await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in', level: 1 })).toBeVisible();
});
