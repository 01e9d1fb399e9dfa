import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  desktop,
  expect,
  phone,
  practiceNamed,
  practiceWithSignedInClient,
  screenshotBoth,
  settle,
  test,
  waitForEmail,
} from './support/portal.js';

const rowan = practiceNamed('Rowan Hill Psychotherapy', 'rowan-hill');
const person = { firstName: 'Amara', lastName: 'Okonkwo-Lindqvist', address: 'amara.okonkwo@example.test' };

test('a clinician shares the informed consent, the client signs it on a phone, and the clinician reads the signed record', async ({
  browser,
  server,
}) => {
  const { staff, client, clientPage } = await practiceWithSignedInClient(browser, server, rowan, person, phone);
  const page = staff.page;

  // Staff: the client's Documents tab → Share → one consent, sent at once (the client has access).
  await page.goto(`/clients/${client.id}/documents`);
  await expect(page.getByText('Nothing shared yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share documents' });
  await dialog.getByRole('checkbox', { name: 'Informed consent for therapy' }).check();
  await dialog.getByRole('button', { name: 'Share & Send Now' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Shared' }).getByText(`Shared 1 document with ${person.firstName}.`),
  ).toBeVisible();
  await page.getByRole('dialog', { name: 'Shared' }).getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('row').nth(1)).toContainText('Sent');

  // The client is told documents wait, and signs the consent on their phone.
  const mail = await waitForEmail(server, person.address, 2);
  expect(mail.subject).toBe(`Documents to complete for ${rowan.name}`);
  await clientPage.goto(`/portal/${rowan.slug}/documents`);
  await clientPage.getByRole('link', { name: 'Start Informed consent for therapy' }).click();
  await expect(
    clientPage.getByRole('heading', { level: 1, name: 'Informed consent for therapy' }).first(),
  ).toBeVisible();
  await clientPage.getByRole('radio', { name: 'Type my name' }).check();
  await expect(clientPage.getByLabel('Your full name')).toHaveValue(`${person.firstName} ${person.lastName}`);
  await clientPage.getByRole('checkbox', { name: /I agree to sign this document electronically/ }).check();
  await expect(clientPage.getByText(/Draft saved at/)).toBeVisible();
  await clientPage.getByRole('button', { name: 'Submit' }).click();
  await expect(clientPage.getByRole('status').filter({ hasText: /^Completed on/ })).toBeVisible();

  // Staff: the tab shows it Completed; on a phone the badge keeps its whole label and the page its width.
  await page.reload();
  const completedRow = page.getByRole('row').filter({ hasText: 'Informed consent for therapy' });
  await expect(completedRow.getByText('Completed', { exact: true })).toBeVisible();
  await page.setViewportSize(phone);
  const card = page.getByText('Completed', { exact: true }).filter({ visible: true });
  await expect(card).toBeVisible();
  const badge = await card.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, text: el.textContent }));
  expect(badge.text).toBe('Completed');
  expect(badge.scroll).toBeLessThanOrEqual(badge.client);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await settle(page);
  await expectAccessible(page);
  await page.setViewportSize(desktop);
  await screenshotBoth(page, 'documents-flow-tab-completed', screenshot);

  // The clinician opens the answers from the tab: the typed signature, the signer and the hash.
  await page.getByRole('link', { name: 'View answers to Informed consent for therapy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Informed consent for therapy' }).first()).toBeVisible();
  await expect(page.getByText('Completed · version 1 · locked')).toBeVisible();
  await expect(page.getByText(`${person.firstName} ${person.lastName}`).first()).toBeVisible();
  expect((await page.locator('code').first().innerText()).trim()).toMatch(/^[0-9a-f]{64}$/);
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'documents-flow-answers', screenshot);
  await page.setViewportSize(phone);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
