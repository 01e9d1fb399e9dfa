import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  emailsTo,
  expect,
  expectHome,
  expectLinkProblem,
  expireLink,
  newDevice,
  nextSignInEmail,
  openLink,
  phone,
  practiceNamed,
  requestLinkOnPortal,
  signInWithCode,
  staffDevice,
  test,
  waitForEmail,
} from './support/portal.js';

const oak = practiceNamed('Oak & Pine Therapy', 'oak-pine');

test.describe('Client sign-in on the portal (passwordless)', () => {
  test('a client asks for a link on the portal, signs in with it, signs out, then signs in with the code on another device', async ({
    browser,
    server,
  }) => {
    const staff = await staffDevice(browser, server, oak);
    const client = await staff.api.createClient({
      firstName: 'Maya',
      lastName: 'Lindqvist',
      emails: [{ address: 'maya@example.test' }],
      inviteMessage: 'Welcome, Maya.',
    });
    const invitation = await waitForEmail(server, 'maya@example.test');
    expect(invitation.subject).toBe(`Your Client Portal invitation from ${oak.name}`);

    // The client's phone: the portal address, then "I'm an existing client".
    const phoneDevice = await newDevice(browser, server, phone);
    const page = phoneDevice.page;
    await page.goto(`/portal/${oak.slug}`);
    await expect(page.getByRole('heading', { level: 1, name: oak.name })).toBeVisible();
    await expect(page).toHaveTitle(`Sign in — ${oak.name}`);
    await expectAccessible(page);
    await screenshot(page, 'portal-landing-phone');
    await page.getByRole('link', { name: "I'm an existing client" }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Email address')).toBeFocused();
    await screenshot(page, 'portal-email-form-phone');

    // An unknown email gets the very same neutral answer, and no email.
    await page.getByLabel('Email address').fill('nobody@example.test');
    await page.getByRole('button', { name: 'Send link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    const unknownAnswer = (await page.getByRole('main').innerText()).replace('nobody@example.test', '<email>');
    await page.getByRole('button', { name: 'use a different email' }).click();

    // The client's real email: same page, and a sign-in link arrives.
    await page.getByLabel('Email address').fill('maya@example.test');
    await page.getByRole('button', { name: 'Send link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await expect(page.getByText('maya@example.test', { exact: true })).toBeVisible();
    const knownAnswer = (await page.getByRole('main').innerText()).replace('maya@example.test', '<email>');
    expect(knownAnswer, 'the answer must not tell which emails have access').toBe(unknownAnswer);
    await expectAccessible(page);
    await screenshot(page, 'portal-check-email-phone');

    const link = await nextSignInEmail(server, 'maya@example.test', oak.slug, 2);
    expect(link.mail.subject).toBe(`Your sign-in link for ${oak.name}`);
    expect(link.mail.fromName).toBe(oak.name);
    // The request for the unknown address came first; its email would have been delivered first.
    expect(emailsTo(server, 'nobody@example.test')).toEqual([]);

    await openLink(page, link);
    await expectHome(page, oak.slug, 'Maya', oak.name);
    await expect(page).toHaveTitle(`Home — ${oak.name}`);
    await expectAccessible(page);
    await screenshot(page, 'portal-home-phone');

    // Access is active now, as the staff see it.
    expect((await staff.api.access(client.id)).state).toBe('active');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/${oak.slug}$`));
    await expect(page.getByRole('status').filter({ hasText: 'You have been signed out.' })).toBeVisible();
    await screenshot(page, 'portal-signed-out-phone');
    await page.goto(`/portal/${oak.slug}/home`);
    await expect(page).toHaveURL(new RegExp(`/portal/${oak.slug}$`));
    await expect(page.getByRole('link', { name: "I'm an existing client" })).toBeVisible();

    // On a laptop: ask for a link there, but sign in with the code from the email instead.
    const laptop = await newDevice(browser, server);
    await requestLinkOnPortal(laptop.page, oak.slug, 'maya@example.test');
    const codeEmail = await nextSignInEmail(server, 'maya@example.test', oak.slug, 3);
    await signInWithCode(laptop.page, 'maya@example.test', '000000' === codeEmail.code ? '111111' : '000000');
    await expect(laptop.page.getByText('That code is not right.')).toBeVisible();
    await signInWithCode(laptop.page, 'maya@example.test', codeEmail.code);
    await expectHome(laptop.page, oak.slug, 'Maya', oak.name);
    await screenshot(laptop.page, 'portal-home-desktop');

    // Signing in consumed that email's link too.
    const other = await newDevice(browser, server, phone);
    await openLink(other.page, codeEmail);
    await expectLinkProblem(other.page, 'This link has already been used');
  });

  test('the code page on its own: the code from any recent sign-in email works, typed on another device', async ({
    browser,
    server,
  }) => {
    const staff = await staffDevice(browser, server, oak);
    await staff.api.createClient({
      firstName: 'Jonah',
      lastName: 'Reyes',
      preferredName: 'Joe',
      emails: [{ address: 'jonah@example.test' }],
      inviteMessage: 'Welcome.',
    });
    const invitation = await nextSignInEmail(server, 'jonah@example.test', oak.slug);

    const { page } = await newDevice(browser, server, phone);
    await page.goto(`/portal/${oak.slug}`);
    await page.getByRole('link', { name: 'Enter your code' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'portal-code-page-phone');
    await signInWithCode(page, 'jonah@example.test', invitation.code);
    // The preferred name greets the client.
    await expectHome(page, oak.slug, 'Joe', oak.name);
  });

  test('a used link says so', async ({ browser, server }) => {
    const staff = await staffDevice(browser, server, oak);
    await staff.api.createClient({
      firstName: 'Priya',
      lastName: 'Nair',
      emails: [{ address: 'priya@example.test' }],
      inviteMessage: 'Welcome, Priya.',
    });
    const invitation = await nextSignInEmail(server, 'priya@example.test', oak.slug);

    // The invitation signs in once; opened again (another device) it says it has been used.
    const first = await newDevice(browser, server, phone);
    await openLink(first.page, invitation);
    await expectHome(first.page, oak.slug, 'Priya', oak.name);
    const { page } = await newDevice(browser, server, phone);
    await openLink(page, invitation);
    await expectLinkProblem(page, 'This link has already been used');
    await expect(page.getByText('Each sign-in link works only once')).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'portal-link-used-phone');
    // Reloading the problem page does not sign in either (the token left the address bar).
    await page.reload();
    await expectLinkProblem(page, "This link isn't valid");
  });

  test('superseded and expired links say so, and "Email me a new link" sends one that works', async ({
    browser,
    server,
  }) => {
    const staff = await staffDevice(browser, server, oak);
    const client = await staff.api.createClient({
      firstName: 'Priya',
      lastName: 'Nair',
      emails: [{ address: 'priya@example.test' }],
      inviteMessage: 'Welcome, Priya.',
    });
    await waitForEmail(server, 'priya@example.test');
    const { page } = await newDevice(browser, server, phone);

    // 4 more links asked for: with the invitation that is 5 unused; only the 3 newest work.
    const links = [];
    for (let n = 2; n <= 5; n++) {
      const answer = await page.request.post(`/api/portal/${oak.slug}/sign-in/request`, {
        data: { email: 'priya@example.test' },
      });
      expect(answer.status()).toBe(200);
      links.push(await nextSignInEmail(server, 'priya@example.test', oak.slug, n));
    }
    const [oldest, , third, newest] = links;
    if (!oldest || !third || !newest) throw new Error('four links expected');
    await openLink(page, oldest);
    await expectLinkProblem(page, 'A newer link was sent');
    await expectAccessible(page);
    await screenshot(page, 'portal-link-superseded-phone');

    // Expired: the fake clock moves the newest link's expiry into the past.
    await expireLink(server, newest.token);
    await openLink(page, newest);
    await expectLinkProblem(page, 'This link has expired');
    await expectAccessible(page);
    await screenshot(page, 'portal-link-expired-phone');

    // One button: a new link goes to the client's portal email, and it works.
    await page.getByRole('button', { name: 'Email me a new link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await screenshot(page, 'portal-new-link-sent-phone');
    const fresh = await nextSignInEmail(server, 'priya@example.test', oak.slug, 6);
    expect(fresh.token).not.toBe(newest.token);
    await openLink(page, fresh);
    await expectHome(page, oak.slug, 'Priya', oak.name);
    expect((await staff.api.access(client.id)).state).toBe('active');

    // Signing in consumed every other link: the third one, still live a moment ago, is used now.
    const other = await newDevice(browser, server, phone);
    await openLink(other.page, third);
    await expectLinkProblem(other.page, 'This link has already been used');
  });

  test("another practice's portal address does not take this practice's link", async ({ browser, server }) => {
    const staff = await staffDevice(browser, server, oak);
    await staff.api.createClient({
      firstName: 'Priya',
      lastName: 'Nair',
      emails: [{ address: 'priya@example.test' }],
      inviteMessage: 'Welcome, Priya.',
    });
    const oakLink = await nextSignInEmail(server, 'priya@example.test', oak.slug);
    const cedar = practiceNamed('Cedar Grove Counselling', 'cedar-grove');
    await staffDevice(browser, server, cedar);

    const { page } = await newDevice(browser, server, phone);
    await openLink(page, oakLink.url.replace(`/portal/${oak.slug}/`, `/portal/${cedar.slug}/`));
    await expectLinkProblem(page, "This link isn't valid");
    await expect(page.getByText(cedar.name).first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'portal-link-invalid-phone');
    // "Email me a new link" here leads to Cedar Grove's own email form, not to a sign-in.
    await page.getByRole('link', { name: 'Email me a new link' }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/${cedar.slug}/sign-in/email$`));
    // The failed attempt did not spend the link: it still works at its own practice.
    await openLink(page, oakLink);
    await expectHome(page, oak.slug, 'Priya', oak.name);
  });

  test('a garbled link and an unknown portal address', async ({ browser, server }) => {
    await staffDevice(browser, server, oak);
    const { page } = await newDevice(browser, server, phone);
    await page.goto(`/portal/${oak.slug}/sign-in#token=tooshort`);
    await expectLinkProblem(page, "This link isn't valid");
    await page.goto(`/portal/${oak.slug}/sign-in`);
    await expectLinkProblem(page, "This link isn't valid");
    await page.goto('/portal/no-such-practice');
    await expect(page.getByRole('link', { name: "I'm an existing client" })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: "We couldn't find this Client Portal" })).toBeVisible();
    await screenshot(page, 'portal-unknown-address-phone');
  });
});

test('the portal turned off: the landing says not available, and no link can be asked for', async ({
  browser,
  server,
}) => {
  const staff = await staffDevice(browser, server, oak);
  await staff.api.createClient({
    firstName: 'Ana',
    lastName: 'Sousa',
    emails: [{ address: 'ana@example.test' }],
    inviteMessage: 'Welcome.',
  });
  const invitation = await nextSignInEmail(server, 'ana@example.test', oak.slug);
  await staff.api.setPortalEnabled(false);

  const { page } = await newDevice(browser, server, phone);
  await page.goto(`/portal/${oak.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: 'The Client Portal is not available' })).toBeVisible();
  await expect(page.getByRole('link', { name: "I'm an existing client" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'portal-not-available-phone');
  await page.goto(`/portal/${oak.slug}/sign-in/email`);
  await expect(page.getByRole('heading', { level: 1, name: 'The Client Portal is not available' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send link' })).toHaveCount(0);
  // A link opened while the portal is off says so too, and offers no new link; it still works later.
  await openLink(page, invitation);
  await expect(page.getByRole('heading', { level: 1, name: 'The Client Portal is not available' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Email me a new link' })).toHaveCount(0);

  // Even straight at the API, a request sends nothing while the portal is off.
  const answer = await page.request.post(`/api/portal/${oak.slug}/sign-in/request`, {
    data: { email: 'ana@example.test' },
  });
  expect(answer.status()).toBe(200);

  await staff.api.setPortalEnabled(true);
  await page.goto(`/portal/${oak.slug}`);
  await expect(page.getByRole('link', { name: "I'm an existing client" })).toBeVisible();
  await openLink(page, invitation);
  await expectHome(page, oak.slug, 'Ana', oak.name);
  expect(emailsTo(server, 'ana@example.test')).toHaveLength(1);
});
