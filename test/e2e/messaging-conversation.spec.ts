import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expectAccessible, screenshot } from './support/fixtures.js';
import type { Portico } from './support/portico.js';
import { sampleFiles } from '../helpers/messages.js';
import { emailsTo, expect, phone, practiceNamed, practiceWithSignedInClient, test } from './support/portal.js';

/**
 * The practice and a client converse, each in a browser of their own: what one sends appears on
 * the other's screen without a reload, files travel both ways, and an unread message brings one
 * email, never its content.
 */

const birch = practiceNamed('Birch Lane Counselling', 'birch-lane');
const address = 'noor@example.test';

const pdf = sampleFiles.pdf();

const converse = (browser: Browser, server: Portico) =>
  practiceWithSignedInClient(browser, server, birch, { firstName: 'Noor', lastName: 'Haddad', address }, phone);

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
/** The conversation itself, not the inbox beside it. */
const staffHistory = (page: Page) => page.getByRole('list', { name: 'Messages' });
const clientHistory = (page: Page) => page.getByRole('log', { name: `Conversation with ${birch.name}` });

test.describe('a conversation between the practice and a client', () => {
  test.use({ serverEnv: { MESSAGE_NOTIFY_SECONDS: '3' } });

  test('each side sees the other’s messages and files arrive live', async ({ browser, server }) => {
    const { staff, client, clientPage } = await converse(browser, server);
    await clientPage.goto(`/portal/${birch.slug}/messages`);
    await expect(clientPage.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();

    await staff.page.goto(`/messages/${client.id}`);
    await composer(staff.page).fill('Hello Noor,\nyour next session is on Tuesday. Details: https://example.test/plan');
    await staff.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(staffHistory(staff.page).getByText('your next session is on Tuesday', { exact: false })).toBeVisible();

    // Arrives on the phone without a reload, with its link clickable and the text as written.
    const arrived = clientHistory(clientPage).getByText('your next session is on Tuesday', { exact: false });
    await expect(arrived).toBeVisible({ timeout: 10_000 });
    await expect(clientPage.getByRole('link', { name: 'https://example.test/plan' })).toHaveAttribute(
      'rel',
      /noopener/,
    );

    // The client answers with a file; it shows up on the practice's screen live, and downloads.
    await composer(clientPage).fill('Thank you! The form is attached. <b>not bold</b>');
    await clientPage
      .locator('input[type="file"]')
      .setInputFiles({ name: 'intake-form.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(clientPage.getByText('intake-form.pdf')).toBeVisible();
    await clientPage.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(clientHistory(clientPage).getByRole('link', { name: /intake-form\.pdf/ })).toBeVisible();

    await expect(staffHistory(staff.page).getByText('The form is attached. <b>not bold</b>')).toBeVisible({
      timeout: 10_000,
    });
    const downloadLink = staffHistory(staff.page).getByRole('link', { name: /intake-form\.pdf/ });
    await expect(downloadLink).toBeVisible();
    const [download] = await Promise.all([staff.page.waitForEvent('download'), downloadLink.click()]);
    expect(download.suggestedFilename()).toBe('intake-form.pdf');
    expect(readFileSync(await download.path()).equals(pdf)).toBe(true);

    // And a file from the practice reaches the client, who downloads it.
    await staff.page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'worksheet.pdf', mimeType: 'application/pdf', buffer: pdf });
    await composer(staff.page).fill('Here is the worksheet.');
    await staff.page.getByRole('button', { name: 'Send', exact: true }).click();
    const clientLink = clientHistory(clientPage).getByRole('link', { name: /worksheet\.pdf/ });
    await expect(clientLink).toBeVisible({ timeout: 10_000 });
    const [clientDownload] = await Promise.all([clientPage.waitForEvent('download'), clientLink.click()]);
    expect(readFileSync(await clientDownload.path()).equals(pdf)).toBe(true);

    await expectAccessible(staff.page);
    await expectAccessible(clientPage);
    await screenshot(staff.page, 'messaging-conversation-staff-desktop');
    await screenshot(clientPage, 'messaging-conversation-client-phone');

    // The practice's inbox lists the conversation with the client's last words.
    await staff.page.goto('/messages');
    await expect(staff.page.getByRole('link', { name: /Noor Haddad/ })).toBeVisible();
  });

  test('an unread message brings one email for two messages, and none when read in time', async ({
    browser,
    server,
  }) => {
    const { staff, client, clientPage } = await converse(browser, server);
    const waitingEmails = () => emailsTo(server, address).filter((m) => m.subject.startsWith('New secure message'));

    // Read in time: the client has Messages open, so the message is read as it arrives.
    await clientPage.goto(`/portal/${birch.slug}/messages`);
    await staff.page.goto(`/clients/${client.id}/messages`);
    await composer(staff.page).fill('Quick check-in before Friday.');
    await staff.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(clientHistory(clientPage).getByText('Quick check-in before Friday.')).toBeVisible({ timeout: 10_000 });
    await expect(staffHistory(staff.page).getByText(/^Read /)).toBeVisible({ timeout: 10_000 });
    await staff.page.waitForTimeout(6_000);
    expect(waitingEmails()).toHaveLength(0);

    // Away from Messages, two messages wait unread: one email, which says only that one is waiting.
    await clientPage.goto(`/portal/${birch.slug}/home`);
    for (const text of ['First private note about your plan.', 'Second private note.']) {
      await composer(staff.page).fill(text);
      await staff.page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(staffHistory(staff.page).getByText(text)).toBeVisible();
    }
    await expect.poll(() => waitingEmails().length, { timeout: 20_000 }).toBe(1);
    await staff.page.waitForTimeout(5_000);
    expect(waitingEmails()).toHaveLength(1);
    const email = waitingEmails()[0];
    expect(email?.subject).toBe(`New secure message from ${birch.name}`);
    expect(email?.text).not.toContain('private note');
    expect(email?.html).not.toContain('private note');
    expect(email?.text).toContain(`/portal/${birch.slug}/sign-in#token=`);

    // Home shows the unread messages.
    await clientPage.reload();
    await expect(clientPage.getByText(/2 unread messages/).first()).toBeVisible();
  });
});
