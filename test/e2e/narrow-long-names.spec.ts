import type { Locator, Page } from '@playwright/test';
import { sampleFiles } from '../helpers/messages.js';
import { screenshot } from './support/fixtures.js';
import {
  desktop,
  expect,
  newDevice,
  nextSignInEmail,
  openLink,
  practiceNamed,
  settle,
  staffDevice,
  test,
} from './support/portal.js';

/**
 * Long names never widen a page: a practice, a client and an email address with 100-character
 * unbroken words, on a 360 px phone, on every staff and portal page. A page that scrolls sideways
 * fails with its name and the elements that stick out.
 */

const narrow = { width: 360, height: 740 };

const longWord = (start: string, length: number) => (start + 'x'.repeat(length)).slice(0, length);

const practice = practiceNamed(`Practice${longWord('Longname', 112)}`, 'long-names-practice');
const firstName = longWord('First', 100);
const lastName = longWord('Last', 100);
const address = `${longWord('mail', 60)}@${longWord('domain', 60)}.example.test`;
const messageWord = longWord('Unbroken', 150);
const fileName = `${longWord('attachment', 120)}.pdf`;

/** Fails (softly, so one run lists every page) if the page or its body is wider than the window. */
async function expectNoSideScroll(page: Page, name: string): Promise<void> {
  // A phone zooms out to show a page wider than itself, so innerWidth alone would grow with it.
  const found = await page.evaluate((phoneWidth) => {
    const width = Math.min(window.innerWidth, phoneWidth);
    const sticksOut = (element: Element) => element.getBoundingClientRect().right > width + 0.5;
    // What widens the page: the outermost element past the edge, not fixed (a header stretches with
    // the zoomed-out page) and not inside a box that scrolls or clips it.
    const clipped = (element: Element) => {
      for (let up = element.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll<HTMLElement>('*')]
      .filter((element) => sticksOut(element) && getComputedStyle(element).position !== 'fixed')
      .filter((element) => !element.parentElement || !sticksOut(element.parentElement))
      .filter((element) => !clipped(element))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
    // A box that scrolls or clips sideways must not hide a name either (a table may scroll, text
    // cut with an ellipsis is meant to be, and so are a switch's track and visually hidden labels).
    const hidden = [...document.body.querySelectorAll<HTMLElement>('*')]
      .filter((element) => {
        const style = getComputedStyle(element);
        return (
          style.overflowX !== 'visible' &&
          style.textOverflow !== 'ellipsis' &&
          !element.matches(
            'input, textarea, select, .mantine-TableScrollContainer-scrollContainer, .mantine-Switch-track',
          ) &&
          element.clientWidth > 1 &&
          element.scrollWidth > element.clientWidth + 1
        );
      })
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
    return {
      width,
      page: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      wide,
      hidden,
    };
  }, narrow.width);
  const culprits = found.wide.join(', ');
  expect.soft(found.page, `${name}: the page is wider than the window (${culprits})`).toBeLessThanOrEqual(found.width);
  expect.soft(found.body, `${name}: the body is wider than the window (${culprits})`).toBeLessThanOrEqual(found.width);
  expect.soft(found.hidden, `${name}: boxes that cut off what is in them`).toEqual([]);
}

async function check(page: Page, name: string, ready: Locator): Promise<void> {
  await expect(ready, `${name} shows`).toBeVisible();
  await settle(page);
  await expectNoSideScroll(page, name);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `narrow-${name}`);
}

test('long names never make a page scroll sideways at 360 px', async ({ browser, server }) => {
  test.setTimeout(240_000);
  const staff = await staffDevice(browser, server, practice, narrow);
  const client = await staff.api.createClient({ firstName, lastName, emails: [{ address }] });
  await staff.api.invite(client, address);
  const invitation = await nextSignInEmail(server, address, practice.slug);
  const view = await staff.api.access(client.id);
  await staff.api.savePermissions(client.id, { ...view.permissions, messaging: true });

  const csrf = ((await (await staff.context.request.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
  const sent = await staff.context.request.post(`/api/clients/${client.id}/messages`, {
    multipart: {
      body: `Here is the form: ${messageWord} and ${address}`,
      attachments: { name: fileName, mimeType: 'application/pdf', buffer: sampleFiles.pdf() },
    },
    headers: { 'x-csrf-token': csrf },
  });
  expect(sent.status(), await sent.text()).toBe(201);

  // The client signs in on a phone of their own and answers.
  const phone = await newDevice(browser, server, narrow);
  const portal = phone.page;
  await openLink(portal, invitation);
  await expect(portal).toHaveURL(new RegExp(`/portal/${practice.slug}/home$`));
  await portal.goto(`/portal/${practice.slug}/messages`);
  await portal.getByRole('textbox', { name: 'Message' }).fill(`Thanks ${messageWord}`);
  await portal.getByRole('button', { name: 'Send' }).click();
  await expect(portal.getByText(`Thanks ${messageWord}`)).toBeVisible();

  // ——— Staff pages ———
  const page = staff.page;
  const name = page.getByText(firstName).first();
  const staffPages: [string, string, Locator][] = [
    ['staff-client-list', '/clients', name],
    ['staff-create-client', '/clients/new', page.getByRole('heading', { level: 1, name: 'Create client' })],
    ['staff-profile-overview', `/clients/${client.id}`, page.getByText(address).first()],
    ['staff-profile-edit-info', `/clients/${client.id}/edit`, page.getByLabel('First name')],
    [
      'staff-profile-edit-portal',
      `/clients/${client.id}/edit?tab=portal`,
      page.getByRole('heading', { level: 2, name: 'Client Portal access' }),
    ],
    ['staff-profile-messages', `/clients/${client.id}/messages`, page.getByText(`Thanks ${messageWord}`)],
    ['staff-messages-inbox', '/messages', name],
    ['staff-messages-conversation', `/messages/${client.id}`, page.getByText(`Thanks ${messageWord}`)],
    ['staff-audit-log', '/audit', page.getByRole('heading', { level: 1, name: 'Audit log' })],
    ['staff-settings', '/settings/portal', page.getByRole('heading', { level: 1 })],
    [
      'staff-settings-practice',
      '/settings/practice',
      page.getByRole('heading', { level: 1, name: 'Practice profile' }),
    ],
    ['staff-settings-account', '/settings/account', page.getByRole('heading', { level: 1, name: 'My account' })],
  ];
  for (const [pageName, path, ready] of staffPages) {
    await page.goto(path);
    await check(page, pageName, ready);
  }

  // The profile and the conversation at desktop width, to look at.
  await page.setViewportSize(desktop);
  await page.goto(`/clients/${client.id}`);
  await expect(page.getByText(address).first()).toBeVisible();
  await settle(page);
  await screenshot(page, 'narrow-staff-profile-overview-desktop');
  await page.goto(`/messages/${client.id}`);
  await expect(page.getByText(`Thanks ${messageWord}`)).toBeVisible();
  await settle(page);
  await screenshot(page, 'narrow-staff-messages-conversation-desktop');

  // ——— Portal pages, signed in ———
  const portalBase = `/portal/${practice.slug}`;
  await portal.goto(`${portalBase}/home`);
  await check(portal, 'portal-home', portal.getByRole('heading', { level: 1 }));
  await portal.goto(`${portalBase}/messages`);
  await check(portal, 'portal-messages', portal.getByText(`Thanks ${messageWord}`));

  // ——— Signed-out pages: the portal's sign-in pages and the staff sign-in ———
  const visitor = (await newDevice(browser, server, narrow)).page;
  await visitor.goto(portalBase);
  await check(visitor, 'portal-landing', visitor.getByRole('link', { name: "I'm an existing client" }));
  await visitor.goto(`${portalBase}/sign-in/email`);
  await check(visitor, 'portal-sign-in-email', visitor.getByLabel('Email address'));
  await visitor.getByLabel('Email address').fill(address);
  await visitor.getByRole('button', { name: 'Send link' }).click();
  await check(visitor, 'portal-check-your-email', visitor.getByRole('heading', { level: 1, name: 'Check your email' }));
  await visitor.goto(`${portalBase}/sign-in/code`);
  await check(visitor, 'portal-sign-in-code', visitor.getByRole('heading', { level: 1 }));
  await visitor.goto('/sign-in');
  await check(visitor, 'staff-sign-in', visitor.getByRole('button', { name: 'Sign in' }));
});
