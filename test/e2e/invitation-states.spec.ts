import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  expect,
  expectHome,
  expireLink,
  invitationRows,
  newDevice,
  nextSignInEmail,
  openLink,
  openPortalTab,
  phone,
  practiceNamed,
  screenshotBoth,
  settle,
  staffDevice,
  test,
  waitForEmail,
} from './support/portal.js';

const cedar = practiceNamed('Cedar Lane Counselling', 'cedar-lane');

test.describe('Invitation states on the Client Portal tab', () => {
  test('each invitation says what became of it: sent, used, replaced, expired, cancelled, failed with the reply', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, cedar);
    const client = await api.createClient({
      firstName: 'Maya',
      lastName: 'Okafor',
      emails: [{ address: 'maya@example.test' }, { address: 'maya.old@example.test', isPrimary: false }],
    });

    // The old address no longer exists: its mail server refuses it for good.
    server.mail.refuseRecipients((address) =>
      address === 'maya.old@example.test' ? { code: 550, message: '5.1.1 Mailbox unavailable' } : null,
    );
    await api.invite(client, 'maya.old@example.test');
    await expect
      .poll(async () => (await api.access(client.id)).invitations[0]?.state, { timeout: 20_000 })
      .toBe('failed');

    // Sent to the right address, then access disabled before Maya used it.
    await api.invite(client, 'maya@example.test');
    await waitForEmail(server, 'maya@example.test', 1);
    await api.disable(client.id);

    // Access restored; that invitation runs out unused.
    await api.invite(client, 'maya@example.test');
    const restored = await nextSignInEmail(server, 'maya@example.test', cedar.slug, 2);
    await expireLink(server, restored.token);

    // Two more; Maya signs in with the newest, which replaces the one before.
    await api.invite(client, 'maya@example.test');
    await waitForEmail(server, 'maya@example.test', 3);
    await api.invite(client, 'maya@example.test');
    const newest = await nextSignInEmail(server, 'maya@example.test', cedar.slug, 4);
    const mayaPhone = await newDevice(browser, server, phone);
    await openLink(mayaPhone.page, newest);
    await expectHome(mayaPhone.page, cedar.slug, 'Maya', cedar.name);

    await openPortalTab(page, client.id);
    // Staff emails a sign-in link from the tab: it goes out and is listed first.
    await page.getByRole('button', { name: 'Email a sign-in link' }).click();
    await waitForEmail(server, 'maya@example.test', 5);

    const rows = invitationRows(page);
    await expect(rows).toHaveCount(6);
    const expected: [kind: string, label: string, note: RegExp][] = [
      ['Sign-in link', 'Sent', /Accepted by the mail server on .* works until /],
      ['Invitation', 'Used', /Signed in with it on /],
      ['Invitation', 'Replaced', /Replaced: signed in with another link or code on /],
      ['Invitation', 'Expired', /Expired unused on /],
      ['Invitation', 'Cancelled', /Cancelled before use: portal access was disabled on /],
      ['Invitation', 'Failed', /Not delivered: 550 5\.1\.1 Mailbox unavailable/],
    ];
    for (const [index, [kind, label, note]] of expected.entries()) {
      const row = rows.nth(index);
      await expect(row.getByText(kind, { exact: true })).toBeVisible();
      // The tab polls while an email waits for the mail server, so "Sent" arrives by itself.
      await expect(row.getByText(label, { exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(row).toContainText(note);
    }
    await expect(rows.nth(5)).toContainText('To maya.old@example.test');

    await settle(page);
    await expectAccessible(page);
    await page.getByRole('heading', { level: 3, name: 'Invitations' }).scrollIntoViewIfNeeded();
    await screenshotBoth(page, 'invitation-states', screenshot);
  });
});
