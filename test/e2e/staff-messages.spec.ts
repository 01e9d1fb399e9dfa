import type { APIRequestContext, Page } from '@playwright/test';
import type { Client } from '../../src/shared/schemas/clients.js';
import type { Message } from '../../src/shared/schemas/messages.js';
import { expectAccessible } from './support/fixtures.js';
import {
  StaffApi,
  desktop,
  expect,
  newDevice,
  nextSignInEmail,
  openLink,
  phone,
  practiceNamed,
  screenshotBoth,
  settle,
  staffDevice,
  test,
} from './support/portal.js';
import { snap } from './support/staff.js';
import { sampleFiles } from '../helpers/messages.js';

const cedar = practiceNamed('Cedar Grove Counselling', 'cedar-grove');

const pdf = sampleFiles.pdf();

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!response.ok()) throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A client with Client Portal access (invited) and the given messaging permission. */
async function invitedClient(api: StaffApi, firstName: string, lastName: string): Promise<Client> {
  const address = `${firstName.toLowerCase()}@example.test`;
  const client = await api.createClient({ firstName, lastName, emails: [{ address }] });
  await api.invite(client, address);
  const view = await api.access(client.id);
  await api.savePermissions(client.id, { ...view.permissions, messaging: true });
  return client;
}

/** Staff sends a message through the API, as the composer does. */
async function staffSends(request: APIRequestContext, clientId: string, body: string): Promise<Message> {
  const session = await ok<{ csrfToken: string }>(await request.get('/api/session'), 'GET /api/session');
  return ok<Message>(
    await request.post(`/api/clients/${clientId}/messages`, {
      multipart: { body },
      headers: { 'x-csrf-token': session.csrfToken },
    }),
    'POST messages',
  );
}

/** The client, signed in on their phone through the invitation email; writes through the portal API. */
async function clientPhone(
  browser: Parameters<typeof newDevice>[0],
  server: Parameters<typeof newDevice>[1],
  address: string,
) {
  const invitation = await nextSignInEmail(server, address, cedar.slug);
  const device = await newDevice(browser, server, phone);
  await openLink(device.page, invitation);
  await expect(device.page).toHaveURL(new RegExp(`/portal/${cedar.slug}/home$`));
  const me = await ok<{ csrfToken: string }>(
    await device.context.request.get(`/api/portal/${cedar.slug}/me`),
    'GET me',
  );
  const headers = { 'x-csrf-token': me.csrfToken };
  return {
    send: async (body: string) =>
      ok<Message>(
        await device.context.request.post(`/api/portal/${cedar.slug}/messages`, { multipart: { body }, headers }),
        'client POST messages',
      ),
    read: async (upTo: string) =>
      ok<{ ok: true }>(
        await device.context.request.post(`/api/portal/${cedar.slug}/messages/read`, { data: { upTo }, headers }),
        'client POST read',
      ),
  };
}

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

function history(page: Page) {
  return page.getByRole('region', { name: /^Message history with / });
}

function composer(page: Page) {
  return page.getByRole('textbox', { name: 'Message' });
}

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotBoth(page, name, snap);
}

test.describe('Staff Messages', () => {
  test('empty state, a first message with a PDF from the profile, the list, replies live, unread badge and Read', async ({
    browser,
    server,
  }) => {
    const { page, api } = await staffDevice(browser, server, cedar);
    const maya = await invitedClient(api, 'Maya', 'Lindqvist');
    const portalUrl = (await api.settings()).portalUrl;

    // Messages, before any conversation: how to start one.
    await page.goto('/clients');
    await mainNav(page).getByRole('link', { name: 'Messages' }).click();
    await expect(page).toHaveURL(/\/messages$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'No conversations yet' })).toBeVisible();
    await expect(page.getByText('Start one from a client’s profile')).toBeVisible();
    await expectAccessible(page);
    await shoot(page, 'staff-messages-empty');

    // The client's profile → Messages.
    await page.goto(`/clients/${maya.id}`);
    await page.getByRole('navigation', { name: 'Client sections' }).getByRole('link', { name: 'Messages' }).click();
    await expect(page).toHaveURL(new RegExp(`/clients/${maya.id}/messages$`));
    await expect(page.getByRole('heading', { level: 2, name: 'Messages' })).toBeVisible();
    await expect(history(page).getByText('No messages yet.')).toBeVisible();

    // Send portal link inserts the address at the cursor.
    await composer(page).fill('Hi Maya, the worksheet we talked about is attached.');
    await page.getByRole('button', { name: 'Send portal link' }).click();
    await expect(composer(page)).toHaveValue(
      `Hi Maya, the worksheet we talked about is attached. You can sign in to the Client Portal here: ${portalUrl}`,
    );
    await expect(composer(page)).toBeFocused();

    // Nothing to send: the composer says so.
    await composer(page).fill('');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('Write a message or attach a file.')).toBeVisible();

    await composer(page).fill('Hi Maya, the worksheet we talked about is attached.');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'worksheet.pdf', mimeType: 'application/pdf', buffer: pdf });
    const files = page.getByRole('list', { name: 'Files to send' });
    await expect(files.getByText('worksheet.pdf')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Remove worksheet.pdf' })).toBeVisible();
    await expectAccessible(page);
    await shoot(page, 'staff-messages-profile-composer');

    // Ctrl+Enter sends.
    await composer(page).press('Control+Enter');
    const sent = history(page)
      .getByRole('listitem')
      .filter({ hasText: 'Hi Maya, the worksheet we talked about is attached.' });
    await expect(sent).toBeVisible();
    await expect(composer(page)).toHaveValue('');
    await expect(files).toHaveCount(0);
    const attachment = sent.getByRole('link', { name: 'worksheet.pdf' });
    await expect(attachment).toHaveAttribute('href', /^\/api\/attachments\//);
    await expect(sent).toContainText('Dana Owner');
    const downloading = page.waitForEvent('download');
    await attachment.click();
    expect((await downloading).suggestedFilename()).toBe('worksheet.pdf');

    // The conversation is now on Messages.
    await mainNav(page).getByRole('link', { name: 'Messages' }).click();
    const list = page.getByRole('list', { name: 'Conversations, newest first' });
    const row = list.getByRole('link', { name: /Maya Lindqvist/ });
    await expect(row).toContainText('worksheet we talked about');

    // The client replies from the portal while staff look at the client list: the badge counts it.
    const client = await clientPhone(browser, server, 'maya@example.test');
    await page.goto('/clients');
    await client.send('Thank you! I will fill it in tonight.');
    const badgeLink = mainNav(page).getByRole('link', { name: 'Messages 1 unread conversation' });
    await expect(badgeLink).toBeVisible();
    await expectAccessible(page);

    await badgeLink.click();
    await expect(row.getByText('1 unread message')).toBeAttached();
    await shoot(page, 'staff-messages-unread');
    await row.click();
    await expect(page).toHaveURL(new RegExp(`/messages/${maya.id}$`));
    await expect(history(page).getByText('Thank you! I will fill it in tonight.')).toBeVisible();
    // Picking a conversation beside the list leaves focus on the list, where the keyboard was.
    await expect(row).toBeFocused();
    // Opening the conversation reads it.
    await expect(mainNav(page).getByRole('link', { name: 'Messages', exact: true })).toBeVisible();

    // While the conversation is open: a new client message arrives, and the client reads ours.
    const staffMessage = (await api.get<{ items: Message[] }>(`/clients/${maya.id}/messages`)).items.find(
      (m) => m.sender === 'staff',
    );
    if (!staffMessage) throw new Error('no staff message');
    await client.read(staffMessage.id);
    await expect(sent.getByText(/^Read /)).toBeVisible();
    await client.send('One question: is the second page optional?');
    await expect(history(page).getByText('One question: is the second page optional?')).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Messages', exact: true })).toBeVisible();
    await expect(page.getByRole('log')).toContainText('New message from Maya Lindqvist');

    // Reply from the Messages page.
    await composer(page).fill('Yes, the second page is optional.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(history(page).getByText('Yes, the second page is optional.')).toBeVisible();
    await expect(list.getByRole('link', { name: /Maya Lindqvist/ })).toContainText('Yes, the second page is optional.');
    await expectAccessible(page);
    await shoot(page, 'staff-messages-conversation');

    // On a phone: one pane at a time, with a way back to the list.
    await page.setViewportSize(phone);
    await expect(list).toBeHidden();
    await page.getByRole('link', { name: 'All conversations' }).click();
    await expect(page).toHaveURL(/\/messages$/);
    await expect(list).toBeVisible();
    await expectAccessible(page);
    // There the list hides when a conversation opens, so focus moves to the page instead.
    await row.click();
    await expect(list).toBeHidden();
    await expect(page.locator('#main')).toBeFocused();
    await page.setViewportSize(desktop);
  });

  test('search, New message, the notices when staff cannot send, and the practice switch', async ({
    browser,
    server,
  }) => {
    const { page, api, context } = await staffDevice(browser, server, cedar);
    const maya = await invitedClient(api, 'Maya', 'Lindqvist');
    const jonah = await invitedClient(api, 'Jonah', 'Reyes');
    const priya = await api.createClient({
      firstName: 'Priya',
      lastName: 'Nair',
      emails: [{ address: 'priya@example.test' }],
    });
    await staffSends(context.request, maya.id, 'See you on Tuesday at 10.');
    await staffSends(context.request, jonah.id, 'Your invoice is ready.');
    // Messaging then turned off for Jonah: the history stays, the list says so.
    await api.savePermissions(jonah.id, { ...(await api.access(jonah.id)).permissions, messaging: false });

    await page.goto('/messages');
    const list = page.getByRole('list', { name: 'Conversations, newest first' });
    await expect(list.getByRole('link')).toHaveCount(2);
    await expect(list.getByRole('link', { name: /Jonah Reyes/ })).toContainText('Messaging off');

    // Search by client name.
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('lind');
    await expect(list.getByRole('link')).toHaveCount(1);
    await expect(list.getByRole('link', { name: /Maya Lindqvist/ })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('zzz');
    await expect(page.getByRole('heading', { level: 2, name: 'No conversations match' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear search' }).first().click();
    await expect(list.getByRole('link')).toHaveCount(2);

    // New message: choose a client, their (empty) conversation opens.
    await page.getByRole('button', { name: 'New message' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New message' });
    await dialog.getByRole('combobox', { name: 'Client' }).fill('pri');
    await page.getByRole('option', { name: 'Priya Nair' }).click();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Open conversation' }).click();
    await expect(page).toHaveURL(new RegExp(`/messages/${priya.id}$`));
    await expect(page.getByRole('heading', { level: 2, name: 'Priya Nair' })).toBeVisible();
    // Not invited: no composer, and why.
    await expect(
      page.getByText('This client does not have Client Portal access yet. Invite them from the Client Portal tab.'),
    ).toBeVisible();
    await expect(composer(page)).toHaveCount(0);
    await expectAccessible(page);

    // Messaging off for the client: the history stays, the composer gives way to the notice.
    await page.goto(`/clients/${jonah.id}/messages`);
    await expect(history(page).getByText('Your invoice is ready.')).toBeVisible();
    await expect(
      page.getByText(
        'Messaging is off for this client. Turn on Use secure messaging on the Client Portal tab to message them.',
      ),
    ).toBeVisible();
    await expect(composer(page)).toHaveCount(0);
    await expectAccessible(page);
    await shoot(page, 'staff-messages-client-messaging-off');

    // The practice switch in Settings → Client Portal.
    await page.goto('/settings/portal');
    const practiceSwitch = page.getByRole('switch', {
      name: 'Allow clients to exchange secure messages with the practice',
    });
    await expect(practiceSwitch).toBeChecked();
    await practiceSwitch.uncheck();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    expect((await api.settings()).messagingEnabled).toBe(false);
    await shoot(page, 'staff-settings-messaging-off');

    await page.goto(`/messages/${maya.id}`);
    await expect(history(page).getByText('See you on Tuesday at 10.')).toBeVisible();
    await expect(
      page.getByText('Secure messaging is turned off for the practice (Settings → Client Portal).'),
    ).toBeVisible();
    await expect(composer(page)).toHaveCount(0);
    await expect(
      page.getByRole('list', { name: 'Conversations, newest first' }).getByText('Messaging off'),
    ).toHaveCount(2);

    // And back on.
    await page.goto('/settings/portal');
    await practiceSwitch.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    await page.goto(`/messages/${maya.id}`);
    await expect(composer(page)).toBeVisible();
  });
  test('long conversations: newest at the bottom, Load older messages; file and length checks in the composer', async ({
    browser,
    server,
  }) => {
    const { page, api, context } = await staffDevice(browser, server, cedar);
    const maya = await invitedClient(api, 'Maya', 'Lindqvist');
    await staffSends(context.request, maya.id, 'The very first message.');
    for (let n = 1; n <= 55; n += 1) await staffSends(context.request, maya.id, `Note number ${n}.`);

    await page.goto(`/messages/${maya.id}`);
    // Opens at the newest message; the oldest are one click away.
    await expect(history(page).getByText('Note number 55.')).toBeInViewport({ timeout: 20_000 });
    await expect(history(page).getByText('The very first message.')).toHaveCount(0);
    await history(page).getByRole('button', { name: 'Load older messages' }).click();
    await expect(history(page).getByText('The very first message.')).toBeAttached();
    await expect(history(page).getByRole('button', { name: 'Load older messages' })).toHaveCount(0);

    // A file that is not what its name says: the server's answer shows on that file.
    await composer(page).fill('The scan you asked for.');
    await page
      .locator('input[type="file"]')
      .setInputFiles([
        { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some text, not a PDF') },
      ]);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const files = page.getByRole('list', { name: 'Files to send' });
    await expect(files.getByRole('listitem')).toContainText('Must be a PDF, PNG, JPEG or HEIC file');
    await expect(composer(page)).toHaveValue('The scan you asked for.');
    // An empty file is refused before uploading.
    await page
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) }]);
    await expect(page.getByRole('alert').filter({ hasText: 'empty.png is empty.' })).toBeVisible();
    await page.getByRole('button', { name: 'Remove scan.pdf' }).click();
    await expect(files).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Attach files' })).toBeFocused();

    // Near the limit, the count shows.
    await composer(page).fill('x'.repeat(9_500));
    await expect(page.getByText('9,500 / 10,000 characters')).toBeVisible();
    await expectAccessible(page);
  });
});
