import type { Browser, Page } from '@playwright/test';
import type { Client } from '../../src/shared/schemas/clients.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import type { Portico } from './support/portico.js';
import {
  StaffApi,
  accessSection,
  desktop,
  expect,
  expectAccessState,
  expectHome,
  emailsTo,
  expectLinkProblem,
  invitationRows,
  newDevice,
  nextSignInEmail,
  notSignedInBanner,
  openLink,
  openPortalTab,
  phone,
  practiceNamed,
  requestLinkOnPortal,
  screenshotBoth,
  settle,
  viewportShot,
  signInWithCode,
  staffDevice,
  staffSignIn,
  test,
  waitForEmail,
} from './support/portal.js';

const oak = practiceNamed('Oak & Pine Therapy', 'oak-pine');

/** Invites through the API and signs the client in on a phone of their own: access is active. */
async function activeClient(browser: Browser, server: Portico, api: StaffApi, client: Client, address: string) {
  const before = server.mail.messages.filter((m) => m.to.includes(address)).length;
  await api.invite(client, address);
  const invitation = await nextSignInEmail(server, address, oak.slug, before + 1);
  const device = await newDevice(browser, server, phone);
  await openLink(device.page, invitation);
  await expectHome(device.page, oak.slug, client.preferredName ?? client.firstName, oak.name);
  return device;
}

async function expectDelivered(page: Page, rowIndex = 0): Promise<void> {
  // The tab polls while an email waits for the mail server; no reload needed.
  await expect(invitationRows(page).nth(rowIndex).getByText('Sent', { exact: true })).toBeVisible({ timeout: 20_000 });
}

test.describe('Client Portal access, from the staff Client Portal tab to the client portal', () => {
  test('invite from the Client Portal tab: banner, delivery status, the email, first sign-in, then Active', async ({
    browser,
    server,
  }) => {
    // The practice exists; its owner signs in on the staff sign-in page.
    const setup = await newDevice(browser, server);
    const api = await StaffApi.createPractice(setup.context.request, oak);
    const client = await api.createClient({
      firstName: 'Maya',
      lastName: 'Lindqvist',
      emails: [{ address: 'maya@example.test' }],
    });
    await setup.context.close();

    const { page } = await newDevice(browser, server, desktop);
    await staffSignIn(page, oak);
    await openPortalTab(page, client.id);
    await expectAccessState(page, 'Not invited');
    await expect(page.getByRole('combobox', { name: 'Email' })).toHaveValue('maya@example.test (primary)');
    await expect(page.getByText('No invitations sent yet.')).toHaveCount(0);
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-portal-tab-not-invited', screenshot);

    const message = page.getByRole('textbox', { name: 'Message' });
    await expect(message).not.toHaveValue('');
    await message.fill('Hi Maya, here is your secure portal. See you Tuesday.');
    await page.getByRole('button', { name: 'Send email' }).click();

    await expectAccessState(page, 'Invited, not signed in yet');
    const banner = notSignedInBanner(page, 'Maya');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Last invitation sent');
    await expect(invitationRows(page)).toHaveCount(1);
    await expect(invitationRows(page).first()).toContainText('Invitation');
    await expect(invitationRows(page).first()).toContainText('To maya@example.test');
    await expectDelivered(page);
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-portal-tab-invited-banner', screenshot);

    // The welcome email, as the client's mail app receives it.
    const invitation = await nextSignInEmail(server, 'maya@example.test', oak.slug);
    const mail = invitation.mail;
    expect(mail.fromName).toBe(oak.name);
    expect(mail.subject).toBe(`Your Client Portal invitation from ${oak.name}`);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Hello Maya,');
      expect(part).toContain('Hi Maya, here is your secure portal. See you Tuesday.');
      expect(part).toContain(invitation.code);
    }
    expect(mail.html).toContain('Oak &amp; Pine Therapy');
    expect(mail.text).toContain('works for 7 days');

    // The client, on their own phone.
    const clientPhone = await newDevice(browser, server, phone);
    await openLink(clientPhone.page, invitation);
    await expectHome(clientPhone.page, oak.slug, 'Maya', oak.name);

    await page.reload();
    await expectAccessState(page, 'Active');
    await expect(accessSection(page).getByText(/^Last signed in /)).toBeVisible();
    await expect(notSignedInBanner(page, 'Maya')).toHaveCount(0);
    await expect(page.getByText('Signed in', { exact: true })).toBeVisible(); // Portal activity
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-portal-tab-active', screenshot);
  });

  test('Create client with "Invite to the Client Portal" sends the welcome email with the custom message', async ({
    browser,
    server,
  }) => {
    const { page } = await staffDevice(browser, server, oak);
    await page.goto('/clients');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Create client' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create client' })).toBeVisible();
    await page.getByLabel('First name').fill('Jonah');
    await page.getByLabel('Last name').fill('Reyes');
    // No consenting email yet: nothing to invite with.
    await expect(page.getByRole('checkbox', { name: 'Invite to the Client Portal' })).toHaveCount(0);
    await page.getByRole('button', { name: '+ Add email' }).click();
    await page.getByRole('textbox', { name: 'Email address 1' }).fill('jonah@example.test');
    // Consent is given, never assumed: a new email starts without Email OK, so no invitation yet.
    await expect(page.getByRole('switch', { name: 'Email OK 1' })).not.toBeChecked();
    await expect(page.getByRole('radio', { name: 'Primary email 1' })).toBeChecked();
    const invite = page.getByRole('checkbox', { name: 'Invite to the Client Portal' });
    await expect(invite).toHaveCount(0);
    await page.getByRole('switch', { name: 'Email OK 1' }).check();
    await expect(invite).toBeChecked();
    const welcome = page.getByRole('textbox', { name: 'Welcome message' });
    await expect(welcome).not.toHaveValue('');
    await welcome.fill('Welcome to Oak & Pine, Jonah. Please fill in the intake form before Monday.');
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-create-client-invite', screenshot);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);

    const invitation = await nextSignInEmail(server, 'jonah@example.test', oak.slug);
    expect(invitation.mail.fromName).toBe(oak.name);
    expect(invitation.mail.subject).toBe(`Your Client Portal invitation from ${oak.name}`);
    expect(invitation.mail.text).toContain(
      'Welcome to Oak & Pine, Jonah. Please fill in the intake form before Monday.',
    );
    expect(invitation.mail.html).toContain(
      'Welcome to Oak &amp; Pine, Jonah. Please fill in the intake form before Monday.',
    );

    const clientId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await openPortalTab(page, clientId);
    await expectAccessState(page, 'Invited, not signed in yet');
    await expect(notSignedInBanner(page, 'Jonah')).toBeVisible();

    const clientPhone = await newDevice(browser, server, phone);
    await openLink(clientPhone.page, invitation);
    await expectHome(clientPhone.page, oak.slug, 'Jonah', oak.name);
  });

  test('resend while not signed in yet: a second email; the first link still works, then the second is used up', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Priya',
      lastName: 'Nair',
      emails: [{ address: 'priya@example.test' }],
    });
    await api.invite(client, 'priya@example.test', 'First invitation.');
    const first = await nextSignInEmail(server, 'priya@example.test', oak.slug, 1);

    await openPortalTab(page, client.id);
    await expectAccessState(page, 'Invited, not signed in yet');
    await expect(page.getByRole('button', { name: 'Send email' })).toHaveCount(0);
    const resend = page.getByRole('checkbox', { name: 'Resend email invitation' });
    await resend.check();
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.fill('Second try: the link below signs you in.');
    await page.getByRole('button', { name: 'Send email' }).click();

    const second = await nextSignInEmail(server, 'priya@example.test', oak.slug, 2);
    expect(second.mail.text).toContain('Second try: the link below signs you in.');
    expect(second.token).not.toBe(first.token);
    await expect(invitationRows(page)).toHaveCount(2);
    await expectDelivered(page, 0);
    await expect(resend).not.toBeChecked();

    // The first link was not cancelled by the resend: it signs in...
    const laptop = await newDevice(browser, server, desktop);
    await openLink(laptop.page, first);
    await expectHome(laptop.page, oak.slug, 'Priya', oak.name);
    // ...and signing in used up every link, the second one too.
    const clientPhone = await newDevice(browser, server, phone);
    await openLink(clientPhone.page, second);
    await expectLinkProblem(clientPhone.page, 'This link has already been used');

    await page.reload();
    await expectAccessState(page, 'Active');
    await expect(page.getByRole('checkbox', { name: 'Resend email invitation' })).toHaveCount(0);
  });

  test('after the first sign-in: copy the address, "Email a sign-in link" and "Generate sign-in code" get the client in', async ({
    browser,
    server,
  }) => {
    const staff = await staffDevice(browser, server, oak);
    const { page, api } = staff;
    const client = await api.createClient({
      firstName: 'Ana',
      lastName: 'Sousa',
      emails: [{ address: 'ana@example.test' }],
    });
    await activeClient(browser, server, api, client, 'ana@example.test');

    await openPortalTab(page, client.id);
    await expectAccessState(page, 'Active');
    await expect(page.getByRole('checkbox', { name: 'Resend email invitation' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Send email' })).toHaveCount(0);

    await staff.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy portal address' }).first().click();
    await expect(page.getByRole('status').filter({ hasText: 'Portal address copied' })).toBeAttached();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/portal/${oak.slug}`);

    await page.getByRole('button', { name: 'Email a sign-in link' }).click();
    const link = await nextSignInEmail(server, 'ana@example.test', oak.slug, 2);
    expect(link.mail.subject).toBe(`Your sign-in link for ${oak.name}`);
    expect(link.mail.fromName).toBe(oak.name);
    await expect(invitationRows(page).first()).toContainText('Sign-in link');
    const tablet = await newDevice(browser, server, desktop);
    await openLink(tablet.page, link);
    await expectHome(tablet.page, oak.slug, 'Ana', oak.name);

    await page.getByRole('button', { name: 'Generate sign-in code' }).click();
    const modal = page.getByRole('dialog', { name: 'Sign-in code' });
    await expect(modal).toBeVisible();
    const code = ((await modal.getByTestId('sign-in-code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);
    await expect(modal).toContainText('15 minutes');
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-sign-in-code-modal', viewportShot);
    await modal.getByRole('button', { name: 'Done' }).click();
    await expect(modal).toBeHidden();

    // The client, on the phone with the clinician, types it on the portal's code page.
    const clientLaptop = await newDevice(browser, server, desktop);
    await clientLaptop.page.goto(`/portal/${oak.slug}`);
    await clientLaptop.page.getByRole('link', { name: 'Enter your code' }).click();
    await signInWithCode(clientLaptop.page, 'ana@example.test', code);
    await expectHome(clientLaptop.page, oak.slug, 'Ana', oak.name);

    await page.reload();
    await expect(page.getByText('Sign-in code generated', { exact: true })).toBeVisible();
  });

  test('choosing another email and sending moves access: the old link no longer works, the new one does', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Sam',
      lastName: 'Okafor',
      emails: [{ address: 'sam.home@example.test' }, { address: 'sam.work@example.test', type: 'work' }],
    });
    await api.invite(client, 'sam.home@example.test');
    const oldLink = await nextSignInEmail(server, 'sam.home@example.test', oak.slug);

    await openPortalTab(page, client.id);
    const email = page.getByRole('combobox', { name: 'Email' });
    await expect(email).toHaveValue('sam.home@example.test (primary)');
    await email.click();
    await page.getByRole('option', { name: 'sam.work@example.test', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Move Client Portal access to this email' })).toBeVisible();
    await page.getByRole('button', { name: 'Send email' }).click();

    const newLink = await nextSignInEmail(server, 'sam.work@example.test', oak.slug);
    await expect(email).toHaveValue('sam.work@example.test');
    await expectAccessState(page, 'Invited, not signed in yet');

    const clientPhone = await newDevice(browser, server, phone);
    await openLink(clientPhone.page, oldLink);
    await expectLinkProblem(clientPhone.page, 'This link no longer works');
    await expectAccessible(clientPhone.page);
    await screenshot(clientPhone.page, 'portal-link-no-longer-works-phone');
    // Asking again from the dead link sends nothing to the old address.
    await clientPhone.page.getByRole('button', { name: 'Email me a new link' }).click();
    await expect(clientPhone.page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();

    await openLink(clientPhone.page, newLink);
    await expectHome(clientPhone.page, oak.slug, 'Sam', oak.name);
    expect(server.mail.messages.filter((m) => m.to.includes('sam.home@example.test'))).toHaveLength(1);
  });

  test('primary email changed in Client Info: "Update Client Portal access?" → Yes, Disable and Resend', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Lena',
      lastName: 'Fischer',
      emails: [{ address: 'lena.old@example.test' }, { address: 'lena.new@example.test' }],
    });
    const clientPhone = await activeClient(browser, server, api, client, 'lena.old@example.test');

    await page.goto(`/clients/${client.id}/edit`);
    await expect(page.getByRole('tab', { name: 'Client Info', selected: true })).toBeVisible();
    await page.getByRole('radio', { name: 'Primary email 2' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const modal = page.getByRole('dialog', { name: 'Update Client Portal access?' });
    await expect(modal).toBeVisible();
    await expect(modal).toContainText('lena.new@example.test');
    await expect(modal).toContainText('lena.old@example.test');
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-update-portal-access-modal', viewportShot);
    await modal.getByRole('button', { name: 'Yes, Disable and Resend' }).click();
    await expect(modal).toBeHidden();

    const invitation = await nextSignInEmail(server, 'lena.new@example.test', oak.slug);
    expect(invitation.mail.subject).toBe(`Your Client Portal invitation from ${oak.name}`);

    // The client's old session ended: their next page load lands signed out.
    await clientPhone.page.reload();
    await expect(clientPhone.page).toHaveURL(new RegExp(`/portal/${oak.slug}$`));
    await expect(clientPhone.page.getByText('You have been signed out.')).toBeVisible();

    await openLink(clientPhone.page, invitation);
    await expectHome(clientPhone.page, oak.slug, 'Lena', oak.name);

    await openPortalTab(page, client.id);
    await expect(page.getByRole('combobox', { name: 'Email' })).toHaveValue('lena.new@example.test (primary)');
    await expectAccessState(page, 'Active');
  });

  test('"Keep current access" leaves the portal as it was', async ({ browser, server }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Lena',
      lastName: 'Fischer',
      emails: [{ address: 'lena.old@example.test' }, { address: 'lena.new@example.test' }],
    });
    const clientPhone = await activeClient(browser, server, api, client, 'lena.old@example.test');
    await page.goto(`/clients/${client.id}/edit`);
    await page.getByRole('radio', { name: 'Primary email 2' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const modal = page.getByRole('dialog', { name: 'Update Client Portal access?' });
    await modal.getByRole('button', { name: 'Keep current access' }).click();
    await expect(modal).toBeHidden();

    await clientPhone.page.reload();
    await expectHome(clientPhone.page, oak.slug, 'Lena', oak.name);
    const view = await api.access(client.id);
    expect(view.state).toBe('active');
    expect(view.email?.address).toBe('lena.old@example.test');
    expect(server.mail.messages.filter((m) => m.to.includes('lena.new@example.test'))).toHaveLength(0);
  });

  test("the portal email's address edited in Client Info: asked before saving → Yes, Disable and Resend; the old address is dead", async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Rosa',
      lastName: 'Klein',
      emails: [{ address: 'rosa.old@example.test' }],
    });
    const clientPhone = await activeClient(browser, server, api, client, 'rosa.old@example.test');
    // A sign-in link the old mailbox asked for and has not used yet.
    await requestLinkOnPortal((await newDevice(browser, server, phone)).page, oak.slug, 'rosa.old@example.test');
    const pendingLink = await nextSignInEmail(server, 'rosa.old@example.test', oak.slug, 2);

    await page.goto(`/clients/${client.id}/edit`);
    const address = page.getByRole('textbox', { name: 'Email address 1' });
    await address.fill('rosa.new@example.test');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const modal = page.getByRole('dialog', { name: 'Update Client Portal access?' });
    await expect(modal).toBeVisible();
    await expect(modal).toContainText(
      'The Client Portal uses rosa.old@example.test, which you changed to rosa.new@example.test.',
    );
    await expect(modal).toContainText('also emails a new invitation to rosa.new@example.test');
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-portal-email-changed-modal', viewportShot);

    // Back to editing saves nothing: the client is still signed in on the old address.
    await modal.getByRole('button', { name: 'Back to editing' }).click();
    await expect(modal).toBeHidden();
    await expect(address).toHaveValue('rosa.new@example.test');
    expect((await api.get<Client>(`/clients/${client.id}`)).emails.map((e) => e.address)).toEqual([
      'rosa.old@example.test',
    ]);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await modal.getByRole('button', { name: 'Yes, Disable and Resend' }).click();
    await expect(modal).toBeHidden();
    await expect(page.getByText('Client Portal invitation sent to rosa.new@example.test')).toBeVisible();
    const invitation = await nextSignInEmail(server, 'rosa.new@example.test', oak.slug);
    expect(invitation.mail.subject).toBe(`Your Client Portal invitation from ${oak.name}`);

    // Nothing works on the old address: the session, the pending link, asking for a new one.
    await clientPhone.page.reload();
    await expect(clientPhone.page).toHaveURL(new RegExp(`/portal/${oak.slug}$`));
    await expect(clientPhone.page.getByText('You have been signed out.')).toBeVisible();
    await openLink(clientPhone.page, pendingLink);
    await expectLinkProblem(clientPhone.page, 'This link no longer works');
    await requestLinkOnPortal(clientPhone.page, oak.slug, 'rosa.old@example.test');

    await openLink(clientPhone.page, invitation);
    await expectHome(clientPhone.page, oak.slug, 'Rosa', oak.name);
    await openPortalTab(page, client.id);
    await expect(page.getByRole('combobox', { name: 'Email' })).toHaveValue('rosa.new@example.test (primary)');
    await expectAccessState(page, 'Active');
    expect(emailsTo(server, 'rosa.old@example.test')).toHaveLength(2);
  });

  test('the portal email removed in Client Info: "Save and disable access" signs the client out and invites nobody', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Tomas',
      lastName: 'Berg',
      emails: [{ address: 'tomas.home@example.test' }, { address: 'tomas.work@example.test', type: 'work' }],
    });
    const clientPhone = await activeClient(browser, server, api, client, 'tomas.home@example.test');

    await page.goto(`/clients/${client.id}/edit`);
    await page.getByRole('button', { name: 'Remove email 1' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const modal = page.getByRole('dialog', { name: 'Update Client Portal access?' });
    await expect(modal).toContainText(
      'The Client Portal uses tomas.home@example.test, which you removed from the client’s emails.',
    );
    await expect(modal).toContainText('also emails a new invitation to tomas.work@example.test');
    await modal.getByRole('button', { name: 'Save and disable access' }).click();
    await expect(modal).toBeHidden();
    await expect(
      page.getByText('Client Portal access is disabled; nothing sent to tomas.home@example.test works any more.'),
    ).toBeVisible();

    await clientPhone.page.reload();
    await expect(clientPhone.page.getByText('You have been signed out.')).toBeVisible();
    await requestLinkOnPortal(clientPhone.page, oak.slug, 'tomas.home@example.test');
    await openPortalTab(page, client.id);
    await expectAccessState(page, 'Disabled');
    await expect(page.getByText('Access disabled', { exact: true })).toBeVisible(); // Portal activity
    expect(emailsTo(server, 'tomas.home@example.test')).toHaveLength(1);
    expect(emailsTo(server, 'tomas.work@example.test')).toHaveLength(0);
  });

  test('permissions: uncheck "Use secure messaging", save, reload: kept; paying is disabled with the reason', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Omar',
      lastName: 'Haddad',
      emails: [{ address: 'omar@example.test' }],
    });
    await openPortalTab(page, client.id);
    await expect(page.getByRole('heading', { level: 2, name: 'Client Portal permissions' })).toBeVisible();
    const messaging = page.getByRole('checkbox', { name: 'Use secure messaging' });
    await expect(page.getByRole('checkbox', { name: 'Allow online appointment requests' })).toBeChecked();
    await expect(messaging).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Access billing documents' })).toBeChecked();
    const pay = page.getByRole('checkbox', { name: 'Pay outstanding balance' });
    await expect(pay).toBeDisabled();
    await expect(
      page.getByText('Online payments are not set up for this practice yet, so clients cannot pay in the portal.'),
    ).toBeVisible();

    await messaging.uncheck();
    await page.getByRole('button', { name: 'Save permissions' }).click();
    await expect(page.getByText('Permissions saved')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Use secure messaging' })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Allow online appointment requests' })).toBeChecked();
    await expect(page.getByText('Permissions changed', { exact: true })).toBeVisible();
    expect((await api.access(client.id)).permissions).toEqual({
      appointments: true,
      messaging: false,
      billing: true,
      pay: false,
    });
  });

  test('"Disable access" signs the client out at once and kills their links; "Send email" restores access', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Ivy',
      lastName: 'Chen',
      emails: [{ address: 'ivy@example.test' }],
    });
    const clientPhone = await activeClient(browser, server, api, client, 'ivy@example.test');
    // A link the client asked for before access was disabled.
    await requestLinkOnPortal((await newDevice(browser, server, phone)).page, oak.slug, 'ivy@example.test');
    const pendingLink = await nextSignInEmail(server, 'ivy@example.test', oak.slug, 2);

    await openPortalTab(page, client.id);
    await page.getByRole('button', { name: 'Disable access' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disable Client Portal access?' });
    await expect(confirm).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-disable-access-modal', viewportShot);
    await confirm.getByRole('button', { name: 'Disable access' }).click();
    await expect(confirm).toBeHidden();
    await expectAccessState(page, 'Disabled');
    await expect(accessSection(page).getByText(/^Access disabled /)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Disable access' })).toHaveCount(0);
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-portal-tab-disabled', screenshot);

    // The client's next navigation finds them signed out.
    await clientPhone.page.reload();
    await expect(clientPhone.page).toHaveURL(new RegExp(`/portal/${oak.slug}$`));
    await expect(clientPhone.page.getByText('You have been signed out.')).toBeVisible();
    await openLink(clientPhone.page, pendingLink);
    await expectLinkProblem(clientPhone.page, 'This link no longer works');
    // Asking for a link on the portal sends nothing while access is disabled.
    await requestLinkOnPortal(clientPhone.page, oak.slug, 'ivy@example.test');

    // Send email restores access with a fresh invitation.
    await page.getByRole('button', { name: 'Send email' }).click();
    await expectAccessState(page, 'Invited, not signed in yet');
    const fresh = await nextSignInEmail(server, 'ivy@example.test', oak.slug, 3);
    expect(fresh.mail.subject).toBe(`Your Client Portal invitation from ${oak.name}`);
    await openLink(clientPhone.page, fresh);
    await expectHome(clientPhone.page, oak.slug, 'Ivy', oak.name);
    await page.reload();
    await expectAccessState(page, 'Active');
  });

  test('the whole portal switched off in Settings, then on again: previous access returns', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Noor',
      lastName: 'Aziz',
      emails: [{ address: 'noor@example.test' }],
    });
    const clientPhone = await activeClient(browser, server, api, client, 'noor@example.test');

    await page.goto('/clients');
    await page.getByRole('link', { name: 'Settings' }).click();
    // Settings opens on the Practice profile; the portal switch is under Client Portal permissions.
    await expect(page).toHaveURL(/\/settings\/practice$/);
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Client Portal permissions' })
      .click();
    await expect(page).toHaveURL(/\/settings\/portal$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Client Portal permissions' })).toBeVisible();
    await expect(page.getByText(`${server.url}/portal/${oak.slug}`)).toBeVisible();
    const portalSwitch = page.getByRole('switch', { name: 'Client Portal' });
    await expect(portalSwitch).toBeChecked();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-settings-portal', screenshot);

    await portalSwitch.uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    const confirm = page.getByRole('dialog', { name: 'Turn off the Client Portal?' });
    await expect(confirm).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-turn-off-portal-modal', viewportShot);
    await confirm.getByRole('button', { name: 'Turn off the Client Portal' }).click();
    await expect(confirm).toBeHidden();
    await page.reload();
    await expect(page.getByRole('switch', { name: 'Client Portal' })).not.toBeChecked();

    // The client: signed out at once, and the portal is not available.
    await clientPhone.page.reload();
    await expect(
      clientPhone.page.getByRole('heading', { level: 1, name: 'The Client Portal is not available' }),
    ).toBeVisible();
    await clientPhone.page.goto(`/portal/${oak.slug}/sign-in/email`);
    await expect(clientPhone.page.getByRole('button', { name: 'Send link' })).toHaveCount(0);

    // The staff tab says so and cannot send.
    await openPortalTab(page, client.id);
    await expect(
      page.getByRole('alert').filter({ hasText: 'The Client Portal is turned off for your practice.' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Email a sign-in link' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Generate sign-in code' })).toBeDisabled();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-portal-tab-portal-off', screenshot);

    // On again: the client asks for a link and is back in, access still active.
    await page.getByRole('link', { name: 'Open Client Portal settings' }).click();
    await page.getByRole('switch', { name: 'Client Portal' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByText('The Client Portal is on.')).toBeVisible();

    await requestLinkOnPortal(clientPhone.page, oak.slug, 'noor@example.test');
    const link = await nextSignInEmail(server, 'noor@example.test', oak.slug, 2);
    await openLink(clientPhone.page, link);
    await expectHome(clientPhone.page, oak.slug, 'Noor', oak.name);
    await openPortalTab(page, client.id);
    await expectAccessState(page, 'Active');
  });

  test('without a consenting email the tab explains why and links to Client Info', async ({ browser, server }) => {
    const { page, api } = await staffDevice(browser, server, oak);
    const client = await api.createClient({
      firstName: 'Theo',
      lastName: 'Martin',
      emails: [{ address: 'theo@example.test', emailOk: false }],
    });
    await openPortalTab(page, client.id);
    await expectAccessState(page, 'Not invited');
    await expect(page.getByRole('button', { name: 'Send email' })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Email' })).toHaveCount(0);
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'staff-portal-tab-no-consent', screenshot);
    await page.getByRole('button', { name: 'Go to Client Info' }).click();
    await expect(page.getByRole('tab', { name: 'Client Info', selected: true })).toBeVisible();
    await page.getByRole('switch', { name: 'Email OK 1' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('tab', { name: 'Client Portal' }).click();
    await expect(page.getByRole('combobox', { name: 'Email' })).toHaveValue('theo@example.test (primary)');
    await page.getByRole('button', { name: 'Send email' }).click();
    await waitForEmail(server, 'theo@example.test');
  });
});
