import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { openDatabase } from '../../src/server/db/database.js';
import { systemClock } from '../../src/server/platform/clock.js';
import type { Client } from '../../src/shared/schemas/clients.js';
import type { Location, Service } from '../../src/shared/schemas/scheduling.js';
import { createStaff, factoryPassword } from '../factories/practices.js';
import { expectAccessible, screenshot } from './support/fixtures.js';
import {
  desktop,
  expect,
  newDevice,
  nextSignInEmail,
  openLink,
  phone,
  practiceNamed,
  settle,
  staffDevice,
  test,
} from './support/portal.js';

/**
 * Settings → Availability (issue 18): a clinician keeps their weekly hours (one of them running
 * past midnight) and time off, the owner changes another clinician's, and the free times a client
 * is offered in the portal follow both.
 */

const linden = practiceNamed('Linden Therapy', 'linden-therapy');
const zone = 'America/New_York';

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(factoryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}

/** The first Friday whose 22:00 in the practice's zone is more than two days away (past minimum notice). */
function comingFriday(): DateTime {
  const now = DateTime.now().setZone(zone);
  let day = now.startOf('day');
  while (day.weekday !== 5 || day.set({ hour: 22 }) < now.plus({ days: 2 })) day = day.plus({ days: 1 });
  return day;
}

const localInput = (value: DateTime) => value.toFormat("yyyy-MM-dd'T'HH:mm");

test('a clinician keeps weekly hours and time off, the owner edits theirs, and the free times follow', async ({
  browser,
  server,
}) => {
  const owner = await staffDevice(browser, server, linden);
  const session = await owner.api.get<{ practice: { id: string }; staff: { id: string } }>('/session');
  const database = openDatabase(server.databasePath);
  const cleo = await createStaff({ db: database.db, clock: systemClock }, session.practice.id, {
    name: 'Cleo Marsh',
    email: 'cleo@linden.test',
    roles: ['clinician'],
  }).finally(() => database.close());

  const office = await owner.api.post<Location>('/locations', {
    kind: 'in_person',
    name: 'Main office',
    address: '4 Linden Row\nSalem, MA 01970',
  });
  const therapy = await owner.api.post<Service>('/services', {
    name: 'Individual therapy',
    cptCode: '90834',
    durationMinutes: 50,
    feeMinor: 15000,
    onlineRequests: true,
    clinicianIds: [session.staff.id, cleo.id],
  });

  // The clinician finds Availability in Settings, beside their own pages.
  const { page } = await newDevice(browser, server, desktop);
  await signInAs(page, 'cleo@linden.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const settingsNav = page.getByRole('navigation', { name: 'Settings' });
  await expect(settingsNav.getByRole('link')).toHaveText([
    'Practice profile',
    'My account',
    'Security',
    'Availability',
  ]);
  await settingsNav.getByRole('link', { name: 'Availability' }).click();
  await expect(page.getByRole('heading', { name: 'Availability', level: 1 })).toBeVisible();
  await expect(page.getByText('No weekly hours yet.')).toBeVisible();
  // A clinician keeps only their own: there is no one to choose.
  await expect(page.getByLabel('Clinician')).toHaveCount(0);

  // Monday mornings, and Friday nights into Saturday.
  await page.getByRole('button', { name: 'Add block' }).click();
  const monday = page.getByRole('group', { name: 'Block 1' });
  await monday.getByLabel('Day').selectOption({ label: 'Monday' });
  await monday.getByLabel('Start').fill('09:00');
  await monday.getByLabel('End').fill('12:00');
  await page.getByRole('button', { name: 'Add block' }).click();
  const friday = page.getByRole('group', { name: 'Block 2' });
  await friday.getByLabel('Day').selectOption({ label: 'Friday' });
  await friday.getByLabel('Start').fill('22:00');
  await friday.getByLabel('End').fill('02:00');
  await expect(friday.getByText('Friday 10:00 PM – Saturday 2:00 AM')).toBeVisible();
  await expect(friday.getByText('Ends the next day')).toBeVisible();
  await friday.getByRole('combobox', { name: 'Services' }).click();
  await page.getByRole('option', { name: 'Individual therapy' }).click();
  await page.getByRole('button', { name: 'Save weekly hours' }).click();
  await expect(page.getByText('Weekly hours saved')).toBeVisible();
  await expect(monday.getByText('Monday 9:00 AM–12:00 PM')).toBeVisible();
  await expect(monday.getByRole('switch', { name: 'Allow online appointment requests' })).toBeChecked();

  // A start equal to the end is refused, naming the field; nothing is saved.
  await monday.getByLabel('End').fill('09:00');
  await page.getByRole('button', { name: 'Save weekly hours' }).click();
  await expect(monday.getByText('Must differ from the start')).toBeVisible();
  await monday.getByLabel('End').fill('12:00');

  // Time off over the first Friday night.
  const firstFriday = comingFriday();
  const awayFrom = firstFriday.set({ hour: 20 });
  const awayTo = firstFriday.plus({ days: 1 }).set({ hour: 6 });
  await page.getByLabel('From').fill(localInput(awayFrom));
  await page.getByLabel('To').fill(localInput(awayTo));
  await page.getByLabel('Note (optional)').fill('Conference in Chicago');
  await page.getByRole('button', { name: 'Add time off' }).click();
  const timeOff = page.getByRole('list', { name: 'Time off' });
  await expect(timeOff.getByText('Conference in Chicago')).toBeVisible();
  await expect(timeOff.getByRole('listitem')).toHaveCount(1);
  await expect(timeOff).toContainText(`${awayFrom.toFormat('LLL d, yyyy')}, 8:00 PM`);

  // Reloaded, the page shows what the server kept.
  await page.reload();
  await expect(
    page.getByRole('group', { name: 'Block 2' }).getByText('Friday 10:00 PM – Saturday 2:00 AM'),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Time off' }).getByText('Conference in Chicago')).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await screenshot(page, 'availability-clinician-desktop');
  await page.setViewportSize(phone);
  await settle(page);
  await screenshot(page, 'availability-clinician-phone');

  // The owner chooses Cleo and takes her Monday hours out of online requests.
  await owner.page.goto('/settings/availability');
  await expect(owner.page.getByRole('heading', { name: 'Availability', level: 1 })).toBeVisible();
  await expect(owner.page.getByLabel('Clinician')).toHaveValue(session.staff.id);
  await owner.page.getByLabel('Clinician').selectOption({ label: 'Cleo Marsh' });
  const cleosMonday = owner.page.getByRole('group', { name: 'Block 1' });
  await expect(cleosMonday.getByText('Monday 9:00 AM–12:00 PM')).toBeVisible();
  await cleosMonday.getByRole('switch', { name: 'Allow online appointment requests' }).uncheck();
  await expect(cleosMonday.getByRole('switch', { name: 'Allow online appointment requests' })).not.toBeChecked();
  await owner.page.getByRole('button', { name: 'Save weekly hours' }).click();
  await expect(owner.page.getByText('Weekly hours saved')).toBeVisible();
  await settle(owner.page);
  await expectAccessible(owner.page);
  // From the top, so the sticky header is where a person sees it in the full-page shot.
  await owner.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(owner.page, 'availability-owner-desktop');
  await owner.page.setViewportSize(phone);
  await settle(owner.page);
  await screenshot(owner.page, 'availability-owner-phone');

  // A client of Cleo's, signed in to the portal with appointment requests on.
  const client = await owner.api.post<Client>('/clients', {
    firstName: 'Iris',
    lastName: 'Vega',
    preferredName: null,
    emails: [{ address: 'iris@example.test', type: 'home', emailOk: true, isPrimary: true }],
    clinicians: { primaryId: cleo.id, otherIds: [] },
  });
  await owner.api.invite(client, 'iris@example.test');
  const view = await owner.api.access(client.id);
  await owner.api.savePermissions(client.id, { ...view.permissions, appointments: true });
  const requestSettings = await owner.api.get<Record<string, unknown>>('/settings/appointment-requests');
  await owner.api.put('/settings/appointment-requests', { ...requestSettings, requestsEnabled: true });
  const portal = await newDevice(browser, server, phone);
  await openLink(portal.page, await nextSignInEmail(server, 'iris@example.test', linden.slug));
  await expect(portal.page).toHaveURL(/\/portal\/linden-therapy\/home/);

  const answer = await portal.page.request.get(
    `/api/portal/${linden.slug}/appointment-slots?serviceId=${therapy.id}&clinicianId=${cleo.id}&locationId=${office.id}`,
  );
  expect(answer.status(), await answer.text()).toBe(200);
  const { slots } = (await answer.json()) as { slots: string[] };
  const local = slots.map((slot) => DateTime.fromISO(slot, { zone }));
  // Only Friday nights: Monday is no longer offered online. Each night runs 22:00 to 02:00, so
  // a 50-minute appointment starts at 01:00 at the latest, on Saturday.
  expect(local.length).toBeGreaterThan(0);
  for (const start of local) {
    const onFriday = start.weekday === 5 && start.hour >= 22;
    const onSaturday = start.weekday === 6 && start.toFormat('HH:mm') <= '01:00';
    expect(onFriday || onSaturday, start.toISO() ?? '').toBe(true);
  }
  // The first Friday night is time off: the first free time is the Friday after, at 22:00.
  const secondFriday = firstFriday.plus({ weeks: 1 });
  expect(local[0]?.toISO()).toBe(secondFriday.set({ hour: 22 }).toISO());
  expect(local.slice(0, 7).map((start) => start.toFormat('ccc HH:mm'))).toEqual([
    'Fri 22:00',
    'Fri 22:30',
    'Fri 23:00',
    'Fri 23:30',
    'Sat 00:00',
    'Sat 00:30',
    'Sat 01:00',
  ]);
});
