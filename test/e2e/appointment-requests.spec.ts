import { DateTime } from 'luxon';
import type { Calendar } from '../../src/shared/schemas/scheduling.js';
import {
  clientSignedIn,
  icsFields,
  icsInstant,
  openAppointments,
  practiceTakingRequests,
  requestFreeTime,
} from './support/appointments.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import { expect, phone, practiceNamed, screenshotBoth, settle, test } from './support/portal.js';

const harbour = practiceNamed('Harbour Family Therapy', 'harbour-family');
const amara = { firstName: 'Amara', lastName: 'Okonkwo-Hughes', address: 'amara@example.test' };

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

  const { startsAt } = await requestFreeTime(page, harbour, {
    message: 'Evenings suit me better if one opens up.',
    shot: 'appointment-request-flow-phone',
  });
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

test('the clinician is told a request waits, accepts it in Requests (the client gets a calendar file), and declines another with a reason', async ({
  browser,
  server,
}) => {
  const { staff, ownerId } = await practiceTakingRequests(browser, server, harbour);
  const { page: phonePage } = await clientSignedIn(browser, server, harbour, staff.api, ownerId, amara, {
    viewport: phone,
    timezoneId: 'Europe/London',
  });
  await openAppointments(phonePage);
  // The second day offered: comfortably beyond the 24 hours' notice for cancelling later.
  const { startsAt } = await requestFreeTime(phonePage, harbour, { message: 'Could we meet by the window?', day: 1 });
  await expect(phonePage.getByText('Your request was sent.')).toBeVisible();

  // The clinician (the owner here) learns only that a request waits.
  const waiting = await server.mail.waitFor(
    (m) => m.to.includes(harbour.ownerEmail) && m.subject === 'An appointment request is waiting in Portico',
  );
  expect(waiting.text).not.toContain(amara.lastName);
  expect(waiting.text).not.toContain('Individual therapy');
  expect(waiting.text).toContain(`${server.url}/requests`);

  const page = staff.page;
  await page.goto('/clients');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: /Requests/ })).toContainText('1');
  await nav.getByRole('link', { name: /Requests/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Requests' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Pending requests' });
  const card = list.getByRole('listitem').filter({ hasText: `${amara.firstName} ${amara.lastName}` });
  await expect(card.getByText('Individual therapy with Dana Owner, Harbour Street office')).toBeVisible();
  await expect(card.getByText('Practice time (America/New York)')).toBeVisible();
  await expect(card.getByText('The client’s time (Europe/London)')).toBeVisible();
  await expect(card.getByText('Could we meet by the window?')).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'requests-inbox', screenshot);

  await card.getByRole('button', { name: /^Accept/ }).click();
  await expect(page.getByText('No requests are waiting.')).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Requests', exact: true })).toBeVisible();

  // The confirmation carries a calendar file with the time asked for, in UTC.
  const confirmation = await server.mail.waitFor(
    (m) => m.to.includes(amara.address) && m.subject === `Your appointment with ${harbour.name} is confirmed`,
  );
  expect(confirmation.text).not.toContain('Individual therapy');
  const ics = confirmation.attachments.find((a) => a.filename === 'appointment.ics');
  expect(ics?.contentType).toContain('text/calendar');
  const fields = icsFields(ics?.content ?? '');
  expect(fields.get('BEGIN')).toBe('VCALENDAR');
  expect(icsInstant(fields.get('DTSTART'))).toBe(startsAt);
  expect(icsInstant(fields.get('DTEND'))).toBe(new Date(Date.parse(startsAt) + 50 * 60_000).toISOString());
  expect(fields.get('UID')).toMatch(/@portico$/);
  expect(fields.get('SUMMARY')).toBe(`Appointment at ${harbour.name}`);

  // Both see it: the practice's calendar, and the client's Appointments.
  const from = new Date(Date.parse(startsAt) - 86_400_000).toISOString();
  const to = new Date(Date.parse(startsAt) + 86_400_000).toISOString();
  const calendar = await staff.api.get<Calendar>(`/calendar?from=${from}&to=${to}`);
  const booked = calendar.appointments.find((a) => a.startsAt === startsAt);
  expect(booked).toMatchObject({ clientName: `${amara.firstName} ${amara.lastName}`, status: 'scheduled' });
  expect(fields.get('UID')).toBe(`${booked?.id}@portico`);
  await phonePage.reload();
  const upcoming = phonePage.getByRole('region', { name: 'Upcoming appointments' });
  await expect(upcoming.getByText('Individual therapy with Dana Owner')).toBeVisible();
  await expect(phonePage.getByRole('region', { name: 'Requests' }).getByText('Accepted')).toBeVisible();

  // Another request, declined with a reason that reaches the client.
  await requestFreeTime(phonePage, harbour, { day: 2 });
  await expect(phonePage.getByText('Your request was sent.')).toBeVisible();
  // It reaches the open inbox and the navigation's count without a reload (asked again every 30 s).
  await expect(nav.getByRole('link', { name: /Requests/ })).toContainText('1', { timeout: 40_000 });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: /^Decline/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Decline request' });
  await dialog.getByRole('button', { name: 'Decline request' }).click();
  await expect(dialog.getByText('Please give a reason')).toBeVisible();
  const reason = 'I am at a training day then. Thursday mornings are open.';
  await dialog.getByLabel('Reason').fill(reason);
  await settle(page);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Decline request' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('No requests are waiting.')).toBeVisible();
  const declined = await server.mail.waitFor(
    (m) => m.to.includes(amara.address) && m.subject === `Your appointment request to ${harbour.name}`,
  );
  expect(declined.text).toContain(reason);
  await phonePage.reload();
  await expect(phonePage.getByText(`Reason: ${reason}`)).toBeVisible();

  // Cancelling the accepted appointment, well before the policy's 24 hours.
  await upcoming.getByRole('button', { name: 'Cancel appointment' }).click();
  await upcoming.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(phonePage.getByText('Your appointment was cancelled.')).toBeVisible();
  await expect(upcoming.getByText('You have no upcoming appointments.')).toBeVisible();
  await screenshotBoth(phonePage, 'appointments-answered', screenshot);
});

test('the owner turns requests on in Settings → Client Portal; until then a client with the permission has no Appointments', async ({
  browser,
  server,
}) => {
  const { staff, ownerId } = await practiceTakingRequests(browser, server, harbour, { requestsEnabled: false });
  const { page: clientPage } = await clientSignedIn(browser, server, harbour, staff.api, ownerId, amara, {
    viewport: phone,
    timezoneId: 'America/New_York',
  });
  const portalNav = clientPage.getByRole('navigation', { name: 'Client Portal' });
  await expect(portalNav.getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(portalNav.getByRole('link', { name: 'Appointments' })).toHaveCount(0);

  const page = staff.page;
  await page.goto('/settings/portal');
  const section = page.getByRole('region', { name: 'Request settings' });
  const enabled = section.getByRole('switch', { name: 'Allow clients to request appointments online' });
  await expect(enabled).not.toBeChecked();
  // The defaults, in the units people think in.
  await expect(section.getByLabel('Minimum notice')).toHaveValue('24 hours');
  await expect(section.getByLabel('Booking window')).toHaveValue('60 days');
  await expect(section.getByLabel('Hold a requested time for')).toHaveValue('72 hours');
  await expect(section.getByLabel('Cancel until')).toHaveValue('24 hours');
  await expect(section.getByLabel('Reminder', { exact: true })).toHaveValue('24 hours');
  const namesService = section.getByRole('switch', { name: 'Name the service in reminders' });
  await expect(namesService).not.toBeChecked();
  await enabled.click();
  await namesService.click();
  // Beyond the longest window the field keeps to a year.
  await section.getByLabel('Booking window').fill('400');
  await section.getByLabel('Booking window').blur();
  await expect(section.getByLabel('Booking window')).toHaveValue('365 days');
  await section.getByLabel('Booking window').fill('90');
  await section.getByLabel('Buffer between appointments').fill('10');
  await section.getByRole('button', { name: 'Save request settings' }).click();
  await expect(page.getByText('Request settings saved')).toBeVisible();
  await page.reload();
  await expect(section.getByLabel('Booking window')).toHaveValue('90 days');
  await expect(section.getByLabel('Buffer between appointments')).toHaveValue('10 minutes');
  await expect(enabled).toBeChecked();
  await expect(namesService).toBeChecked();
  await settle(page);
  await expectAccessible(page);
  await screenshotBoth(page, 'request-settings', screenshot);

  // The client's portal offers Appointments now (the practice's zone is theirs: no second zone named).
  await clientPage.reload();
  await openAppointments(clientPage);
  await expect(clientPage.getByText('The practice is in')).toHaveCount(0);
});

test('a practice that writes day first with the 24-hour clock shows a client’s appointment times that way, in the client’s zone', async ({
  browser,
  server,
}) => {
  const { staff, ownerId } = await practiceTakingRequests(browser, server, harbour);
  await staff.api.put('/settings/date-time-format', { dateOrder: 'day-first', clock: '24-hour' });
  const { page } = await clientSignedIn(browser, server, harbour, staff.api, ownerId, amara, {
    viewport: phone,
    timezoneId: 'Europe/London',
  });
  await openAppointments(page);
  const asked = await requestFreeTime(page, harbour, { day: 1 });
  await expect(page.getByText('Your request was sent.')).toBeVisible();

  // Read in London (the client's zone, not New York's), day first, 24-hour, with the zone's name.
  const start = DateTime.fromISO(asked.startsAt, { zone: 'Europe/London' });
  const thisYear = DateTime.now().setZone('Europe/London').year;
  expect(asked.day).toBe(start.toFormat(start.year === thisYear ? 'cccc, d LLLL' : 'cccc, d LLLL yyyy'));
  expect(asked.time).toBe(start.toFormat('HH:mm ZZZZ'));
  expect(asked.time).toMatch(/^\d{2}:00 GMT/);
  const when = start.toFormat('cccc, d LLLL yyyy, HH:mm ZZZZ');
  await expect(page.getByRole('region', { name: 'Requests' }).getByText(when, { exact: true })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Home' }).first().click();
  await expect(page.getByRole('region', { name: 'Appointments' })).toContainText(
    `1 request is waiting for an answer: ${when}.`,
  );
  await settle(page);
  await screenshot(page, 'appointments-home-day-first-phone');
});
