import type { Browser, Page } from '@playwright/test';
import { expectAccessible, screenshot } from './support/fixtures.js';
import type { Portico } from './support/portico.js';
import {
  accessSection,
  desktop,
  expect,
  expectHome,
  nextSignInEmail,
  openLink,
  openPortalTab,
  phone,
  portalPath,
  practiceNamed,
  practiceWithSignedInClient,
  requestLinkOnPortal,
  screenshotBoth,
  settle,
  test,
} from './support/portal.js';

const oak = practiceNamed('Oak & Pine Therapy', 'oak-pine');
const maya = { firstName: 'Maya', lastName: 'Lindqvist', address: 'maya@example.test' };
const draft = 'Could we move Thursday’s session to the afternoon? I have a work meeting until 2.';

/** Within seconds, without a reload: generous for a shared machine, far below any session timeout. */
const promptly = { timeout: 15_000 };

/**
 * Oak & Pine with its owner signed in (staff API, desktop), and Maya signed in to the portal on a
 * device of her own, with messaging allowed.
 */
async function signedInClient(browser: Browser, server: Portico, viewport = desktop) {
  const world = await practiceWithSignedInClient(browser, server, oak, maya, viewport);
  const view = await world.staff.api.access(world.client.id);
  await world.staff.api.savePermissions(world.client.id, { ...view.permissions, messaging: true });
  return world;
}

/** Messages, with the live event stream open (so what follows is pushed, not found on a reload). */
async function openMessages(page: Page): Promise<void> {
  const stream = page.waitForResponse((response) => response.url().endsWith(`/api/portal/${oak.slug}/events`));
  await page.goto(`${portalPath(oak.slug)}/messages`);
  expect((await stream).status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
}

const composer = (page: Page) => page.getByRole('form', { name: `Write to ${oak.name}` });
const messageBox = (page: Page) => composer(page).getByRole('textbox', { name: 'Message' });
const notAvailable = (page: Page) =>
  page.getByRole('heading', { level: 1, name: 'The Client Portal is not available' });

async function expectNoSignInForm(page: Page): Promise<void> {
  await expect(page.getByRole('link', { name: "I'm an existing client" })).toHaveCount(0);
  await expect(page.getByLabel('Email address')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}

test.describe('Portal access changes reach open portal pages', () => {
  test('the practice switches the portal off: the open Messages page says not available, and the typed text comes back', async ({
    browser,
    server,
  }) => {
    const { staff, client, clientPage: page } = await signedInClient(browser, server);
    await openMessages(page);
    await messageBox(page).fill(draft);

    // Staff switch the portal off on their own computer; Maya's page follows without a reload.
    await staff.api.setPortalEnabled(false);
    await expect(notAvailable(page)).toBeVisible(promptly);
    await expect(page).toHaveURL(new RegExp(`${portalPath(oak.slug)}$`));
    await expectNoSignInForm(page);
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-live-off-client', screenshot);

    // A reload, or the sign-in pages typed in directly, still offer no sign-in form.
    for (const path of ['', '/sign-in/email', '/sign-in/code', '/messages']) {
      await page.goto(`${portalPath(oak.slug)}${path}`);
      await expect(notAvailable(page)).toBeVisible();
      await expectNoSignInForm(page);
    }

    // The staff side says the practice's portal is off instead of "Active".
    await openPortalTab(staff.page, client.id);
    const badge = accessSection(staff.page).getByText('Portal off for practice', { exact: true });
    await expect(badge).toBeVisible();
    await expect(accessSection(staff.page).getByText('Active', { exact: true })).toHaveCount(0);
    await settle(staff.page);
    await expectAccessible(staff.page);
    await screenshotBoth(staff.page, 'portal-live-off-staff-badge', screenshot);
    await badge.hover();
    await expect(staff.page.getByRole('tooltip')).toContainText('The Client Portal is turned off for the practice');
    await staff.page.screenshot({ path: 'test-results/screenshots/portal-live-off-staff-tooltip-desktop.png' });

    // Back on: Maya signs in again and finds her words where she left them.
    await staff.api.setPortalEnabled(true);
    await staff.page.reload();
    await expect(accessSection(staff.page).getByText('Active', { exact: true })).toBeVisible();
    await expect(accessSection(staff.page).getByText('Portal off for practice', { exact: true })).toHaveCount(0);
    await requestLinkOnPortal(page, oak.slug, maya.address);
    await openLink(page, await nextSignInEmail(server, maya.address, oak.slug, 2));
    await expectHome(page, oak.slug, maya.firstName, oak.name);
    await openMessages(page);
    await expect(messageBox(page)).toHaveValue(draft);

    // Sent, the kept text is gone: a reload starts empty.
    await composer(page).getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('log', { name: `Conversation with ${oak.name}` })).toContainText('Thursday');
    await expect(messageBox(page)).toHaveValue('');
    await page.reload();
    await expect(messageBox(page)).toHaveValue('');
  });

  test('the practice disables one client: every open tab signs out at once, and the typed text waits until Discard', async ({
    browser,
    server,
  }) => {
    const { staff, client, clientPage: page } = await signedInClient(browser, server, phone);
    const secondTab = await page.context().newPage();
    await openMessages(page);
    await openMessages(secondTab);
    await messageBox(page).fill(draft);

    await staff.api.disable(client.id);
    for (const tab of [page, secondTab]) {
      await expect(tab.getByText('You have been signed out.')).toBeVisible(promptly);
      await expect(tab).toHaveURL(new RegExp(`${portalPath(oak.slug)}$`));
    }
    await secondTab.close();
    // The portal itself is still on for everyone else: the landing offers signing in.
    await expect(page.getByRole('link', { name: "I'm an existing client" })).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-live-disabled-client', screenshot);

    // Staff restore access with a new invitation; Maya opens it and finds her draft.
    await staff.api.invite(client, maya.address);
    await openLink(page, await nextSignInEmail(server, maya.address, oak.slug, 2));
    await expectHome(page, oak.slug, maya.firstName, oak.name);
    await openMessages(page);
    await expect(messageBox(page)).toHaveValue(draft);
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-live-draft-restored', screenshot);

    // Discard empties it for good.
    await composer(page).getByRole('button', { name: 'Discard' }).click();
    await expect(messageBox(page)).toHaveValue('');
    await expect(composer(page).getByRole('button', { name: 'Discard' })).toHaveCount(0);
    await page.reload();
    await expect(messageBox(page)).toHaveValue('');
  });
});
