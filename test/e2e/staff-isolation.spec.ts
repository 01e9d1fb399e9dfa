import { randomUUID } from 'node:crypto';
import { expect, expectAccessible, test } from './support/fixtures.js';
import {
  createClient,
  csrfToken,
  fillPracticeForm,
  newPracticeAccount,
  setUpPracticeByApi,
  uniqueTag,
  snap,
} from './support/staff.js';

test.describe.configure({ timeout: 90_000 });

test("another practice's client is not found, in the app and in the API", async ({ browser, page, portico }) => {
  // Practice B signs up from the sign-in page, in a browser of its own, and adds a client.
  const other = await browser.newContext();
  const pageB = await other.newPage();
  await pageB.goto(`${portico.url}/sign-in`);
  await pageB.getByRole('link', { name: 'Create a practice' }).click();
  await expect(pageB).toHaveURL(/\/sign-up$/);
  const accountB = newPracticeAccount({
    practiceName: `Elm Street Psychology ${uniqueTag()}`,
    ownerName: 'Rafael Ortiz',
  });
  await fillPracticeForm(pageB, accountB);
  await pageB.getByRole('button', { name: 'Create practice' }).click();
  await expect(pageB.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  const secret = `Zenobia-${uniqueTag()}`;
  const idB = await createClient(pageB, {
    firstName: secret,
    lastName: 'Quill',
    emails: [{ address: `${secret.toLowerCase()}@example.com`, emailOk: true }],
  });
  await other.close();

  // Practice A, with a client of its own.
  await setUpPracticeByApi(page, portico, { practiceName: `Aspen Wellness ${uniqueTag()}` });
  const idA = await createClient(page, { firstName: 'Gwen', lastName: 'Abara' });

  await page.goto(`${portico.url}/clients/${idB}`);
  await expect(page.getByRole('heading', { name: 'Client not found', level: 1 })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page).toHaveTitle(/Client not found/);
  await expectAccessible(page);
  await snap(page, 'client-not-found');
  await page.goto(`${portico.url}/clients/${idB}/edit`);
  await expect(page.getByRole('heading', { name: 'Client not found', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Back to Clients' }).click();
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('link')).toHaveText(['Abara, Gwen']);

  // B's client is not in A's search either.
  await page.getByRole('searchbox', { name: 'Search clients' }).fill(secret.toLowerCase());
  await expect(page.getByRole('heading', { name: 'No clients match your search' })).toBeVisible();

  // The API answers exactly as for an id that exists nowhere: nothing tells the two apart.
  const api = (id: string) => `${portico.url}/api/clients/${id}`;
  const own = await page.request.get(api(idA));
  expect(own.status()).toBe(200);
  const foreign = await page.request.get(api(idB));
  const missing = await page.request.get(api(randomUUID()));
  expect(foreign.status()).toBe(404);
  expect(missing.status()).toBe(404);
  const foreignBody = await foreign.text();
  expect(foreignBody).toBe(await missing.text());
  expect(foreignBody).not.toContain(secret);

  // Nor can A change or archive it.
  const token = await csrfToken(page, portico);
  const update = await page.request.put(api(idB), {
    headers: { 'x-csrf-token': token },
    data: { firstName: 'Hacked', lastName: 'Quill', preferredName: null, dateOfBirth: null, phone: null, emails: [] },
  });
  expect(update.status()).toBe(404);
  const archive = await page.request.post(`${api(idB)}/archive`, { headers: { 'x-csrf-token': token } });
  expect(archive.status()).toBe(404);
  expect(await archive.text()).toBe(foreignBody);
});
