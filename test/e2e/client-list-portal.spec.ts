import type { Client } from '../../src/shared/schemas/clients.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import { chooseOption } from './support/staff.js';
import {
  expect,
  expectHome,
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

const birch = practiceNamed('Birch Hollow Therapy', 'birch-hollow');

test('the client list shows each client’s Client Portal state in a Portal column', async ({ browser, server }) => {
  const { page, api } = await staffDevice(browser, server, birch);
  const person = (firstName: string, lastName: string) => ({
    firstName,
    lastName,
    emails: [{ address: `${firstName.toLowerCase()}@example.test` }],
  });
  await api.createClient(person('Nadia', 'Abbott'));
  const ines = await api.createClient(person('Ines', 'Baptiste'));
  await api.invite(ines, 'ines@example.test');
  const amara = await api.createClient(person('Amara', 'Cole'));
  await api.invite(amara, 'amara@example.test');
  const link = await nextSignInEmail(server, 'amara@example.test', birch.slug);
  const amaraPhone = await newDevice(browser, server, phone);
  await openLink(amaraPhone.page, link);
  await expectHome(amaraPhone.page, birch.slug, 'Amara', birch.name);
  const dora = await api.createClient(person('Dora', 'Diaz'));
  await api.invite(dora, 'dora@example.test');
  await api.disable(dora.id);

  await page.goto('/clients');
  const table = page.getByRole('table', { name: 'Clients' });
  await expect(table.getByRole('columnheader', { name: 'Portal' })).toBeVisible();
  const expected: [string, string][] = [
    ['Abbott, Nadia', 'Not invited'],
    ['Baptiste, Ines', 'Invited, not signed in yet'],
    ['Cole, Amara', 'Active'],
    ['Diaz, Dora', 'Disabled'],
  ];
  for (const [name, state] of expected) {
    const row = table.getByRole('row', { name: new RegExp(name) });
    await expect(row.getByText(state, { exact: true })).toBeVisible();
  }

  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'client-list-portal', screenshot);
});

const juniper = practiceNamed('Juniper Lane Counselling', 'juniper-lane');

test('the Portal filter lists the clients in each state, with a search, kept in the URL', async ({
  browser,
  server,
}) => {
  const { page, api } = await staffDevice(browser, server, juniper);
  const person = (firstName: string, lastName: string) => ({
    firstName,
    lastName,
    emails: [{ address: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.test` }],
  });
  const signIn = async (client: Client, address: string) => {
    await api.invite(client, address);
    const link = await nextSignInEmail(server, address, juniper.slug);
    const device = await newDevice(browser, server, phone);
    await openLink(device.page, link);
    await expect(device.page).toHaveURL(new RegExp(`/portal/${juniper.slug}/home$`));
    await device.page.context().close();
  };
  await api.createClient(person('Nadia', 'Abbott'));
  const ines = await api.createClient(person('Ines', 'Baptiste'));
  await api.invite(ines, 'ines.baptiste@example.test');
  await signIn(await api.createClient(person('Amara', 'Cole')), 'amara.cole@example.test');
  await signIn(await api.createClient(person('Ana', 'Abbott')), 'ana.abbott@example.test');
  const dora = await api.createClient(person('Dora', 'Diaz'));
  await api.invite(dora, 'dora.diaz@example.test');
  await api.disable(dora.id);

  await page.goto('/clients');
  const table = page.getByRole('table', { name: 'Clients' });
  const names = table.getByRole('link');
  const portal = page.getByRole('combobox', { name: 'Portal' });
  const search = page.getByRole('searchbox', { name: 'Search clients' });
  await expect(portal).toHaveValue('All');
  await expect(names).toHaveText(['Abbott, Ana', 'Abbott, Nadia', 'Baptiste, Ines', 'Cole, Amara', 'Diaz, Dora']);

  // Each state alone, named as the Portal column names it; every row shows that state.
  const states: [string, string, string[]][] = [
    ['Not invited', 'not_invited', ['Abbott, Nadia']],
    ['Invited, not signed in yet', 'invited', ['Baptiste, Ines']],
    ['Active', 'active', ['Abbott, Ana', 'Cole, Amara']],
    ['Disabled', 'disabled', ['Diaz, Dora']],
  ];
  for (const [label, value, expected] of states) {
    await chooseOption(page, 'Portal', label);
    await expect(page).toHaveURL(new RegExp(`[?&]portal=${value}(&|$)`));
    await expect(names).toHaveText(expected);
    for (const row of await table.getByRole('row').all()) {
      if ((await row.getByRole('columnheader').count()) > 0) continue;
      await expect(row.getByText(label, { exact: true })).toBeVisible();
    }
    const count = expected.length === 1 ? '1 client' : `${expected.length} clients`;
    await expect(page.getByText(`Showing 1–${expected.length} of ${count}`)).toBeVisible();
  }

  // With a search: "abb" finds both Abbotts, the filter keeps the active one, then the other.
  await chooseOption(page, 'Portal', 'Active');
  await search.fill('abb');
  await expect(page).toHaveURL(/\/clients\?(?=.*q=abb)(?=.*portal=active)/);
  await expect(names).toHaveText(['Abbott, Ana']);
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'client-list-portal-filter-search', screenshot);
  await chooseOption(page, 'Portal', 'Not invited');
  await expect(names).toHaveText(['Abbott, Nadia']);
  // Sorting combines with both, and a date sort shows "First Last".
  await chooseOption(page, 'Sort by', 'Newest');
  await search.fill('a');
  await expect(page).toHaveURL(/(?=.*q=a(&|$))(?=.*portal=not_invited)(?=.*sort=-created)/);
  await expect(names).toHaveText(['Nadia Abbott']);
  await chooseOption(page, 'Portal', 'Active');
  await expect(names).toHaveText(['Ana Abbott', 'Amara Cole']);
  await chooseOption(page, 'Sort by', 'Name A–Z');
  await expect(names).toHaveText(['Abbott, Ana', 'Cole, Amara']);

  // Nothing in that state matches: the way back to every state.
  await search.fill('diaz');
  await expect(page.getByRole('heading', { name: 'No clients match your search' })).toBeVisible();
  await expect(page.getByText('among clients whose portal access is Active')).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'client-list-portal-filter-no-match', screenshot);
  await page.getByRole('button', { name: 'Show all portal states' }).click();
  await expect(portal).toHaveValue('All');
  await expect(names).toHaveText(['Diaz, Dora']);
  await expect(page).not.toHaveURL(/portal=/);

  // Reload and back/forward keep the filter with the search.
  await page.goto('/clients?portal=invited&q=ines');
  await expect(names).toHaveText(['Baptiste, Ines']);
  await page.goto('/clients?portal=disabled');
  await expect(names).toHaveText(['Diaz, Dora']);
  await page.goBack();
  await expect(portal).toHaveValue('Invited, not signed in yet');
  await expect(search).toHaveValue('ines');
  await expect(names).toHaveText(['Baptiste, Ines']);
  await page.reload();
  await expect(portal).toHaveValue('Invited, not signed in yet');
  await expect(names).toHaveText(['Baptiste, Ines']);
  await page.goForward();
  await expect(portal).toHaveValue('Disabled');
  await expect(names).toHaveText(['Diaz, Dora']);

  // A state with no clients among the archived ones.
  await page.getByRole('radiogroup', { name: 'Status' }).getByText('Archived', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'No clients with this portal access' })).toBeVisible();
  await expect(page.getByText('No archived clients show “Disabled” in the Portal column.')).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'client-list-portal-filter-empty', screenshot);

  // On a phone the filter is a full-width control, and works the same.
  await page.setViewportSize(phone);
  await page.goto('/clients');
  await chooseOption(page, 'Portal', 'Active');
  await search.fill('cole');
  await expect(names).toHaveText(['Cole, Amara']);
  await expect(table.getByText('Active', { exact: true })).toBeVisible();
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.view);
  await settle(page);
  await expectAccessible(page);
  await screenshot(page, 'client-list-portal-filter-phone');
});
