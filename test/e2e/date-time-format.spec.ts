import type { APIRequestContext, Page } from '@playwright/test';
import {
  formatDateTime,
  formatFullDateTime,
  formatTime,
  type DateTimeFormat,
} from '../../src/shared/date-time-format.js';
import type { Message } from '../../src/shared/schemas/messages.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  expect,
  nextSignInEmail,
  practiceNamed,
  practiceWithSignedInClient,
  screenshotBoth,
  settle,
  test,
} from './support/portal.js';

/** A London practice: it starts day first with the 24-hour clock. */
const birch = { ...practiceNamed('Birch Lane Counselling', 'birch-lane'), timeZone: 'Europe/London' };
const monthFirst12: DateTimeFormat = { dateOrder: 'month-first', clock: '12-hour' };
const dayFirst24: DateTimeFormat = { dateOrder: 'day-first', clock: '24-hour' };

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!response.ok()) throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function staffSends(request: APIRequestContext, clientId: string, body: string): Promise<Message> {
  const { csrfToken } = await ok<{ csrfToken: string }>(await request.get('/api/session'), 'GET /api/session');
  return ok<Message>(
    await request.post(`/api/clients/${clientId}/messages`, {
      multipart: { body },
      headers: { 'x-csrf-token': csrfToken },
    }),
    'staff POST messages',
  );
}

const formatSection = (page: Page) => page.getByRole('region', { name: 'Date and time format' });

test('the owner chooses month first and the 12-hour clock; staff, portal and emails then write times alike', async ({
  browser,
  server,
}) => {
  const maya = { firstName: 'Maya', lastName: 'Lindqvist', address: 'maya@example.test' };
  const { staff, client, clientPage } = await practiceWithSignedInClient(browser, server, birch, maya);
  const view = await staff.api.access(client.id);
  await staff.api.savePermissions(client.id, { ...view.permissions, messaging: true });
  const message = await staffSends(staff.context.request, client.id, 'Your next session is confirmed.');

  // Settings: the London practice starts day first, 24-hour, and says so with an example.
  const page = staff.page;
  await page.goto('/settings/practice');
  const section = formatSection(page);
  await expect(section.getByRole('radio', { name: 'Day first' })).toBeChecked();
  await expect(section.getByRole('radio', { name: '24-hour' })).toBeChecked();
  await expect(section.getByTestId('date-time-format-example')).toHaveText('14 Mar 2025, 21:37 · 14/03/2025');
  await expect(page.getByRole('button', { name: 'Save format' })).toBeDisabled();

  // The example follows each choice before anything is saved.
  await section.getByRole('radio', { name: 'Month first' }).check();
  await expect(section.getByTestId('date-time-format-example')).toHaveText('Mar 14, 2025, 21:37 · 03/14/2025');
  await section.getByRole('radio', { name: '12-hour' }).check();
  await expect(section.getByTestId('date-time-format-example')).toHaveText('Mar 14, 2025, 9:37 PM · 03/14/2025');
  await expectAccessible(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotBoth(page, 'date-time-format-settings', screenshot);
  await page.getByRole('button', { name: 'Save format' }).click();
  await expect(page.getByText('Date and time format saved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save format' })).toBeDisabled();

  // Staff: the conversation writes the message's time as the practice now does, without a reload.
  const staffTime = formatDateTime(message.createdAt, monthFirst12, 'Europe/London');
  const before = formatDateTime(message.createdAt, dayFirst24, 'Europe/London');
  expect(staffTime).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/);
  await page
    .getByRole('link', { name: /Messages/ })
    .first()
    .click();
  await page.goto(`/messages/${client.id}`);
  // The message itself, with its date; the inbox row, sent today, with the time alone.
  await expect(page.getByText(staffTime, { exact: true })).toBeVisible();
  const rowTime = page.getByRole('link', { name: /Maya Lindqvist/ }).locator('time');
  await expect(rowTime).toHaveText(formatTime(message.createdAt, monthFirst12, 'Europe/London'));
  await expect(rowTime).toHaveAttribute('title', staffTime);
  await expect(page.getByText(before, { exact: true })).toHaveCount(0);
  await settle(page);
  await screenshotBoth(page, 'date-time-format-staff-conversation', screenshot);

  // The client's profile: "Client since", the same way.
  await page.goto(`/clients/${client.id}`);
  await expect(
    page.getByText(formatDateTime(client.createdAt, monthFirst12, 'Europe/London'), { exact: true }),
  ).toBeVisible();

  // Date of birth: typed month first, as the field asks; a day-first date is refused clearly.
  await page.goto(`/clients/${client.id}/edit`);
  const dob = page.getByLabel('Date of birth');
  await expect(dob).toHaveAccessibleDescription(/MM\/DD\/YYYY/);
  await dob.fill('23/04/1990');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dob).toHaveAccessibleDescription(/Has no month 23 \(write it MM\/DD\/YYYY\)/);
  await expect(dob).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  // Full-page shots from the top, so the sticky header stays where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotBoth(page, 'date-time-format-dob-error', screenshot);
  await dob.fill('04/31/1990');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dob).toHaveAccessibleDescription(/Is not a real date: April has no day 31/);
  await dob.fill('04/23/1990');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Changes saved')).toBeVisible();
  const saved = await ok<{ dateOfBirth: string | null }>(
    await staff.context.request.get(`/api/clients/${client.id}`),
    'GET client',
  );
  expect(saved.dateOfBirth).toBe('1990-04-23');
  await page.goto(`/clients/${client.id}`);
  await expect(page.getByText('Apr 23, 1990', { exact: true })).toBeVisible();
  await page.goto(`/clients/${client.id}/edit`);
  await expect(page.getByLabel('Date of birth')).toHaveValue('04/23/1990');

  // The portal: the same minute, the same way, in the practice's time zone.
  await clientPage.goto(`/portal/${birch.slug}/messages`);
  const portalTime = clientPage.locator(`time[datetime="${message.createdAt}"]`);
  const clock = formatTime(message.createdAt, monthFirst12, 'Europe/London');
  await expect(portalTime).toHaveText(clock);
  await expect(portalTime).toHaveAttribute(
    'title',
    formatFullDateTime(message.createdAt, monthFirst12, 'Europe/London'),
  );
  expect(staffTime.endsWith(`, ${clock}`)).toBe(true);
  await settle(clientPage);
  await expectAccessible(clientPage);
  await screenshotBoth(clientPage, 'date-time-format-portal-messages', screenshot);

  // Emails: a sign-in link says until when it works, written the same way.
  await clientPage.context().clearCookies();
  const response = await clientPage.request.post(`/api/portal/${birch.slug}/sign-in/request`, {
    data: { email: maya.address },
  });
  expect(response.ok()).toBe(true);
  const link = await nextSignInEmail(server, maya.address, birch.slug, 2);
  expect(link.mail.text).toMatch(
    /It works once, for 24 hours, until [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M\./,
  );
});
