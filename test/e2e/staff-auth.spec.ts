import { expect, expectAccessible, test } from './support/fixtures.js';
import { startPortico } from './support/portico.js';
import {
  fillPracticeForm,
  newPracticeAccount,
  setUpPractice,
  setUpPracticeByApi,
  signIn,
  signOut,
  snap,
} from './support/staff.js';

// The box these run on is shared; allow for a slow moment without hiding a hang.
test.describe.configure({ timeout: 90_000 });

test('an empty deployment offers setup, which creates the practice and signs the owner in', async ({ page }) => {
  // Its own server: the shared one may already hold practices.
  const portico = await startPortico();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(portico.url);
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole('heading', { name: 'Create your practice', level: 1 })).toBeVisible();
    await expectAccessible(page);

    const account = newPracticeAccount({
      practiceName: 'Harbour Light Therapy',
      slug: 'harbour-light-therapy',
      timeZone: 'Europe/Lisbon',
    });
    await fillPracticeForm(page, account);
    await expect(page.getByText(`${portico.url}/portal/harbour-light-therapy`)).toBeVisible();
    await snap(page, 'setup');
    await page.getByRole('button', { name: 'Create practice' }).click();

    await expect(page).toHaveURL(/\/clients$/);
    await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No clients yet' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Portico — Harbour Light Therapy' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Clients' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Audit log' })).toBeVisible();
    // SMTP is configured, so there is no development mailbox.
    await expect(nav.getByRole('link', { name: 'Mailbox' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: `Account menu for ${account.ownerName}` })).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'clients-empty');

    // The server agrees: signed in as the owner of the new practice, in its time zone.
    const session = (await (await page.request.get(`${portico.url}/api/session`)).json()) as {
      setupRequired: boolean;
      staff: { email: string; roles: string[] } | null;
      practice: { name: string; slug: string; timeZone: string } | null;
    };
    expect(session.setupRequired).toBe(false);
    expect(session.staff).toMatchObject({ email: account.email, roles: ['owner', 'clinician'] });
    expect(session.practice).toMatchObject({
      name: 'Harbour Light Therapy',
      slug: 'harbour-light-therapy',
      timeZone: 'Europe/Lisbon',
    });

    // Setup is done: the page now sends people on.
    await page.goto(`${portico.url}/setup`);
    await expect(page).toHaveURL(/\/clients$/);
  } finally {
    await portico.stop();
  }
});

test('staff sign in and out; a wrong password is refused with a message', async ({ page, portico }) => {
  const account = await setUpPractice(page, portico);
  await signOut(page, account.ownerName);

  // Signed out, the app no longer opens: it asks to sign in and returns afterwards.
  await page.goto(`${portico.url}/audit`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit$/);
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create a practice' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'sign-in');

  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Could not sign in' });
  await expect(alert).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectAccessible(page);
  await snap(page, 'sign-in-wrong-password');

  // Show characters reveals what was typed.
  const password = page.getByLabel('Password');
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Show characters' }).click();
  await expect(password).toHaveAttribute('type', 'text');

  await password.fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  // The failed and the successful attempt are both in the audit log, newest first.
  const entries = page.getByRole('region', { name: 'Audit log entries' }).getByRole('row');
  await expect(entries.nth(1)).toContainText('Signed in');
  await expect(entries.nth(1)).toContainText(account.ownerName);
  await expect(entries.nth(2)).toContainText('Failed sign-in attempt');
  await expect(page.getByRole('cell', { name: 'Created the practice' })).toBeVisible();
  await expectAccessible(page);

  await signOut(page, account.ownerName);
  await page.goto(`${portico.url}/clients`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fclients$/);
  const session = (await (await page.request.get(`${portico.url}/api/session`)).json()) as { staff: unknown };
  expect(session.staff).toBeNull();
});

test('password reset by following the link in the email', async ({ page, portico }) => {
  const account = await setUpPracticeByApi(page, portico);
  await signOut(page, account.ownerName);

  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expectAccessible(page);
  await snap(page, 'forgot-password');
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(account.email);
  await expectAccessible(page);

  const mail = await portico.mail.waitFor((m) => m.to.includes(account.email) && /reset/i.test(m.subject));
  expect(mail.subject).toBe(`Reset your password — ${account.practiceName}`);
  expect(mail.text).toContain(account.practiceName);
  expect(mail.text).toContain(`Hello ${account.ownerName},`);
  expect(mail.html).toContain('<h1');
  expect(mail.html).toContain(account.practiceName);
  // Follow the button in the HTML part, as the owner would; the text part carries the same link.
  const href = /<a href="([^"]+)"[^>]*>Choose a new password<\/a>/.exec(mail.html)?.[1]?.replaceAll('&amp;', '&');
  expect(href, 'the HTML part has a "Choose a new password" button').toBeTruthy();
  const link = href ?? '';
  expect(link.startsWith(`${portico.url}/reset-password?token=`)).toBe(true);
  expect(mail.text).toContain(link);

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'reset-password');

  // Mismatched confirmation is caught before anything is sent.
  const newPassword = `a brand new sentence ${account.slug}`;
  await page.getByLabel('New password').fill(newPassword);
  await page.getByLabel('Confirm password').fill(`${newPassword}!`);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByLabel('Confirm password')).toHaveAccessibleDescription(/Does not match the new password/);

  await page.getByLabel('Confirm password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Password changed', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'password-changed');

  // The old password no longer works; the new one does.
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not sign in' })).toBeVisible();
  await signIn(page, portico, account.email, newPassword);
  await signOut(page, account.ownerName);

  // The link works once.
  await page.goto(link);
  await page.getByLabel('New password').fill('yet another long password');
  await page.getByLabel('Confirm password').fill('yet another long password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'This link does not work', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Request a new link' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'reset-link-used');

  // And it did not change the password.
  await signIn(page, portico, account.email, newPassword);
});

test('the practice form shows what is missing, and clears a message once the field is fixed', async ({
  page,
  portico,
}) => {
  // Sign-up, or setup when this runs first on the server: both use the same form.
  await page.goto(`${portico.url}/sign-up`);
  await expect(page.getByRole('heading', { name: 'Create your practice', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Create practice' }).click();
  await expect(page.getByLabel('Practice name')).toHaveAccessibleDescription(/Is required/);
  await expect(page.getByLabel('Your name')).toHaveAccessibleDescription(/Is required/);
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/Must be at least 10 characters/);
  await expect(page).toHaveURL(/\/(sign-up|setup)$/);

  await page.getByLabel('Practice name').fill('Quiet Harbour Therapy');
  await expect(page.getByLabel('Practice name')).not.toHaveAccessibleDescription(/Is required/, { timeout: 2_000 });
});
