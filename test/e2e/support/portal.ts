import {
  expect,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import type { Client } from '../../../src/shared/schemas/clients.js';
import type { PortalAccessView, PortalPermissions, PortalSettings } from '../../../src/shared/schemas/portal-access.js';
import { openDatabase } from '../../../src/server/db/database.js';
import { hashToken } from '../../../src/server/platform/tokens.js';
import type { ReceivedMail } from '../../helpers/smtp-sink.js';
import path from 'node:path';
import { screenshotDir, test as base } from './fixtures.js';
import { startPortico, type Portico, type PorticoOptions } from './portico.js';

/**
 * Client Portal browser tests get a fresh server per test: its own database, outbox and SMTP sink,
 * and its own per-IP rate limits (every test's browser is 127.0.0.1, and these flows ask for many
 * links). Starting one takes well under a second.
 */
export const test = base.extend<{ server: Portico; serverEnv: Record<string, string>; serverOptions: PorticoOptions }>({
  /** Extra configuration for the test's server, e.g. `test.use({ serverEnv: { MESSAGE_NOTIFY_SECONDS: '3' } })`. */
  serverEnv: [{}, { option: true }],
  /** Test settings of the test's server, e.g. `test.use({ serverOptions: { appointmentJobsEveryMs: 200 } })`. */
  serverOptions: [{}, { option: true }],
  server: async ({ serverEnv, serverOptions }, use, testInfo) => {
    // Each test is a whole flow across several browsers and emails; the machine may be shared.
    testInfo.setTimeout(Math.max(testInfo.timeout, 180_000));
    const server = await startPortico(serverEnv, serverOptions);
    await use(server);
    for (const context of openContexts.get(server) ?? []) await context.close();
    openContexts.delete(server);
    await server.stop();
  },
});

/** The browser contexts a test opened on its server, closed when the test ends. */
const openContexts = new Map<Portico, BrowserContext[]>();

export { expect };

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 390, height: 844 };

/** A browser context of its own (cookies, storage): a staff member's computer or a client's phone. */
export async function newDevice(
  browser: Browser,
  server: Portico,
  viewport: { width: number; height: number } = desktop,
): Promise<{ context: BrowserContext; page: Page }> {
  const isPhone = viewport.width < 600;
  const context = await browser.newContext({
    baseURL: server.url,
    viewport,
    ...(isPhone ? { isMobile: true, hasTouch: true } : {}),
  });
  openContexts.set(server, [...(openContexts.get(server) ?? []), context]);
  return { context, page: await context.newPage() };
}

// ——— Staff side through the API (the client-side tests set the practice up this way) ———

export interface PracticeInfo {
  name: string;
  slug: string;
  ownerName: string;
  ownerEmail: string;
  password: string;
  /** America/New_York unless said. */
  timeZone?: string;
}

export const ownerPassword = 'correct horse battery staple';

export function practiceNamed(name: string, slug: string): PracticeInfo {
  return { name, slug, ownerName: 'Dana Owner', ownerEmail: `owner@${slug}.test`, password: ownerPassword };
}

async function ok<T>(response: APIResponse, what: string): Promise<T> {
  if (!response.ok()) throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

export interface NewEmail {
  address: string;
  emailOk?: boolean;
  isPrimary?: boolean;
  type?: 'home' | 'work' | 'other';
}

/**
 * The staff API as the staff app calls it, with the session cookie of the request context it is
 * given (a page's context shares that cookie, so the page is signed in too).
 */
export class StaffApi {
  private csrf: string | null = null;

  constructor(readonly request: APIRequestContext) {}

  /** Creates the practice and its owner (setup on an empty deployment, else sign-up) and signs in. */
  static async createPractice(request: APIRequestContext, practice: PracticeInfo): Promise<StaffApi> {
    const session = await ok<{ setupRequired: boolean }>(await request.get('/api/session'), 'GET /api/session');
    const mode = session.setupRequired ? 'setup' : 'signup';
    const created = await ok<{ csrfToken: string }>(
      await request.post(`/api/${mode}`, {
        data: {
          practice: { name: practice.name, timeZone: practice.timeZone ?? 'America/New_York', slug: practice.slug },
          owner: { name: practice.ownerName, email: practice.ownerEmail, password: practice.password },
        },
      }),
      `POST /api/${mode}`,
    );
    const api = new StaffApi(request);
    api.csrf = created.csrfToken;
    return api;
  }

  private async headers(): Promise<Record<string, string>> {
    if (!this.csrf) {
      const session = await ok<{ csrfToken: string | null }>(
        await this.request.get('/api/session'),
        'GET /api/session',
      );
      if (!session.csrfToken) throw new Error('not signed in as staff');
      this.csrf = session.csrfToken;
    }
    return { 'x-csrf-token': this.csrf };
  }

  async post<T>(path: string, data: unknown = {}): Promise<T> {
    return ok<T>(await this.request.post(`/api${path}`, { data, headers: await this.headers() }), `POST ${path}`);
  }

  async put<T>(path: string, data: unknown): Promise<T> {
    return ok<T>(await this.request.put(`/api${path}`, { data, headers: await this.headers() }), `PUT ${path}`);
  }

  async get<T>(path: string): Promise<T> {
    return ok<T>(await this.request.get(`/api${path}`), `GET ${path}`);
  }

  /** A client with the given emails (the first is primary unless one says otherwise; Email OK on by default). */
  async createClient(input: {
    firstName: string;
    lastName: string;
    preferredName?: string;
    emails: NewEmail[];
    inviteMessage?: string;
  }): Promise<Client> {
    const anyPrimary = input.emails.some((e) => e.isPrimary);
    return this.post<Client>('/clients', {
      firstName: input.firstName,
      lastName: input.lastName,
      preferredName: input.preferredName ?? null,
      emails: input.emails.map((e, index) => ({
        address: e.address,
        type: e.type ?? 'home',
        emailOk: e.emailOk ?? true,
        isPrimary: anyPrimary ? (e.isPrimary ?? false) : index === 0,
      })),
      ...(input.inviteMessage ? { portalInvitation: { message: input.inviteMessage } } : {}),
    });
  }

  access(clientId: string): Promise<PortalAccessView> {
    return this.get<PortalAccessView>(`/clients/${clientId}/portal`);
  }

  invite(client: Client, address: string, message = 'Welcome to our Client Portal.'): Promise<PortalAccessView> {
    const email = client.emails.find((e) => e.address === address);
    if (!email) throw new Error(`${address} is not an email of the client`);
    return this.post<PortalAccessView>(`/clients/${client.id}/portal/invitations`, { emailId: email.id, message });
  }

  disable(clientId: string): Promise<PortalAccessView> {
    return this.post<PortalAccessView>(`/clients/${clientId}/portal/disable`);
  }

  settings(): Promise<PortalSettings> {
    return this.get<PortalSettings>('/settings/portal');
  }

  async setPortalEnabled(enabled: boolean): Promise<PortalSettings> {
    const current = await this.settings();
    return this.put<PortalSettings>('/settings/portal', {
      enabled,
      defaults: current.defaults,
      welcomeMessage: current.welcomeMessage,
    });
  }

  savePermissions(clientId: string, permissions: PortalPermissions): Promise<PortalAccessView> {
    return this.put<PortalAccessView>(`/clients/${clientId}/portal/permissions`, permissions);
  }
}

/** A practice with its owner signed in, in a browser context of its own. */
export async function staffDevice(
  browser: Browser,
  server: Portico,
  practice: PracticeInfo,
  viewport = desktop,
): Promise<{ context: BrowserContext; page: Page; api: StaffApi }> {
  const device = await newDevice(browser, server, viewport);
  const api = await StaffApi.createPractice(device.context.request, practice);
  return { ...device, api };
}

// ——— The client's inbox ———

export interface SignInEmail {
  mail: ReceivedMail;
  url: string;
  token: string;
  code: string;
}

/**
 * Waits for the nth email (1-based) ever sent to this address. Counting makes "a second email"
 * mean a new one, not the first one again.
 */
export function waitForEmail(server: Portico, to: string, nth = 1, timeoutMs = 10_000): Promise<ReceivedMail> {
  const isTo = (m: ReceivedMail) => m.to.includes(to);
  return server.mail.waitFor((m) => isTo(m) && server.mail.messages.filter(isTo).indexOf(m) === nth - 1, timeoutMs);
}

export function emailsTo(server: Portico, to: string): ReceivedMail[] {
  return server.mail.messages.filter((m) => m.to.includes(to));
}

/** The Sign in link and code of a portal email, checking that both parts carry them. */
export function readSignInEmail(server: Portico, mail: ReceivedMail, slug: string): SignInEmail {
  const linkPattern = new RegExp(`${escapeRegExp(server.url)}/portal/${slug}/sign-in#token=([A-Za-z0-9_-]{20,100})`);
  const link = linkPattern.exec(mail.text);
  if (!link?.[1]) throw new Error(`no sign-in link for /portal/${slug} in the email's text:\n${mail.text}`);
  const code = /enter this code with your email address: (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no 6-digit code in the email's text:\n${mail.text}`);
  // The HTML part has the same link behind a "Sign in" button, and the same code.
  expect(mail.html).toContain(`href="${link[0]}"`);
  expect(mail.html).toMatch(/>Sign in<\/a>/);
  expect(mail.html).toContain(code);
  return { mail, url: link[0], token: link[1], code };
}

/** Waits for the nth email to the address and reads its link and code. */
export async function nextSignInEmail(server: Portico, to: string, slug: string, nth = 1): Promise<SignInEmail> {
  return readSignInEmail(server, await waitForEmail(server, to, nth), slug);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The fake clock: makes a link expire by moving its expiry into the past in the server's database. */
export async function expireLink(server: Portico, token: string): Promise<void> {
  const database = openDatabase(server.databasePath);
  try {
    const result = await database.db
      .updateTable('portal_tokens')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    expect(Number(result.numUpdatedRows), 'the link’s token row').toBe(1);
  } finally {
    await database.close();
  }
}

// ——— The client portal, as a client clicks it ———

export const portalPath = (slug: string) => `/portal/${slug}`;

/** Opens an emailed link the way a browser does (the token in the fragment) and lets the page post it. */
export async function openLink(page: Page, link: SignInEmail | string): Promise<void> {
  await page.goto(typeof link === 'string' ? link : link.url);
}

export async function expectHome(page: Page, slug: string, clientName: string, practiceName: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/portal/${slug}/home$`));
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${clientName}` })).toBeVisible();
  await expect(page.getByText(`You are signed in to the Client Portal of ${practiceName}.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // The token never stays in the address bar.
  expect(page.url()).not.toContain('token=');
}

export async function expectLinkProblem(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(
    page
      .getByRole('button', { name: 'Email me a new link' })
      .or(page.getByRole('link', { name: 'Email me a new link' })),
  ).toBeVisible();
  await expect(page).not.toHaveURL(/\/home$/);
}

/** Landing → "I'm an existing client" → email → Send link → "Check your email". */
export async function requestLinkOnPortal(page: Page, slug: string, email: string): Promise<void> {
  await page.goto(portalPath(slug));
  await page.getByRole('link', { name: "I'm an existing client" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/${slug}/sign-in/email$`));
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
}

/** The portal's code form, wherever it is shown (Check your email, or Enter your code). */
export async function signInWithCode(page: Page, email: string, code: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in with a code' });
  await form.getByLabel('Email address').fill(email);
  await form.getByLabel('6-digit code').fill(code);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

// ——— The staff app, as a clinician clicks it ———

/** The staff sign-in page. */
export async function staffSignIn(page: Page, practice: PracticeInfo): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(practice.ownerEmail);
  await page.getByLabel('Password').fill(practice.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}

/** Client profile → Edit → Client Portal. */
export async function openPortalTab(page: Page, clientId: string): Promise<void> {
  await page.goto(`/clients/${clientId}`);
  await page.getByRole('navigation', { name: 'Client sections' }).getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('tab', { name: 'Client Portal' }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${clientId}/edit\\?tab=portal$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Client Portal access' })).toBeVisible();
}

export type AccessStateLabel = 'Not invited' | 'Invited, not signed in yet' | 'Active' | 'Disabled';
const stateLabels: AccessStateLabel[] = ['Not invited', 'Invited, not signed in yet', 'Active', 'Disabled'];

/** The state badge beside "Client Portal access" shows this state, and no other. */
export async function expectAccessState(page: Page, label: AccessStateLabel): Promise<void> {
  const section = accessSection(page);
  await expect(section.getByText(label, { exact: true })).toBeVisible();
  for (const other of stateLabels.filter((l) => l !== label)) {
    await expect(section.getByText(other, { exact: true })).toHaveCount(0);
  }
}

/** The "Client Portal access" card. */
export function accessSection(page: Page) {
  return page
    .locator('.mantine-Paper-root')
    .filter({ has: page.getByRole('heading', { level: 2, name: 'Client Portal access' }) });
}

/** The rows under "Invitations", newest first. */
export function invitationRows(page: Page) {
  return page.getByRole('heading', { level: 3, name: 'Invitations' }).locator('xpath=..').getByRole('listitem');
}

/** The yellow "has not signed in yet" banner. */
export function notSignedInBanner(page: Page, name: string) {
  return page.getByRole('alert').filter({ hasText: `${name} has not signed in yet.` });
}

/** Takes a full-page screenshot at desktop and phone size (then back to desktop). */
export async function screenshotBoth(
  page: Page,
  name: string,
  shoot: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const size = page.viewportSize() ?? desktop;
  await page.setViewportSize(desktop);
  await shoot(page, `${name}-desktop`);
  await page.setViewportSize(phone);
  await shoot(page, `${name}-phone`);
  await page.setViewportSize(size);
}

/**
 * Waits until the page is still: no toast over the content and no running transition (a modal
 * fading in), so axe measures contrast on what a person sees and screenshots are not mid-animation.
 */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/** What is on screen only: for modals, whose backdrop covers the viewport, not the whole page. */
export async function viewportShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/**
 * A practice with its owner signed in (staff API, desktop), and one client invited to its portal
 * who signed in through the invitation email on a device of their own.
 */
export async function practiceWithSignedInClient(
  browser: Browser,
  server: Portico,
  practice: PracticeInfo,
  person: { firstName: string; lastName: string; address: string },
  viewport = desktop,
) {
  const staff = await staffDevice(browser, server, practice, desktop);
  const client: Client = await staff.api.createClient({
    firstName: person.firstName,
    lastName: person.lastName,
    emails: [{ address: person.address }],
  });
  await staff.api.invite(client, person.address);
  const invitation = await nextSignInEmail(server, person.address, practice.slug);
  const device = await newDevice(browser, server, viewport);
  await openLink(device.page, invitation);
  await expectHome(device.page, practice.slug, person.firstName, practice.name);
  return { staff, client, clientPage: device.page };
}
