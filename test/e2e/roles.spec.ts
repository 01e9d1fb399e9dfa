import type { APIRequestContext, Page } from '@playwright/test';
import type { Client } from '../../src/shared/schemas/clients.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  StaffApi,
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
} from './support/portal.js';
import { addMembers, signInAsMember } from './support/team.js';
import { chooseOption, fillClientForm, snap } from './support/staff.js';

/**
 * Roles and assigned clinicians (issue 17), as each member sees them: a clinician reaches only the
 * clients assigned to them, billers and schedulers see demographics but no conversation, each
 * role's navigation offers only what it can use, and owners choose and change a client's clinicians.
 * Members are made by the factory and sign in with its password: invitations have their own test
 * (team.spec.ts).
 */

const cedar = practiceNamed('Cedar Grove Counselling', 'cedar-grove');

/** A client with the given clinicians, invited to the portal with messaging on, and one message from the practice. */
async function clientOf(
  api: StaffApi,
  person: { firstName: string; lastName: string },
  clinicians: { primaryId: string; otherIds?: string[] },
): Promise<Client> {
  const address = `${person.firstName.toLowerCase()}@example.test`;
  const client = await api.post<Client>('/clients', {
    firstName: person.firstName,
    lastName: person.lastName,
    preferredName: null,
    emails: [{ address, type: 'home', emailOk: true, isPrimary: true }],
    clinicians: { primaryId: clinicians.primaryId, otherIds: clinicians.otherIds ?? [] },
  });
  await api.invite(client, address);
  const view = await api.access(client.id);
  await api.savePermissions(client.id, { ...view.permissions, messaging: true });
  await staffSends(api.request, client.id, `Hello ${person.firstName}, see you on Tuesday.`);
  return client;
}

async function staffSends(request: APIRequestContext, clientId: string, body: string): Promise<void> {
  const session = (await (await request.get('/api/session')).json()) as { csrfToken: string };
  const response = await request.post(`/api/clients/${clientId}/messages`, {
    multipart: { body },
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(response.status(), await response.text()).toBe(201);
}

function clientNames(page: Page) {
  return page.getByRole('table', { name: 'Clients' }).locator('tbody tr a');
}

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/**
 * The navigation of the signed-in member: the top bar at desktop width, the burger's drawer on a
 * phone (opened for the screenshot); the entries are the same in both.
 */
async function expectNavigation(page: Page, name: string, entries: string[], create: boolean): Promise<void> {
  await page.setViewportSize(desktop);
  await expect(mainNav(page).getByRole('link')).toHaveText(entries);
  await expect(page.getByRole('button', { name: 'Create', exact: true })).toHaveCount(create ? 1 : 0);
  await settle(page);
  await expectAccessible(page);
  await viewportShot(page, `roles-nav-${name}-desktop`);
  await page.setViewportSize(phone);
  await page.getByRole('button', { name: /^Open navigation/ }).click();
  const drawer = page.getByRole('navigation', { name: 'Main menu' });
  await expect(drawer.getByRole('link')).toHaveText(create ? [...entries, 'Create client'] : entries);
  await settle(page);
  await expectAccessible(page);
  await viewportShot(page, `roles-nav-${name}-phone`);
  await page.getByRole('button', { name: /^Close navigation/ }).click();
  await expect(drawer).toBeHidden();
  await page.setViewportSize(desktop);
}

test('a clinician sees only the clients assigned to them: in the list, in search and in Messages', async ({
  browser,
  server,
}) => {
  const owner = await staffDevice(browser, server, cedar);
  const [cleo] = await addMembers(server, cedar.slug, [
    { name: 'Cleo Marsh', email: 'cleo@cedar.test', roles: ['clinician'] },
  ]);
  if (!cleo) throw new Error('no clinician');
  const ownerSession = await owner.api.get<{ staff: { id: string } }>('/session');
  const ada = await clientOf(owner.api, { firstName: 'Ada', lastName: 'Lovelace' }, { primaryId: cleo.id });
  const grace = await clientOf(
    owner.api,
    { firstName: 'Grace', lastName: 'Hopper' },
    {
      primaryId: ownerSession.staff.id,
    },
  );
  // Ada's "other" clinician is the owner; Cleo is on no assignment of Grace's.
  const alan = await clientOf(
    owner.api,
    { firstName: 'Alan', lastName: 'Turing' },
    {
      primaryId: ownerSession.staff.id,
      otherIds: [cleo.id],
    },
  );

  // The owner sees every client.
  await owner.page.goto('/clients');
  await expect(clientNames(owner.page)).toHaveText(['Hopper, Grace', 'Lovelace, Ada', 'Turing, Alan']);

  const { page } = await newDevice(browser, server, desktop);
  await signInAsMember(page, cleo);
  // The list: Ada (primary) and Alan (other clinician), not Grace.
  await expect(clientNames(page)).toHaveText(['Lovelace, Ada', 'Turing, Alan']);
  await expectNavigation(
    page,
    'clinician',
    ['Clients', 'Calendar', 'Requests', 'Messages', 'Billing', 'Settings'],
    true,
  );

  // Search: Grace's name and email find nothing; Ada's find her.
  const search = page.getByLabel('Search clients');
  await search.fill('Grace');
  await expect(page.getByRole('heading', { name: 'No clients match your search' })).toBeVisible();
  await search.fill('grace@example.test');
  await expect(page.getByRole('heading', { name: 'No clients match your search' })).toBeVisible();
  await search.fill('Hopper');
  await expect(page.getByRole('heading', { name: 'No clients match your search' })).toBeVisible();
  await search.fill('Ada');
  await expect(clientNames(page)).toHaveText(['Lovelace, Ada']);

  // Messages: the conversations of Ada and Alan, not Grace's; searching her name finds none.
  await page.goto('/messages');
  const conversations = page.getByRole('list', { name: 'Conversations, newest first' }).getByRole('link');
  await expect(conversations).toHaveCount(2);
  await expect(conversations.filter({ hasText: 'Ada Lovelace' })).toHaveCount(1);
  await expect(conversations.filter({ hasText: 'Alan Turing' })).toHaveCount(1);
  await expect(conversations.filter({ hasText: 'Grace Hopper' })).toHaveCount(0);
  await page.getByLabel('Search conversations').fill('Grace');
  await expect(page.getByRole('heading', { name: 'No conversations match' })).toBeVisible();
  await expectAccessible(page);

  // Grace's profile, her Edit page and her conversation by their addresses: not found.
  await page.goto(`/clients/${grace.id}`);
  await expect(page.getByRole('heading', { name: 'Client not found', level: 1 })).toBeVisible();
  await expect(page.getByText('Grace')).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, 'roles-clinician-other-client-not-found-desktop');
  await page.goto(`/clients/${grace.id}/edit?tab=portal`);
  await expect(page.getByRole('heading', { name: 'Client not found', level: 1 })).toBeVisible();
  await page.goto(`/messages/${grace.id}`);
  await expect(page.getByText('This client was not found in your practice.')).toBeVisible();
  await expect(page.getByText('Hello Grace')).toHaveCount(0);
  // The API agrees: no hint that Grace exists.
  expect((await page.request.get(`/api/clients/${grace.id}`)).status()).toBe(404);
  expect((await page.request.get(`/api/clients/${grace.id}/messages`)).status()).toBe(404);

  // Their own client's conversation opens.
  await page.goto(`/messages/${ada.id}`);
  await expect(page.getByRole('list', { name: 'Messages' }).getByText('Hello Ada, see you on Tuesday.')).toBeVisible();
  await page.goto(`/clients/${alan.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Alan Turing');
  const card = cliniciansCard(page);
  await expect(card.getByRole('list', { name: 'Assigned clinicians' }).getByRole('listitem')).toHaveText([
    /Dana Owner\s*Primary/,
    'Cleo Marsh',
  ]);
  // A clinician cannot hand a client on.
  await expect(card.getByRole('button', { name: 'Change clinicians' })).toHaveCount(0);
});

test('a biller sees demographics but no conversation; a scheduler’s navigation offers only what a scheduler can use', async ({
  browser,
  server,
}) => {
  const owner = await staffDevice(browser, server, cedar);
  const [biller, scheduler] = await addMembers(server, cedar.slug, [
    { name: 'Bram Okafor', email: 'bram@cedar.test', roles: ['biller'] },
    { name: 'Sadie Lindqvist', email: 'sadie@cedar.test', roles: ['scheduler'] },
  ]);
  if (!biller || !scheduler) throw new Error('no members');
  const ownerSession = await owner.api.get<{ staff: { id: string } }>('/session');
  const ada = await clientOf(
    owner.api,
    { firstName: 'Ada', lastName: 'Lovelace' },
    {
      primaryId: ownerSession.staff.id,
    },
  );

  // The owner's navigation: everything.
  await owner.page.goto('/clients');
  await expectNavigation(
    owner.page,
    'owner',
    ['Clients', 'Calendar', 'Requests', 'Messages', 'Billing', 'Audit log', 'Settings'],
    true,
  );

  // The biller: Clients, Billing and Settings, nothing to create.
  const { page } = await newDevice(browser, server, desktop);
  await signInAsMember(page, biller);
  await expect(clientNames(page)).toHaveText(['Lovelace, Ada']);
  await expectNavigation(page, 'biller', ['Clients', 'Billing', 'Settings'], false);
  // Their settings: their own pages and Billing.
  await page.goto('/settings/account');
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link')).toHaveText([
    'Practice profile',
    'My account',
    'Security',
    'Billing',
  ]);

  // Ada's demographics and contact details; no Messages section, no Client Portal tab.
  await page.goto(`/clients/${ada.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ada Lovelace');
  await expect(page.getByText('ada@example.test')).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'Client sections' });
  await expect(sections.getByRole('link')).toHaveText(['Overview', 'Edit', 'Billing']);
  await expect(cliniciansCard(page).getByRole('listitem')).toHaveText([/Dana Owner\s*Primary/]);
  await expect(cliniciansCard(page).getByRole('button', { name: 'Change clinicians' })).toHaveCount(0);
  await expectAccessible(page);
  await sections.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('tab', { name: 'Client Info' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Client Portal' })).toHaveCount(0);
  // Ada's email is her Client Portal email: changing it would end her access, which is not a biller's to do.
  await page.getByRole('textbox', { name: 'Email address 1' }).fill('ada.new@example.test');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByText('Is the Client Portal email: only an owner or the client’s clinician can change it'),
  ).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await snap(page, 'roles-biller-portal-email-refused-desktop');
  expect((await owner.api.access(ada.id)).state).toBe('invited');

  // The conversation by its addresses: not found, exactly as a client that does not exist.
  await page.goto(`/messages/${ada.id}`);
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  await expect(page.getByText('Hello Ada')).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, 'roles-biller-conversation-not-found-desktop');
  await page.goto(`/clients/${ada.id}/messages`);
  await expect(page.getByRole('alert', { name: 'Messages are not available to you' })).toBeVisible();
  await expect(page.getByText('Hello Ada')).toHaveCount(0);
  expect((await page.request.get(`/api/clients/${ada.id}/messages`)).status()).toBe(404);
  // The inbox says who may use it.
  await page.goto('/messages');
  await expect(page.getByRole('heading', { name: 'Only owners and clinicians can see messages' })).toBeVisible();

  // The scheduler: Clients and Settings, and Create client (they route new clients to clinicians).
  const schedulerDevice = await newDevice(browser, server, desktop);
  await signInAsMember(schedulerDevice.page, scheduler);
  await expectNavigation(schedulerDevice.page, 'scheduler', ['Clients', 'Calendar', 'Requests', 'Settings'], true);
  await schedulerDevice.page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(schedulerDevice.page.getByRole('menuitem')).toHaveText(['Create client']);
  await schedulerDevice.page.keyboard.press('Escape');
  // Neither sees the audit log, and neither reaches Ada's Client Portal tab through the API.
  for (const memberPage of [page, schedulerDevice.page]) {
    expect((await memberPage.request.get('/api/audit')).status()).toBe(403);
    expect((await memberPage.request.get(`/api/clients/${ada.id}/portal`)).status()).toBe(404);
  }
});

function cliniciansCard(page: Page) {
  return page
    .locator('.mantine-Card-root')
    .filter({ has: page.getByRole('heading', { level: 2, name: 'Clinicians' }) });
}

test('an owner chooses the clinicians on Create client and changes them on the profile, and the change is audited', async ({
  browser,
  server,
}) => {
  const { page } = await staffDevice(browser, server, cedar);
  await addMembers(server, cedar.slug, [
    { name: 'Cleo Marsh', email: 'cleo@cedar.test', roles: ['clinician'] },
    { name: 'Theo Brandt-Villanueva', email: 'theo@cedar.test', roles: ['clinician'] },
    { name: 'Bram Okafor', email: 'bram@cedar.test', roles: ['biller'] },
  ]);

  await page.goto('/clients/new');
  await expect(page.getByRole('heading', { name: 'Create client', level: 1 })).toBeVisible();
  await fillClientForm(page, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ address: 'ada@example.test' }] });
  const section = page
    .locator('.mantine-Paper-root')
    .filter({ has: page.getByRole('heading', { level: 2, name: 'Clinicians' }) });
  // An owner who is a clinician starts as the primary clinician.
  const primary = section.getByRole('combobox', { name: 'Primary clinician' });
  await expect(primary).toHaveValue(cedar.ownerName);
  // Only clinicians are offered (not the biller).
  await primary.click();
  await expect(page.getByRole('option')).toHaveText(['Cleo Marsh', cedar.ownerName, 'Theo Brandt-Villanueva']);
  await page.getByRole('option', { name: 'Cleo Marsh' }).click();
  await expect(primary).toHaveValue('Cleo Marsh');
  const others = section.getByRole('combobox', { name: 'Other clinicians' });
  await others.click();
  // The primary clinician is not offered again as another.
  await expect(page.getByRole('option')).toHaveText([cedar.ownerName, 'Theo Brandt-Villanueva']);
  await page.getByRole('option', { name: 'Theo Brandt-Villanueva' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  await settle(page);
  await expectAccessible(page);
  await section.scrollIntoViewIfNeeded();
  await screenshotBoth(page, 'roles-create-client-clinicians', async (p, name) => {
    await section.scrollIntoViewIfNeeded();
    await settle(p);
    await section.screenshot({ path: `test-results/screenshots/${name}.png` });
  });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const clientId = new URL(page.url()).pathname.split('/').pop() ?? '';

  // The profile's Clinicians card: Cleo (primary) and Theo.
  const card = cliniciansCard(page);
  const assigned = card.getByRole('list', { name: 'Assigned clinicians' }).getByRole('listitem');
  await expect(assigned).toHaveText([/Cleo Marsh\s*Primary/, 'Theo Brandt-Villanueva']);
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'roles-clinicians-card', snap);

  // Change clinicians: Theo becomes primary, Cleo leaves, the owner joins.
  await card.getByRole('button', { name: 'Change clinicians' }).click();
  const cardPrimary = card.getByRole('combobox', { name: 'Primary clinician' });
  await expect(cardPrimary).toHaveValue('Cleo Marsh');
  await chooseOption(page, 'Primary clinician', 'Theo Brandt-Villanueva');
  const cardOthers = card.getByRole('combobox', { name: 'Other clinicians' });
  await cardOthers.click();
  await page.getByRole('option', { name: cedar.ownerName }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'roles-clinicians-card-editing', snap);
  await card.getByRole('button', { name: 'Save clinicians' }).click();
  await expect(assigned).toHaveText([/Theo Brandt-Villanueva\s*Primary/, cedar.ownerName]);
  await expect(card.getByRole('button', { name: 'Change clinicians' })).toBeVisible();

  // The audit log names the change and the client.
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const rows = page.getByRole('region', { name: 'Audit log entries' }).getByRole('row');
  const changed = rows.filter({ hasText: 'Changed assigned clinicians' });
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText(cedar.ownerName);
  await expect(changed.getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', `/clients/${clientId}`);
  await expectAccessible(page);
  await screenshot(page, 'roles-audit-clinicians-changed-desktop');
});
