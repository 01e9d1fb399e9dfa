import type { APIRequestContext, Browser, FileChooser, Page } from '@playwright/test';
import type { Message, MessagePage } from '../../src/shared/schemas/messages.js';
import { sampleFiles } from '../helpers/messages.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import type { Portico } from './support/portico.js';
import {
  desktop,
  expect,
  phone,
  practiceNamed,
  practiceWithSignedInClient,
  screenshotBoth,
  settle,
  test,
  type StaffApi,
} from './support/portal.js';

const oak = practiceNamed('Oak & Pine Therapy', 'oak-pine');

const png = sampleFiles.png();

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!response.ok()) throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function staffCsrf(request: APIRequestContext): Promise<string> {
  return (await ok<{ csrfToken: string }>(await request.get('/api/session'), 'GET /api/session')).csrfToken;
}

/** The practice writes to the client through the staff API, as the staff composer does. */
async function staffSends(request: APIRequestContext, clientId: string, body: string): Promise<Message> {
  return ok<Message>(
    await request.post(`/api/clients/${clientId}/messages`, {
      multipart: { body },
      headers: { 'x-csrf-token': await staffCsrf(request) },
    }),
    'staff POST messages',
  );
}

async function staffConversation(request: APIRequestContext, clientId: string): Promise<Message[]> {
  return (await ok<MessagePage>(await request.get(`/api/clients/${clientId}/messages`), 'staff GET messages')).items;
}

async function staffReads(request: APIRequestContext, clientId: string, upTo: string): Promise<void> {
  await ok(
    await request.post(`/api/clients/${clientId}/messages/read`, {
      data: { upTo },
      headers: { 'x-csrf-token': await staffCsrf(request) },
    }),
    'staff POST read',
  );
}

async function setMessaging(api: StaffApi, clientId: string, messaging: boolean): Promise<void> {
  const view = await api.access(clientId);
  await api.savePermissions(clientId, { ...view.permissions, messaging });
}

/**
 * Oak & Pine with its owner signed in (staff API), and Maya, invited with messaging allowed and
 * signed in to the portal through the invitation email on a device of her own.
 */
async function signedInClient(browser: Browser, server: Portico, viewport = desktop) {
  const maya = { firstName: 'Maya', lastName: 'Lindqvist', address: 'maya@example.test' };
  const world = await practiceWithSignedInClient(browser, server, oak, maya, viewport);
  await setMessaging(world.staff.api, world.client.id, true);
  return { staff: world.staff, client: world.client, page: world.clientPage };
}

const portalNav = (page: Page) => page.getByRole('navigation', { name: 'Client Portal' });
const messagesCard = (page: Page) => page.getByRole('region', { name: 'Messages' });
const conversation = (page: Page) => page.getByRole('log', { name: `Conversation with ${oak.name}` });
const chosenFiles = (page: Page) => page.getByRole('list', { name: 'Files to send' });

/** Attach files → the browser's file picker → these files. */
async function attach(page: Page, ...files: Parameters<FileChooser['setFiles']>[0][]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  const picker = await chooser;
  expect(picker.isMultiple()).toBe(true);
  for (const file of files) await picker.setFiles(file);
}

test.describe('Client Portal messages', () => {
  test('a client writes to the practice with a photo, is told about a wrong file, and reads the reply as it arrives', async ({
    browser,
    server,
  }) => {
    const { staff, client, page } = await signedInClient(browser, server);

    // Home: the Messages card and the Messages section in the header.
    const card = messagesCard(page);
    await expect(card.getByRole('heading', { level: 2, name: 'Messages' })).toBeVisible();
    await expect(card.getByText('No unread messages')).toBeVisible();
    await expect(portalNav(page).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    await expect(portalNav(page).getByRole('link', { name: 'Messages', exact: true })).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-home-messages', screenshot);

    // Messages: nothing yet.
    await card.getByRole('link', { name: 'Open messages' }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/${oak.slug}/messages$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
    await expect(page).toHaveTitle(`Messages — ${oak.name}`);
    await expect(portalNav(page).getByRole('link', { name: 'Messages', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const log = conversation(page);
    await expect(log).toHaveAttribute('aria-live', 'polite');
    await expect(log.getByText(`No messages yet. Write to ${oak.name} below.`)).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-messages-empty', screenshot);

    // Send with nothing to send: said under the message box.
    const text = page.getByRole('textbox', { name: 'Message' });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('Write a message or attach a file.')).toBeVisible();
    await expect(text).toBeFocused();

    // Enter makes a new line; Ctrl+Enter sends, with a photo attached.
    await text.fill('Hello!');
    await text.press('Enter');
    await text.pressSequentially('Here is the signed form.');
    await expect(text).toHaveValue('Hello!\nHere is the signed form.');
    await expect(log.getByText('Here is the signed form.')).toHaveCount(0);
    await attach(page, { name: 'signed-form.png', mimeType: 'image/png', buffer: png });
    await expect(chosenFiles(page).getByText('signed-form.png')).toBeVisible();
    await expect(chosenFiles(page).getByRole('button', { name: 'Remove signed-form.png' })).toBeVisible();
    await screenshotBoth(page, 'portal-messages-composing', screenshot);
    await text.press('Control+Enter');

    await expect(log.getByText('Here is the signed form.')).toBeVisible();
    await expect(log.getByText('You', { exact: true })).toBeVisible();
    await expect(text).toHaveValue('');
    await expect(chosenFiles(page)).toHaveCount(0);
    const download = log.getByRole('link', { name: /signed-form\.png/ });
    await expect(download).toHaveAttribute('download', 'signed-form.png');
    await expect(download).toContainText('B'); // its size
    const file = await page.request.get((await download.getAttribute('href')) ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toContain('attachment');
    expect(Buffer.from(await file.body())).toEqual(png);
    // The practice has it.
    const [sent] = await staffConversation(staff.context.request, client.id);
    expect(sent?.sender).toBe('client');
    expect(sent?.body).toBe('Hello!\nHere is the signed form.');

    // A file that is not what its name says: the server's answer under that file.
    await attach(page, {
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('just some text, not a picture\n'),
    });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(chosenFiles(page).getByRole('alert')).toHaveText('Must be a PDF, PNG, JPEG or HEIC file');
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-messages-file-error', screenshot);
    await chosenFiles(page).getByRole('button', { name: 'Remove notes.png' }).click();
    await expect(chosenFiles(page)).toHaveCount(0);

    // Too large: refused before uploading.
    await attach(page, {
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    });
    await expect(page.getByText('scan.pdf is larger than 10 MB.')).toBeVisible();
    await expect(chosenFiles(page)).toHaveCount(0);

    // The practice replies: it appears without a reload, with who wrote it, and is marked read.
    const reply = await staffSends(
      staff.context.request,
      client.id,
      'Thank you, Maya. See you on Tuesday: https://example.test/directions',
    );
    await expect(log.getByText('Thank you, Maya. See you on Tuesday:')).toBeVisible();
    await expect(log.getByText(oak.ownerName, { exact: true })).toBeVisible();
    await expect(log.getByRole('link', { name: 'https://example.test/directions' })).toBeVisible();
    await expect
      .poll(
        async () =>
          (await staffConversation(staff.context.request, client.id)).find((m) => m.id === reply.id)?.readAt ?? null,
      )
      .not.toBeNull();

    // The practice reads Maya's message: "Read" appears under it.
    await staffReads(staff.context.request, client.id, reply.id);
    await expect(log.getByText('Read', { exact: true })).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-messages-conversation', screenshot);

    // On Home, a new message from the practice shows as unread, on the card and in the header.
    await portalNav(page).getByRole('link', { name: 'Home' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Maya' })).toBeVisible();
    await staffSends(staff.context.request, client.id, 'One more thing: please bring your insurance card.');
    await expect(messagesCard(page).getByText('1 unread message', { exact: true })).toBeVisible();
    await expect(portalNav(page).getByRole('link', { name: 'Messages, 1 unread' })).toBeVisible();
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-home-unread', screenshot);

    // Opening Messages reads it.
    await portalNav(page).getByRole('link', { name: 'Messages, 1 unread' }).click();
    await expect(conversation(page).getByText('One more thing: please bring your insurance card.')).toBeVisible();
    await expect(portalNav(page).getByRole('link', { name: 'Messages', exact: true })).toBeVisible();
    await portalNav(page).getByRole('link', { name: 'Home' }).click();
    await expect(messagesCard(page).getByText('No unread messages')).toBeVisible();
  });

  test('a long conversation loads older messages; switched off, Messages disappears from the portal', async ({
    browser,
    server,
  }) => {
    const { staff, client, page } = await signedInClient(browser, server, phone);
    for (let n = 1; n <= 32; n += 1) await staffSends(staff.context.request, client.id, `Note ${n} of 32`);

    await expect(messagesCard(page).getByText('32 unread messages')).toBeVisible();
    await expect(portalNav(page).getByRole('link', { name: 'Messages, 32 unread' })).toBeVisible();
    await portalNav(page).getByRole('link', { name: 'Messages, 32 unread' }).click();
    const log = conversation(page);
    await expect(log.getByText('Note 32 of 32', { exact: true })).toBeVisible();
    await expect(log.getByText('Note 1 of 32', { exact: true })).toHaveCount(0);
    await log.getByRole('button', { name: 'Load older messages' }).click();
    await expect(log.getByText('Note 1 of 32', { exact: true })).toBeAttached();
    await expect(log.getByRole('button', { name: 'Load older messages' })).toHaveCount(0);
    await expect(log.getByText(`This is the beginning of your conversation with ${oak.name}.`)).toBeVisible();
    await expect(portalNav(page).getByRole('link', { name: 'Messages', exact: true })).toBeVisible();
    // The conversation scrolls inside its panel; the page itself stays one screen tall.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(
      0,
    );
    await settle(page);
    await expectAccessible(page);
    await screenshot(page, 'portal-messages-older-phone');

    // The practice switches Maya's messaging off while she writes: sending tells the portal.
    await page.getByRole('textbox', { name: 'Message' }).fill('Can we move Tuesday?');
    await setMessaging(staff.api, client.id, false);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Messages are not available' })).toBeVisible();
    await expect(portalNav(page).getByRole('link', { name: 'Messages', exact: true })).toHaveCount(0);
    await settle(page);
    await expectAccessible(page);
    await screenshotBoth(page, 'portal-messages-unavailable', screenshot);

    await page.getByRole('link', { name: 'Go to Home' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Maya' })).toBeVisible();
    await expect(messagesCard(page)).toHaveCount(0);
    await expect(page.getByRole('link', { name: /messages/i })).toHaveCount(0);

    // A direct visit (a bookmark) gets the same friendly page.
    await page.goto(`/portal/${oak.slug}/messages`);
    await expect(page.getByRole('heading', { level: 1, name: 'Messages are not available' })).toBeVisible();
    expect(
      (await staffConversation(staff.context.request, client.id)).some((m) => m.body === 'Can we move Tuesday?'),
    ).toBe(false);

    // Switched on again, it comes back.
    await setMessaging(staff.api, client.id, true);
    await page.goto(`/portal/${oak.slug}/home`);
    await expect(messagesCard(page).getByRole('link', { name: 'Open messages' })).toBeVisible();
  });
});
