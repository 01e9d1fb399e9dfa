import type { Page } from '@playwright/test';
import { clientSignedIn, practiceTakingRequests } from './support/appointments.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import { expect, phone, practiceNamed, screenshotBoth, settle, test } from './support/portal.js';

const harbour = practiceNamed('Harbour Family Therapy', 'harbour-family');
const amara = { firstName: 'Amara', lastName: 'Okonkwo-Hughes', address: 'amara@example.test' };

/** The portal's Appointments page, reached from the header as a client would. */
async function openAppointments(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Appointments' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
}

/** Request appointment → the only service → the first free day and time; returns the instant asked for. */
async function requestFirstFreeTime(page: Page, message: string | null, shot?: string): Promise<string> {
  await page.getByRole('button', { name: 'Request appointment' }).click();
  const form = page.getByRole('region', { name: 'Request appointment' });
  await form.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: /Individual therapy/ }).click();
  // One clinician and one office: both chosen already.
  await expect(form.getByRole('combobox', { name: 'Clinician' })).toHaveValue(harbour.ownerName);
  await expect(form.getByRole('combobox', { name: 'Location' })).toHaveValue('Harbour Street office');
  await form.getByRole('combobox', { name: 'Day' }).click();
  await page.getByRole('option').first().click();
  const times = form.getByRole('radiogroup', { name: 'Time' });
  await times.getByRole('radio').first().click();
  await expect(times.getByRole('radio').first()).toBeChecked();
  if (message) await form.getByLabel('Message (optional)').fill(message);
  if (shot) {
    await settle(page);
    await expectAccessible(page);
    await screenshot(page, shot);
  }
  const sent = page.waitForRequest(
    (request) => request.method() === 'POST' && request.url().endsWith('/appointment-requests'),
  );
  await form.getByRole('button', { name: 'Send request' }).click();
  const body = (await sent).postDataJSON() as { startsAt: string; timeZone: string };
  return body.startsAt;
}

test('a client in London requests a time on a phone, sees it waiting on Home, and cancels it', async ({
  browser,
  server,
}) => {
  const { staff, ownerId } = await practiceTakingRequests(browser, server, harbour);
  const { page } = await clientSignedIn(browser, server, harbour, staff.api, ownerId, amara, {
    viewport: phone,
    timezoneId: 'Europe/London',
  });

  const tile = page.getByRole('region', { name: 'Appointments' });
  await expect(tile.getByText('No upcoming appointments.')).toBeVisible();
  await openAppointments(page);
  await expect(page.getByText('You have no upcoming appointments.')).toBeVisible();

  await page.getByRole('button', { name: 'Request appointment' }).click();
  const form = page.getByRole('region', { name: 'Request appointment' });
  // The browser's zone is the client's; the practice's is named because it differs.
  await expect(form.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/London');
  await expect(form.getByText('Times are shown in Europe/London. The practice is in America/New York.')).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshot(page, 'appointment-request-start-phone');
  await form.getByRole('button', { name: 'Cancel' }).click();

  const startsAt = await requestFirstFreeTime(
    page,
    'Evenings suit me better if one opens up.',
    'appointment-request-flow-phone',
  );
  await expect(page.getByText('Your request was sent.')).toBeVisible();
  const requests = page.getByRole('region', { name: 'Requests' });
  await expect(requests.getByText('Waiting for an answer')).toBeVisible();
  expect(Date.parse(startsAt)).toBeGreaterThan(Date.now() + 24 * 3600_000 - 60_000);
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'appointments-request-pending', screenshot);

  await page.getByRole('navigation').getByRole('link', { name: 'Home' }).first().click();
  await expect(tile.getByText(/1 request is waiting for an answer/)).toBeVisible();
  await screenshot(page, 'appointments-home-phone');

  await openAppointments(page);
  await requests.getByRole('button', { name: 'Cancel request' }).click();
  await expect(requests.getByText('Cancelled')).toBeVisible();
});
