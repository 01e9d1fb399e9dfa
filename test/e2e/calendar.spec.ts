import type { Locator, Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { Client } from '../../src/shared/schemas/clients.js';
import type { AppointmentsChanged, Location, Service } from '../../src/shared/schemas/scheduling.js';
import { expectAccessible } from './support/fixtures.js';
import {
  desktop,
  expect,
  newDevice,
  phone,
  practiceNamed,
  settle,
  staffDevice,
  test,
  viewportShot,
  type StaffApi,
} from './support/portal.js';
import { addMembers, signInAsMember } from './support/team.js';
import { snap } from './support/staff.js';

/**
 * The staff Calendar (issue 18): the owner books in the week view, is warned of a double booking
 * and confirms it, makes a weekly series and moves "this and following", marks one attended and
 * cancels one; a scheduler sees every clinician's calendar and picks one, a clinician only their own.
 * The practice is in New York (12-hour clock); the appointments are next week and later.
 */

const harbour = practiceNamed('Harbour Calendar Practice', 'harbour-calendar');
const zone = 'America/New_York';

function clientOf(api: StaffApi, firstName: string, lastName: string, primaryId: string): Promise<Client> {
  return api.post<Client>('/clients', {
    firstName,
    lastName,
    preferredName: null,
    emails: [],
    clinicians: { primaryId, otherIds: [] },
  });
}

/** Monday of next week in the practice's zone: every appointment of the test is in the future. */
const nextMonday = DateTime.now().setZone(zone).startOf('week').plus({ weeks: 1 });
const isoDate = (date: DateTime) => date.toISODate() ?? '';

function calendarGrid(page: Page): Locator {
  return page.locator('.portico-cal-grid');
}

function appointment(page: Page, name: RegExp): Locator {
  return page.getByRole('button', { name });
}

async function openCalendar(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(page.getByRole('heading', { name: 'Calendar', level: 1 })).toBeVisible();
}

async function newAppointment(
  page: Page,
  input: { client: string; clinician?: string; date: string; time: string },
): Promise<Locator> {
  await page.getByRole('button', { name: 'New appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByRole('combobox', { name: 'Client' }).fill(input.client.split(' ')[0] ?? input.client);
  await page.getByRole('option', { name: input.client }).click();
  await dialog.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: 'Individual therapy (50 min)' }).click();
  if (input.clinician) {
    await dialog.getByRole('combobox', { name: 'Clinician' }).click();
    await page.getByRole('option', { name: input.clinician }).click();
  }
  await expect(dialog.getByRole('combobox', { name: 'Location' })).toHaveValue('Main office');
  await dialog.getByLabel('Date').fill(input.date);
  await dialog.getByLabel('Start time').fill(input.time);
  return dialog;
}

test('the owner books, confirms a double booking, edits a series and sets statuses; each role sees its calendars', async ({
  browser,
  server,
}) => {
  const owner = await staffDevice(browser, server, harbour, desktop);
  const session = await owner.api.get<{ staff: { id: string } }>('/session');
  const ownerId = session.staff.id;
  const [clinician, scheduler] = await addMembers(server, harbour.slug, [
    { name: 'Chris Clinician', email: 'chris@harbour-calendar.test', roles: ['clinician'] },
    { name: 'Sam Scheduler', email: 'sam@harbour-calendar.test', roles: ['scheduler'] },
  ]);
  if (!clinician || !scheduler) throw new Error('members not made');
  const service = await owner.api.post<Service>('/services', {
    name: 'Individual therapy',
    cptCode: '90834',
    durationMinutes: 50,
    feeMinor: 15000,
    onlineRequests: false,
    clinicianIds: [ownerId, clinician.id],
  });
  const office = await owner.api.post<Location>('/locations', {
    kind: 'in_person',
    name: 'Main office',
    address: '12 Harbour Street, Boston',
  });
  await clientOf(owner.api, 'Avery', 'Brooks', ownerId);
  await clientOf(owner.api, 'Jordan', 'Lee', ownerId);
  const casey = await clientOf(owner.api, 'Casey', 'Nguyen', clinician.id);
  // Chris's own appointment, booked through the API: the clinician sees it, and only it.
  await owner.api.post<AppointmentsChanged>('/appointments', {
    clientId: casey.id,
    serviceId: service.id,
    clinicianId: clinician.id,
    locationId: office.id,
    date: isoDate(nextMonday.plus({ days: 2 })),
    time: '11:00',
    videoLink: null,
  });

  const page = owner.page;
  await page.goto('/clients');
  await openCalendar(page);
  await expect(page).toHaveURL(/\/calendar$/);
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page).toHaveURL(/\/calendar\?date=\d{4}-\d{2}-\d{2}$/);
  await expect(appointment(page, /Casey Nguyen/)).toBeVisible();

  // A click on an empty stretch of Tuesday offers to book there, at the quarter hour it points at
  // (the grid starts at 07:00, an hour is 60 px).
  const tuesday = isoDate(nextMonday.plus({ days: 1 }));
  await page.locator(`.portico-cal-day[data-date="${tuesday}"]`).click({ position: { x: 8, y: 7.5 * 60 + 5 } });
  const picked = page.getByRole('dialog', { name: 'New appointment' });
  await expect(picked.getByLabel('Date')).toHaveValue(tuesday);
  await expect(picked.getByLabel('Start time')).toHaveValue('14:30');
  await picked.getByRole('button', { name: 'Cancel' }).click();
  await expect(picked).toBeHidden();

  // Book Avery on Monday at 10:00 in the week view.
  const monday = isoDate(nextMonday);
  let dialog = await newAppointment(page, {
    client: 'Avery Brooks',
    clinician: harbour.ownerName,
    date: monday,
    time: '10:00',
  });
  await expect(dialog.getByRole('textbox', { name: 'Duration (minutes)' })).toHaveValue('50');
  await expect(dialog.getByText("Ends at 10:50 AM (the service's length)")).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(dialog).toBeHidden();
  const avery = appointment(page, /10:00 AM–10:50 AM, Avery Brooks/);
  await expect(avery).toBeVisible();

  // Jordan at 10:30 overlaps Avery: the server's warning names it, and booking needs a confirm.
  dialog = await newAppointment(page, {
    client: 'Jordan Lee',
    clinician: harbour.ownerName,
    date: monday,
    time: '10:30',
  });
  // Thirty minutes instead of the service's fifty.
  await dialog.getByRole('textbox', { name: 'Duration (minutes)' }).fill('30');
  await expect(dialog.getByText('Ends at 11:00 AM', { exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  const warning = dialog.getByRole('alert').filter({ hasText: "This time overlaps the clinician's calendar" });
  await expect(warning).toContainText('Avery Brooks, Individual therapy with Dana Owner');
  await expect(appointment(page, /Jordan Lee/)).toHaveCount(0);
  await expectAccessible(page);
  await viewportShot(page, 'calendar-conflict-desktop');
  await warning.getByRole('button', { name: 'Book anyway' }).click();
  await expect(dialog).toBeHidden();
  const jordan = appointment(page, /10:30 AM–11:00 AM, Jordan Lee/);
  await expect(jordan).toBeVisible();
  // Overlapping appointments stand side by side.
  const averyBox = await avery.boundingBox();
  const jordanBox = await jordan.boundingBox();
  expect(averyBox && jordanBox && jordanBox.x >= averyBox.x + averyBox.width - 1).toBe(true);

  // A weekly series of four on Tuesdays at 14:00.
  dialog = await newAppointment(page, {
    client: 'Avery Brooks',
    clinician: harbour.ownerName,
    date: isoDate(nextMonday.plus({ days: 1 })),
    time: '14:00',
  });
  await dialog.getByRole('checkbox', { name: 'Repeat' }).check();
  await dialog.getByRole('radio', { name: 'Weekly' }).check();
  await dialog.getByRole('radio', { name: 'After a number of appointments' }).check();
  await dialog.getByRole('textbox', { name: 'Number of appointments' }).fill('4');
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(dialog).toBeHidden();
  await expect(appointment(page, /2:00 PM–2:50 PM, Avery Brooks/)).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await snap(page, 'calendar-week-desktop');

  // The second of the series moves to 15:00, with the ones after it.
  await page.getByRole('button', { name: 'Next week' }).click();
  await page.getByRole('button', { name: /2:00 PM–2:50 PM, Avery Brooks/ }).click();
  let details = page.getByRole('dialog', { name: 'Avery Brooks' });
  await expect(details.getByText('Recurring')).toBeVisible();
  await details.getByRole('button', { name: 'Edit' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit appointment' });
  await expect(dialog.getByLabel('Start time')).toHaveValue('14:00');
  await dialog.getByLabel('Start time').fill('15:00');
  await dialog.getByRole('button', { name: 'Save appointment' }).click();
  await expect(dialog.getByText('This appointment is part of a series.')).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'This and following' }).click();
  await expect(dialog).toBeHidden();
  await expect(appointment(page, /3:00 PM–3:50 PM, Avery Brooks/)).toBeVisible();
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(appointment(page, /3:00 PM–3:50 PM, Avery Brooks/)).toBeVisible();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  // The first of the series stays at 14:00.
  await expect(appointment(page, /2:00 PM–2:50 PM, Avery Brooks/)).toBeVisible();

  // Avery attended on Monday.
  await avery.click();
  details = page.getByRole('dialog', { name: 'Avery Brooks' });
  await details.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Attended' }).click();
  await expect(details.getByText('Attended', { exact: true }).first()).toBeVisible();
  await details.getByRole('button', { name: 'Done' }).click();
  await expect(
    appointment(page, /10:00 AM–10:50 AM, Avery Brooks, Individual therapy with Dana Owner, Attended/),
  ).toBeVisible();

  // The practice cancels Jordan's: it leaves the grid, and shows again with Show cancelled.
  await jordan.click();
  details = page.getByRole('dialog', { name: 'Jordan Lee' });
  await details.getByRole('button', { name: 'Cancel appointment' }).click();
  await details.getByRole('radio', { name: 'Cancelled by practice' }).check();
  await details.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(details.getByText('Cancelled by practice').first()).toBeVisible();
  await details.getByRole('button', { name: 'Done' }).click();
  await expect(appointment(page, /Jordan Lee/)).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Show cancelled' }).check();
  await expect(
    appointment(page, /Jordan Lee, Individual therapy with Dana Owner, Cancelled by practice/),
  ).toBeVisible();

  // Monday's own view, from its heading in the week.
  await page.getByRole('link', { name: new RegExp(`^${nextMonday.toFormat('cccc d LLLL')}`) }).click();
  await expect(page).toHaveURL(new RegExp(`date=${monday}&view=day`));
  await expect(calendarGrid(page)).toBeVisible();
  await expect(appointment(page, /Avery Brooks/)).toHaveCount(1);
  await settle(page);
  await expectAccessible(page);
  await snap(page, 'calendar-day-desktop');

  // On a phone the week is a list of days.
  await page.setViewportSize(phone);
  await page.getByText('Week', { exact: true }).click();
  await expect(page.getByRole('heading', { name: /Tuesday/ })).toBeVisible();
  await expect(calendarGrid(page)).toHaveCount(0);
  await expect(appointment(page, /Avery Brooks/).first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await settle(page);
  await expectAccessible(page);
  await snap(page, 'calendar-week-phone');
  await page.getByText('Day', { exact: true }).click();
  await expect(calendarGrid(page)).toBeVisible();
  await settle(page);
  await snap(page, 'calendar-day-phone');

  // A scheduler sees every clinician's calendar, and picks Chris's.
  const schedulerDevice = await newDevice(browser, server, desktop);
  await signInAsMember(schedulerDevice.page, scheduler);
  await openCalendar(schedulerDevice.page);
  await schedulerDevice.page.getByRole('button', { name: 'Next week' }).click();
  await expect(appointment(schedulerDevice.page, /Avery Brooks/).first()).toBeVisible();
  await expect(appointment(schedulerDevice.page, /Casey Nguyen/)).toBeVisible();
  await schedulerDevice.page.getByRole('combobox', { name: 'Clinician' }).click();
  await schedulerDevice.page.getByRole('option', { name: 'Chris Clinician' }).click();
  await expect(schedulerDevice.page).toHaveURL(new RegExp(`clinician=${clinician.id}`));
  await expect(appointment(schedulerDevice.page, /Casey Nguyen/)).toBeVisible();
  await expect(appointment(schedulerDevice.page, /Avery Brooks/)).toHaveCount(0);

  // A clinician sees their own calendar only, with no clinician to pick.
  const clinicianDevice = await newDevice(browser, server, desktop);
  await signInAsMember(clinicianDevice.page, clinician);
  await openCalendar(clinicianDevice.page);
  await expect(clinicianDevice.page.getByRole('combobox', { name: 'Clinician' })).toHaveCount(0);
  await clinicianDevice.page.getByRole('button', { name: 'Next week' }).click();
  await expect(appointment(clinicianDevice.page, /Casey Nguyen/)).toBeVisible();
  await expect(appointment(clinicianDevice.page, /Avery Brooks/)).toHaveCount(0);
  // Their booking form offers only them as the clinician, and only their clients.
  await clinicianDevice.page.getByRole('button', { name: 'New appointment' }).click();
  const own = clinicianDevice.page.getByRole('dialog', { name: 'New appointment' });
  await own.getByRole('combobox', { name: 'Client' }).fill('A');
  await expect(clinicianDevice.page.getByRole('option', { name: 'Avery Brooks' })).toHaveCount(0);
  await expect(own.getByRole('combobox', { name: 'Clinician' })).toHaveValue('Chris Clinician');
});
