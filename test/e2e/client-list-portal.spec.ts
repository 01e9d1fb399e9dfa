import { expectAccessible, screenshot } from './support/fixtures.js';
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
