import type { Page } from '@playwright/test';
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
import { acceptAsNewPerson, acceptLink } from './support/team.js';

/** Settings → Team: invitations, accepting, deactivation, and one person on two practices' teams. */

async function openTeam(page: Page) {
  await page.goto('/settings/team');
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
}

function row(page: Page, name: string) {
  return page.getByRole('listitem', { name });
}

async function invite(page: Page, person: { name: string; email: string; roles: string[]; message?: string }) {
  await page.getByRole('button', { name: 'Invite team member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite team member' });
  await dialog.getByLabel('Name').fill(person.name);
  await dialog.getByLabel('Email').fill(person.email);
  for (const role of ['Owner', 'Clinician', 'Biller', 'Scheduler']) {
    const box = dialog.getByRole('checkbox', { name: role });
    if ((await box.isChecked()) !== person.roles.includes(role)) await box.click();
  }
  if (person.message) await dialog.getByLabel('Message (optional)').fill(person.message);
  return dialog;
}

/** Opens the emailed link in a browser of its own, chooses a password and lands signed in. */
test('the owner invites a clinician and a biller, each accepts in a browser of their own, and a deactivated member is signed out', async ({
  browser,
  server,
}) => {
  const practice = practiceNamed('Harbour Counselling', 'harbour-counselling');
  const { page } = await staffDevice(browser, server, practice);
  await openTeam(page);
  await expect(row(page, practice.ownerName)).toContainText('Owner, Clinician');
  await expect(row(page, practice.ownerName)).toContainText('Active');

  const clinician = { name: 'Cleo Clinician', email: 'cleo@harbour.test' };
  const biller = { name: 'Bram Biller', email: 'bram@harbour.test' };
  const dialog = await invite(page, { ...biller, roles: ['Biller'], message: 'Welcome, Bram. Billing starts Monday.' });
  await settle(page);
  await expectAccessible(page);
  await viewportShot(page, 'team-invite-dialog-desktop');
  await page.setViewportSize(phone);
  await settle(page);
  await viewportShot(page, 'team-invite-dialog-phone');
  await page.setViewportSize(desktop);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();
  await (
    await invite(page, { ...clinician, roles: ['Clinician'] })
  )
    .getByRole('button', { name: 'Send invitation' })
    .click();

  // The same email again is refused, naming the field.
  const again = await invite(page, { ...clinician, roles: ['Clinician'] });
  await again.getByRole('button', { name: 'Send invitation' }).click();
  await expect(again.getByText('Already has a pending invitation')).toBeVisible();
  await again.getByRole('button', { name: 'Cancel' }).click();

  await expect(row(page, biller.name)).toContainText('Invited');
  await expect(row(page, clinician.name)).toContainText('Invited');
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'team-page', screenshot);

  // Each accepts in a browser of their own: the biller on a phone.
  const billerMail = await waitForEmail(server, biller.email);
  expect(billerMail.subject).toBe(`You are invited to join ${practice.name}`);
  expect(billerMail.text).toContain('Welcome, Bram. Billing starts Monday.');
  const billerDevice = await newDevice(browser, server, phone);
  await billerDevice.page.goto(acceptLink(server, billerMail));
  await expect(billerDevice.page.getByRole('heading', { name: `Join ${practice.name}` })).toBeVisible();
  await expect(billerDevice.page.getByText('as Biller')).toBeVisible();
  await expectAccessible(billerDevice.page);
  await screenshotBoth(billerDevice.page, 'team-accept-page', screenshot);
  await acceptAsNewPerson(billerDevice.page, acceptLink(server, billerMail), practice.name);

  const clinicianDevice = await newDevice(browser, server, desktop);
  await acceptAsNewPerson(
    clinicianDevice.page,
    acceptLink(server, await waitForEmail(server, clinician.email)),
    practice.name,
  );
  // The link works once.
  await clinicianDevice.page.goto(acceptLink(server, await waitForEmail(server, clinician.email)));
  await expect(clinicianDevice.page.getByRole('heading', { name: 'This invitation does not work' })).toBeVisible();
  await clinicianDevice.page.goto('/clients');
  await expect(clinicianDevice.page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();

  await page.reload();
  await expect(row(page, biller.name)).toContainText('Active');
  await expect(row(page, biller.name)).toContainText('Biller');
  await expect(row(page, clinician.name)).toContainText('Active');

  // Deactivate: the biller's open session stops working at once.
  await row(page, biller.name)
    .getByRole('button', { name: `Deactivate ${biller.name}` })
    .click();
  const confirm = page.getByRole('dialog', { name: `Deactivate ${biller.name}?` });
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(row(page, biller.name)).toContainText('Deactivated');
  expect((await billerDevice.page.request.get('/api/account')).status()).toBe(401);
  await billerDevice.page.reload();
  await expect(billerDevice.page).toHaveURL(/\/sign-in/);
  // The clinician is untouched.
  expect((await clinicianDevice.page.request.get('/api/account')).status()).toBe(200);

  // Reactivate: the biller signs in again.
  await row(page, biller.name)
    .getByRole('button', { name: `Reactivate ${biller.name}` })
    .click();
  await expect(row(page, biller.name)).toContainText('Active');

  // Change roles; the last owner cannot step down.
  await row(page, clinician.name)
    .getByRole('button', { name: `Change roles of ${clinician.name}` })
    .click();
  const roles = page.getByRole('dialog', { name: `Roles of ${clinician.name}` });
  await roles.getByRole('checkbox', { name: 'Scheduler' }).click();
  await roles.getByRole('button', { name: 'Save roles' }).click();
  await expect(roles).toBeHidden();
  await expect(row(page, clinician.name)).toContainText('Clinician, Scheduler');
  await row(page, practice.ownerName)
    .getByRole('button', { name: `Change roles of ${practice.ownerName}` })
    .click();
  const own = page.getByRole('dialog', { name: `Roles of ${practice.ownerName}` });
  await own.getByRole('checkbox', { name: 'Owner' }).click();
  await own.getByRole('button', { name: 'Save roles' }).click();
  await expect(own.getByRole('alert')).toContainText('at least one active owner');
  await own.getByRole('button', { name: 'Cancel' }).click();

  // Resend replaces the link; Revoke ends it.
  const late = { name: 'Lena Late', email: 'lena@harbour.test' };
  await (
    await invite(page, { ...late, roles: ['Scheduler'] })
  )
    .getByRole('button', { name: 'Send invitation' })
    .click();
  const firstLink = acceptLink(server, await waitForEmail(server, late.email));
  await settle(page);
  await row(page, late.name)
    .getByRole('button', { name: `Resend the invitation to ${late.name}` })
    .click();
  const secondLink = acceptLink(server, await waitForEmail(server, late.email, 2));
  expect(secondLink).not.toBe(firstLink);
  const lateDevice = await newDevice(browser, server, desktop);
  await lateDevice.page.goto(firstLink);
  await expect(lateDevice.page.getByRole('heading', { name: 'This invitation does not work' })).toBeVisible();
  await settle(page);
  await row(page, late.name)
    .getByRole('button', { name: `Revoke the invitation to ${late.name}` })
    .click();
  await expect(row(page, late.name)).toHaveCount(0);
  await lateDevice.page.goto('about:blank');
  await lateDevice.page.goto(secondLink);
  await expect(lateDevice.page.getByRole('heading', { name: 'This invitation does not work' })).toBeVisible();
  await expectAccessible(lateDevice.page);
});

test("someone on another practice's team accepts with their own password and switches between the practices", async ({
  browser,
  server,
}) => {
  const harbour = practiceNamed('Harbour Counselling', 'harbour-counselling');
  const willow = practiceNamed('Willow Family Therapy', 'willow-family');
  willow.ownerName = 'Wren Willow';
  const { page: harbourOwner } = await staffDevice(browser, server, harbour);
  const { page } = await staffDevice(browser, server, willow);

  await openTeam(harbourOwner);
  await (
    await invite(harbourOwner, { name: willow.ownerName, email: willow.ownerEmail, roles: ['Clinician'] })
  )
    .getByRole('button', { name: 'Send invitation' })
    .click();
  const mail = await waitForEmail(server, willow.ownerEmail);
  expect(mail.text).toContain('You already have a Portico account with this email');

  await page.goto(acceptLink(server, mail));
  await expect(page.getByRole('heading', { name: `Join ${harbour.name}` })).toBeVisible();
  await page.getByLabel('Your Portico password').fill('not my password at all');
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page.getByText('Is not the password of your Portico account', { exact: true })).toBeVisible();
  await page.getByLabel('Your Portico password').fill(willow.password);
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'team-accept-existing-account', screenshot);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: `Portico — ${harbour.name}` })).toBeVisible();

  // The account menu offers the other practice.
  for (const viewport of [desktop, phone]) {
    await page.setViewportSize(viewport);
    await page.getByRole('button', { name: `Account menu for ${willow.ownerName}` }).click();
    const menu = page.getByRole('menu');
    await expect(menu.getByText('Switch practice')).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: willow.name })).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await viewportShot(page, `team-practice-switcher-${viewport === desktop ? 'desktop' : 'phone'}`);
    await expect(menu).toBeVisible();
    await page.getByRole('button', { name: `Account menu for ${willow.ownerName}` }).click();
    await expect(menu).toBeHidden();
  }
  await page.setViewportSize(desktop);
  await page.getByRole('button', { name: `Account menu for ${willow.ownerName}` }).click();
  await page.getByRole('menuitem', { name: willow.name }).click();
  await expect(page.getByRole('link', { name: `Portico — ${willow.name}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  // As Willow's owner they see Willow's team; back in Harbour they are a clinician, without Team.
  await openTeam(page);
  await page.getByRole('button', { name: `Account menu for ${willow.ownerName}` }).click();
  await page.getByRole('menuitem', { name: harbour.name }).click();
  await expect(page.getByRole('link', { name: `Portico — ${harbour.name}` })).toBeVisible();
  await page.goto('/settings/account');
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Team' })).toHaveCount(0);

  // Deactivated in Harbour, they can no longer switch there, and are signed out of it at once.
  await openTeam(harbourOwner);
  await row(harbourOwner, willow.ownerName)
    .getByRole('button', { name: `Deactivate ${willow.ownerName}` })
    .click();
  await harbourOwner.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(row(harbourOwner, willow.ownerName)).toContainText('Deactivated');
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(willow.ownerEmail);
  await page.getByLabel('Password').fill(willow.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: `Portico — ${willow.name}` })).toBeVisible();
  await page.getByRole('button', { name: `Account menu for ${willow.ownerName}` }).click();
  await expect(page.getByRole('menu').getByText('Switch practice')).toHaveCount(0);
});
