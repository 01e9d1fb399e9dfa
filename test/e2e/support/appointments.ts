import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Client } from '../../../src/shared/schemas/clients.js';
import type { RequestSettings } from '../../../src/shared/schemas/availability.js';
import type { Location, Service } from '../../../src/shared/schemas/scheduling.js';
import type { SessionState } from '../../../src/shared/schemas/auth.js';
import type { Portico } from './portico.js';
import {
  desktop,
  expect,
  expectHome,
  nextSignInEmail,
  openLink,
  settle,
  staffDevice,
  type PracticeInfo,
  type StaffApi,
} from './portal.js';
import { expectAccessible, screenshot } from './fixtures.js';

/** The defaults, with requests switched on and hourly slots. */
export const requestSettings: RequestSettings = {
  requestsEnabled: true,
  minimumNoticeMinutes: 24 * 60,
  bookingWindowDays: 60,
  slotIntervalMinutes: 60,
  bufferMinutes: 0,
  holdMinutes: 72 * 60,
  clientCancelAllowed: true,
  clientCancelNoticeMinutes: 24 * 60,
  reminderMinutes: 24 * 60,
  reminderNamesService: false,
};

export interface SchedulingWorld {
  ownerId: string;
  service: Service;
  location: Location;
}

/**
 * Through the staff API, as the owner's screens would: a 50-minute service offered online by the
 * owner (also the practice's clinician), an office, weekday hours 09:00–17:00 open to requests
 * every day of the week, and the request settings (on unless said).
 */
export async function setUpScheduling(
  api: StaffApi,
  settings: Partial<RequestSettings> = {},
): Promise<SchedulingWorld> {
  const session = await api.get<SessionState>('/session');
  const ownerId = session.staff?.id;
  if (!ownerId) throw new Error('not signed in as staff');
  const service = await api.post<Service>('/services', {
    name: 'Individual therapy',
    cptCode: '90834',
    durationMinutes: 50,
    feeMinor: 15_000,
    onlineRequests: true,
    clinicianIds: [ownerId],
  });
  const location = await api.post<Location>('/locations', {
    kind: 'in_person',
    name: 'Harbour Street office',
    address: '12 Harbour Street\nBoston, MA 02110',
  });
  const blocks = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    start: '09:00',
    end: '17:00',
    locationId: location.id,
    serviceIds: [],
    allowRequests: true,
  }));
  await api.put(`/availability/${ownerId}/blocks`, { blocks });
  await api.put('/settings/appointment-requests', { ...requestSettings, ...settings });
  return { ownerId, service, location };
}

/**
 * A client of the owner, allowed to request appointments, invited and signed in through the
 * invitation on a device of their own (in the given time zone, as the browser reports it).
 */
export async function clientSignedIn(
  browser: Browser,
  server: Portico,
  practice: PracticeInfo,
  api: StaffApi,
  ownerId: string,
  person: { firstName: string; lastName: string; address: string },
  device: { viewport: { width: number; height: number }; timezoneId: string },
): Promise<{ client: Client; context: BrowserContext; page: Page }> {
  const client = await api.post<Client>('/clients', {
    firstName: person.firstName,
    lastName: person.lastName,
    preferredName: null,
    emails: [{ address: person.address, type: 'home', emailOk: true, isPrimary: true }],
    clinicians: { primaryId: ownerId, otherIds: [] },
  });
  const view = await api.access(client.id);
  await api.savePermissions(client.id, { ...view.permissions, appointments: true });
  await api.invite(client, person.address);
  const invitation = await nextSignInEmail(server, person.address, practice.slug);
  const isPhone = device.viewport.width < 600;
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: device.viewport,
    timezoneId: device.timezoneId,
    ...(isPhone ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await openLink(page, invitation);
  await expectHome(page, practice.slug, person.firstName, practice.name);
  return { client, context, page };
}

/** The owner's device with the practice and its scheduling set up. */
export async function practiceTakingRequests(
  browser: Browser,
  server: Portico,
  practice: PracticeInfo,
  settings: Partial<RequestSettings> = {},
) {
  const staff = await staffDevice(browser, server, practice, desktop);
  const world = await setUpScheduling(staff.api, settings);
  return { staff, ...world };
}

/** The portal's Appointments page, reached from the header as a client would. */
export async function openAppointments(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Appointments' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
}

export interface TimeAsked {
  /** The instant sent, ISO 8601. */
  startsAt: string;
  /** The Day option and the Time chosen, as the form labels them. */
  day: string;
  time: string;
}

/**
 * Request appointment → Individual therapy (with the practice's one clinician and office) → a day
 * (the nth offered, the first unless said, or the one with this label) → a time (the first unless
 * said) → Send request; returns what was asked for.
 */
export async function requestFreeTime(
  page: Page,
  practice: PracticeInfo,
  choice: { day?: number | string; time?: string; message?: string; shot?: string } = {},
): Promise<TimeAsked> {
  await page.getByRole('button', { name: 'Request appointment' }).click();
  const form = page.getByRole('region', { name: 'Request appointment' });
  await form.getByRole('combobox', { name: 'Service' }).click();
  await page.getByRole('option', { name: /Individual therapy/ }).click();
  // One clinician and one office: both chosen already.
  await expect(form.getByRole('combobox', { name: 'Clinician' })).toHaveValue(practice.ownerName);
  await expect(form.getByRole('combobox', { name: 'Location' })).toHaveValue('Harbour Street office');
  await form.getByRole('combobox', { name: 'Day' }).click();
  const dayOption =
    typeof choice.day === 'string'
      ? page.getByRole('option', { name: choice.day, exact: true })
      : page.getByRole('option').nth(choice.day ?? 0);
  await dayOption.click();
  const day = await form.getByRole('combobox', { name: 'Day' }).inputValue();
  const times = form.getByRole('radiogroup', { name: 'Time' });
  const radio = choice.time
    ? times.getByRole('radio', { name: choice.time, exact: true })
    : times.getByRole('radio').first();
  await radio.click();
  await expect(radio).toBeChecked();
  const time = (await radio.textContent()) ?? '';
  if (choice.message) await form.getByLabel('Message (optional)').fill(choice.message);
  if (choice.shot) {
    await settle(page);
    await expectAccessible(page);
    await screenshot(page, choice.shot);
  }
  const sent = page.waitForRequest(
    (request) => request.method() === 'POST' && request.url().endsWith('/appointment-requests'),
  );
  await form.getByRole('button', { name: 'Send request' }).click();
  const body = (await sent).postDataJSON() as { startsAt: string; timeZone: string };
  return { startsAt: body.startsAt, day, time };
}

/** The lines of an iCalendar file, unfolded (RFC 5545 folds long lines with a leading space). */
export function icsFields(ics: string): Map<string, string> {
  const lines = ics.replaceAll('\r\n ', '').replaceAll('\r\n\t', '').split(/\r?\n/);
  const fields = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).split(';')[0] ?? '';
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1));
  }
  return fields;
}

/** "20270105T150000Z" → the instant as ISO 8601. */
export function icsInstant(value: string | undefined): string {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) throw new Error(`not a UTC date-time: ${value}`);
  const [, y, mo, d, h, mi, s] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`).toISOString();
}

export { expect };
