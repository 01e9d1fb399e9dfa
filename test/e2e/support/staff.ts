import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, screenshot } from './fixtures.js';
import type { Portico } from './portico.js';

/** A short random tag that keeps names, slugs and emails unique on a shared server. */
export function uniqueTag(): string {
  return randomBytes(4).toString('hex');
}

export interface PracticeAccount {
  practiceName: string;
  slug: string;
  timeZone: string;
  ownerName: string;
  email: string;
  password: string;
}

/** The portal address the form derives from a plain ASCII practice name. */
function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function newPracticeAccount(overrides: Partial<PracticeAccount> = {}): PracticeAccount {
  const tag = uniqueTag();
  const practiceName = overrides.practiceName ?? `Willow Counselling ${tag}`;
  return {
    practiceName,
    slug: slugOf(practiceName),
    timeZone: 'America/New_York',
    ownerName: 'Dana Whitfield',
    email: `dana.${tag}@willow.example`,
    password: `correct horse ${tag}`,
    ...overrides,
  };
}

/** Picks an option of a Mantine Select (a combobox with a listbox in a portal). */
export async function chooseOption(page: Page, comboboxName: string | RegExp, option: string | RegExp): Promise<void> {
  const combobox = page.getByRole('combobox', { name: comboboxName });
  await combobox.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

/** Fills the practice form of setup and sign-up (the page must show it). */
export async function fillPracticeForm(page: Page, account: PracticeAccount): Promise<void> {
  await page.getByLabel('Practice name').fill(account.practiceName);
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  await zone.click();
  await zone.fill(account.timeZone.split('/').pop()?.replace(/_/g, ' ') ?? account.timeZone);
  await page.getByRole('option', { name: account.timeZone.replace(/_/g, ' '), exact: true }).click();
  await expect(zone).toHaveValue(account.timeZone.replace(/_/g, ' '));
  // The portal address follows the practice name until it is edited.
  await expect(page.getByLabel('Portal address')).toHaveValue(account.slug);
  await page.getByLabel('Your name').fill(account.ownerName);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
}

/**
 * Creates a practice with its owner through the UI: first-run setup on an empty server, else the
 * sign-up page. Ends signed in on the client list.
 */
export async function setUpPractice(
  page: Page,
  portico: Portico,
  overrides: Partial<PracticeAccount> = {},
): Promise<PracticeAccount> {
  const account = newPracticeAccount(overrides);
  await page.goto(`${portico.url}/sign-up`);
  await expect(page.getByRole('heading', { name: 'Create your practice', level: 1 })).toBeVisible();
  await fillPracticeForm(page, account);
  await page.getByRole('button', { name: 'Create practice' }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  return account;
}

/**
 * The same through the API (the form is covered by its own tests): the page's browser context
 * gets the owner's session cookie. Ends on the client list.
 */
export async function setUpPracticeByApi(
  page: Page,
  portico: Portico,
  overrides: Partial<PracticeAccount> = {},
): Promise<PracticeAccount> {
  const account = newPracticeAccount(overrides);
  const body = {
    practice: { name: account.practiceName, timeZone: account.timeZone, slug: account.slug },
    owner: { name: account.ownerName, email: account.email, password: account.password },
  };
  const session = (await (await page.request.get(`${portico.url}/api/session`)).json()) as { setupRequired: boolean };
  const response = await page.request.post(`${portico.url}/api/${session.setupRequired ? 'setup' : 'signup'}`, {
    data: body,
  });
  expect(response.status(), await response.text()).toBe(201);
  await page.goto(`${portico.url}/clients`);
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  return account;
}

export async function signIn(page: Page, portico: Portico, email: string, password: string): Promise<void> {
  await page.goto(`${portico.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}

export async function signOut(page: Page, ownerName: string): Promise<void> {
  await page.getByRole('button', { name: `Account menu for ${ownerName}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export interface EmailSpec {
  address: string;
  type?: 'Home' | 'Work' | 'Other';
  emailOk?: boolean;
  primary?: boolean;
}

export interface ClientSpec {
  firstName: string;
  lastName: string;
  preferredName?: string;
  /** As typed: in the practice's date order ("03/14/1987" for a US practice). */
  dateOfBirth?: string;
  phone?: string;
  emails?: EmailSpec[];
}

/** The create form may offer a portal invitation; these tests are about the client record. */
export async function declinePortalInvitation(page: Page): Promise<void> {
  const box = page.getByRole('checkbox', { name: /Invite to the Client Portal/ });
  if (await box.isVisible()) await box.uncheck();
}

/** Fills the client form (create or Edit → Client Info); emails are added as new rows. */
export async function fillClientForm(page: Page, client: ClientSpec): Promise<void> {
  await page.getByLabel('First name').fill(client.firstName);
  await page.getByLabel('Last name').fill(client.lastName);
  if (client.preferredName !== undefined) await page.getByLabel('Preferred name').fill(client.preferredName);
  if (client.dateOfBirth !== undefined) await page.getByLabel('Date of birth').fill(client.dateOfBirth);
  if (client.phone !== undefined) await page.getByLabel('Phone').fill(client.phone);
  for (const [index, email] of (client.emails ?? []).entries()) {
    const n = index + 1;
    await page.getByRole('button', { name: '+ Add email' }).click();
    const row = page.getByRole('group', { name: `Email ${n}` });
    await expect(row).toBeVisible();
    await row.getByRole('textbox', { name: `Email address ${n}` }).fill(email.address);
    if (email.type) await chooseOption(page, `Email type ${n}`, email.type);
    const ok = row.getByRole('switch', { name: `Email OK ${n}` });
    if (email.emailOk === false) await ok.uncheck();
    else if (email.emailOk === true) await ok.check();
    if (email.primary) await row.getByRole('radio', { name: `Primary email ${n}` }).check();
  }
}

/** Creates a client through Create → Create client; ends on the new client's profile. Returns its id. */
export async function createClient(page: Page, client: ClientSpec): Promise<string> {
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { name: 'Create client', level: 1 })).toBeVisible();
  await fillClientForm(page, client);
  await declinePortalInvitation(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${client.firstName} ${client.lastName}`);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

interface ApiEmail {
  address: string;
  type: 'home' | 'work' | 'other';
  emailOk: boolean;
  isPrimary: boolean;
}

export interface ApiClientInput {
  firstName: string;
  lastName: string;
  preferredName?: string;
  dateOfBirth?: string;
  phone?: string;
  emails?: ApiEmail[];
}

/** The signed-in page's CSRF token, as the staff app reads it. */
export async function csrfToken(page: Page, portico: Portico): Promise<string> {
  const response = await page.request.get(`${portico.url}/api/session`);
  expect(response.status()).toBe(200);
  const state = (await response.json()) as { csrfToken: string | null };
  if (!state.csrfToken) throw new Error('not signed in: no CSRF token');
  return state.csrfToken;
}

/** Creates clients through the API with the page's session (fast set-up for list tests). */
export async function createClientsByApi(page: Page, portico: Portico, clients: ApiClientInput[]): Promise<string[]> {
  const token = await csrfToken(page, portico);
  const ids: string[] = [];
  for (const client of clients) {
    const response = await page.request.post(`${portico.url}/api/clients`, {
      headers: { 'x-csrf-token': token },
      data: { preferredName: '', phone: '', dateOfBirth: null, emails: [], ...client },
    });
    expect(response.status(), await response.text()).toBe(201);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

/**
 * A full-page screenshot from the top of the page: scrolled down, Chromium paints the fixed
 * header over the middle of a full-page capture.
 */
export async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await screenshot(page, name);
}
