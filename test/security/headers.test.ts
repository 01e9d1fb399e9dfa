/**
 * What every kind of response carries: a CSP without inline or foreign scripts that forbids
 * framing, nosniff, a Referrer-Policy, HSTS exactly when served over https, and no-store on
 * every API answer (client data never sits in a cache). Also: no route sends the browser to
 * another origin, extra fields are refused by name (mass assignment), and the audit log keeps no
 * token, code, password or message text.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createClient } from '../factories/clients.js';
import { createDocumentTemplate, shareWithClient } from '../factories/documents.js';
import { createStaff, factoryPassword } from '../factories/practices.js';
import {
  createClientFile,
  createQuestionFile,
  createSharedDocument,
  formWithFiles,
} from '../factories/shared-documents.js';
import { createAppointment, createAppointmentRequest, createLocation, createService } from '../factories/scheduling.js';
import type { Agent } from '../helpers/agent.js';
import { openEventStream } from '../helpers/event-stream.js';
import { multipartBody, postMessage, sampleFiles } from '../helpers/messages.js';
import { repoRoot } from '../helpers/paths.js';
import { invite, latestPortalEmail } from '../helpers/portal.js';
import { apiRoutes, routeKey } from '../helpers/route-table.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { describeResponse, headerProblems, responseProblems } from './checks.js';
import {
  nextAddress,
  practiceWithPortalClients,
  signInClientByLink,
  signInStaff,
  snapshotAll,
  tableNames,
  type SecurityPractice,
} from './world.js';
import {
  billingSettingsBody,
  clientBillingBody,
  clinicianBillingBody,
  recordPaymentBody,
  refundBody,
} from '../helpers/billing.js';

/** A built web app in miniature: the two pages and one hashed asset. */
function makeWebRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'portico-web-'));
  for (const dir of ['staff', 'portal', 'assets']) mkdirSync(path.join(root, dir));
  writeFileSync(
    path.join(root, 'staff/index.html'),
    '<!doctype html><script type="module" src="/assets/staff-abc123.js"></script>',
  );
  writeFileSync(
    path.join(root, 'portal/index.html'),
    '<!doctype html><script type="module" src="/assets/portal-abc123.js"></script>',
  );
  writeFileSync(path.join(root, 'assets/staff-abc123.js'), 'console.log("staff");');
  return root;
}

interface Served {
  t: TestApp;
  /** The same deps served with the web app, as main.ts serves them. */
  web: FastifyInstance;
  p: SecurityPractice;
  https: boolean;
}

const webRoot = makeWebRoot();
let plain: Served;
let secure: Served;

async function serve(overrides: Record<string, string>, https: boolean): Promise<Served> {
  const t = await buildTestApp(overrides);
  const web = await buildApp(t.deps, { webRoot });
  await web.ready();
  return { t, web, p: await practiceWithPortalClients(t, 1), https };
}

beforeAll(async () => {
  plain = await serve({}, false);
  secure = await serve({ PUBLIC_URL: 'https://portico.test' }, true);
});
afterAll(async () => {
  for (const s of [plain, secure]) {
    await s.web.close();
    await s.t.close();
  }
  rmSync(webRoot, { recursive: true, force: true });
});

const clientOf = (p: SecurityPractice) => {
  const client = p.clients[0];
  if (!client) throw new Error('no client');
  return client;
};

/** One request of each kind of response, with who makes it. */
function samples(s: Served): { name: string; url: string; as?: Agent; method?: 'GET' | 'POST' }[] {
  const { p } = s;
  const c = clientOf(p);
  const slug = p.practice.slug;
  const attachment = c.messages[0].attachmentId;
  return [
    { name: 'API JSON, anonymous', url: '/api/session' },
    { name: 'API JSON with client data', url: '/api/clients?status=all', as: p.staff },
    { name: 'API JSON with client data, path %-encoded', url: '/%61pi/clients?status=all', as: p.staff },
    { name: 'API client profile', url: `/api/clients/${c.client.id}`, as: p.staff },
    { name: 'API messages (staff)', url: `/api/clients/${c.client.id}/messages`, as: p.staff },
    { name: 'API portal me', url: `/api/portal/${slug}/me`, as: c.agent },
    { name: 'API portal messages', url: `/api/portal/${slug}/messages`, as: c.agent },
    { name: 'API 401', url: '/api/clients' },
    { name: 'API 400 (validation)', url: '/api/clients/not-an-id', as: p.staff },
    { name: 'API 400 (broken escape)', url: '/api/clients/%zz', as: p.staff },
    { name: 'API 400 (over-long id)', url: `/api/clients/${'a'.repeat(300)}`, as: p.staff },
    { name: 'API 403 (no CSRF token)', url: `/api/clients/${c.client.id}/archive`, as: p.staff, method: 'POST' },
    { name: 'API 404 (unknown id)', url: '/api/clients/6f1c2d3e-4b5a-4c6d-8e7f-001122334455', as: p.staff },
    { name: 'API 404 (no route)', url: '/api/no-such-thing' },
    { name: 'attachment download (staff)', url: `/api/attachments/${attachment}`, as: p.staff },
    { name: 'attachment download (client)', url: `/api/portal/${slug}/attachments/${attachment}`, as: c.agent },
    { name: 'API docs page', url: '/api/docs' },
    { name: 'staff app page', url: '/' },
    { name: 'staff app deep page', url: '/clients/123/messages' },
    { name: 'portal page', url: `/portal/${slug}` },
    { name: 'portal sign-in page', url: `/portal/${slug}/sign-in` },
    { name: 'static asset', url: '/assets/staff-abc123.js' },
    { name: 'missing asset', url: '/assets/missing-123.js' },
    { name: 'health check', url: '/healthz' },
  ];
}

async function request(s: Served, sample: ReturnType<typeof samples>[number]): Promise<LightMyRequestResponse> {
  // Cookies only, never the CSRF token: a POST here is one a cross-site page might try.
  const headers = sample.as ? { cookie: sample.as.cookie } : {};
  return s.web.inject({ method: sample.method ?? 'GET', url: sample.url, headers });
}

describe.each([
  ['http', () => plain],
  ['https', () => secure],
] as const)('security headers over %s', (_scheme, served) => {
  it('are on every kind of response', async () => {
    const s = served();
    for (const sample of samples(s)) {
      const response = await request(s, sample);
      const label = `${sample.name} ${sample.url.slice(0, 80)} → ${describeResponse(response)}`;
      expect(response.statusCode, label).toBeLessThan(500);
      expect(headerProblems(response, { path: sample.url.replace('/%61pi/', '/api/'), https: s.https }), label).toEqual(
        [],
      );
      expect(responseProblems(response, 'GET'), label).toEqual([]);
    }
  });

  it('let pages be checked on every visit and assets be kept', async () => {
    const s = served();
    for (const url of ['/', `/portal/${s.p.practice.slug}`, '/settings']) {
      const page = await s.web.inject({ url });
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
    const asset = await s.web.inject({ url: '/assets/staff-abc123.js' });
    expect(asset.headers['cache-control']).toMatch(/immutable/);
  });

  it('are on the event streams, which are never cached', async () => {
    const s = served();
    // An instance of its own to listen on, as main.ts would; the test apps only inject.
    const listening = await buildApp(s.t.deps);
    const base = await listening.listen({ port: 0, host: '127.0.0.1' });
    try {
      const c = clientOf(s.p);
      for (const [url, cookie] of [
        [`${base}/api/events`, s.p.staff.cookie],
        [`${base}/api/portal/${s.p.practice.slug}/events`, c.agent.cookie],
      ] as const) {
        const stream = await openEventStream(url, cookie);
        try {
          expect(stream.status).toBe(200);
          const headers = Object.fromEntries(stream.headers.entries());
          const fake = { headers } as unknown as LightMyRequestResponse;
          expect(headerProblems(fake, { path: new URL(url).pathname, https: s.https }), url).toEqual([]);
        } finally {
          stream.close();
        }
      }
    } finally {
      await listening.close();
    }
  });
});

describe('the built pages', () => {
  const built = path.join(repoRoot, 'dist/web');
  it.skipIf(!existsSync(path.join(built, 'staff/index.html')))(
    'have no inline scripts, which the CSP would block',
    () => {
      for (const page of ['staff/index.html', 'portal/index.html']) {
        const html = readFileSync(path.join(built, page), 'utf8');
        const scripts = [...html.matchAll(/<script\b([^>]*)>([^]*?)<\/script>/gi)];
        expect(scripts.length, page).toBeGreaterThan(0);
        for (const [, attributes, body] of scripts) {
          expect(attributes, page).toMatch(/\bsrc=/);
          expect(body?.trim(), page).toBe('');
        }
        expect(html, page).not.toMatch(/\son[a-z]+=/i);
      }
    },
  );
});

describe('redirects', () => {
  /** Source files of the server, to find every redirect it makes itself. */
  function serverSources(dir = path.join(repoRoot, 'src/server')): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return serverSources(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
    });
  }

  it('the server itself never redirects (a new redirect must be proven same-origin here)', () => {
    const redirecting = serverSources().filter((file) =>
      /\.redirect\(|['"]location['"]\s*[,:]|\.headers?\(\s*\{[^}]*\blocation\b/is.test(readFileSync(file, 'utf8')),
    );
    expect(redirecting.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });

  it("the API docs' one redirect stays on this origin, whatever the URL carries", async () => {
    const hostile = [
      '/api/docs/static/index.html',
      '/api/docs/static/index.html?//evil.test',
      '/api/docs/static/index.html?next=https://evil.test/',
      '/api/docs/static/index.html?/\\evil.test',
      '/api/docs/static/index.html#//evil.test',
    ];
    for (const url of hostile) {
      for (const host of ['portico.test', 'evil.test']) {
        const response = await plain.web.inject({ url, headers: { host } });
        const label = `${url} (Host ${host}) → ${response.statusCode} ${String(response.headers.location)}`;
        expect(response.statusCode, label).toBe(302);
        const location = String(response.headers.location);
        // A path on this origin: one slash, never `//host` or `/\host`, which browsers read as another host.
        expect(location, label).toMatch(/^\/(?![/\\])/);
        expect(responseProblems(response, 'GET'), label).toEqual([]);
      }
    }
  });

  it('no page, asset or API path answers with a redirect off-site', async () => {
    const slug = plain.p.practice.slug;
    const hostile = [
      '//evil.test',
      '//evil.test/%2e%2e',
      '/\\evil.test',
      '/%5cevil.test',
      '/%2f%2fevil.test',
      '/assets',
      '/assets//evil.test',
      '/assets/%2f%2fevil.test',
      '/assets/..%2f..%2fetc%2fpasswd',
      '/portal',
      '/portal/',
      `/portal//evil.test`,
      `/portal/${slug}/sign-in?next=https://evil.test`,
      '/reset-password?token=x&next=//evil.test',
      '/api//evil.test',
      '/api/docs',
      '/api/docs/',
      '/api/docs/static/',
      '/healthz/',
    ];
    for (const url of hostile) {
      const response = await plain.web.inject({ url });
      const label = `${url} → ${response.statusCode} ${String(response.headers.location)}`;
      expect(responseProblems(response, 'GET'), label).toEqual([]);
      if (response.statusCode >= 300 && response.statusCode < 400) {
        expect(String(response.headers.location), label).toMatch(/^\/(?![/\\])/);
      }
    }
  });
});

interface BodilessCall {
  agent: Agent;
  params: Record<string, string>;
}

/** A logo upload (Settings → Practice profile): one PNG in the `logo` field. */
async function logoForm() {
  const form = new FormData();
  form.append('logo', new Blob([new Uint8Array(sampleFiles.png())], { type: 'image/png' }), 'logo.png');
  const request = new Request('http://portico.test/', { method: 'PUT', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

const requestSettingsBody = {
  requestsEnabled: true,
  minimumNoticeMinutes: 1440,
  bookingWindowDays: 60,
  slotIntervalMinutes: 30,
  bufferMinutes: 0,
  holdMinutes: 4320,
  clientCancelAllowed: true,
  clientCancelNoticeMinutes: 1440,
  reminderMinutes: 1440,
  reminderNamesService: false,
};

describe('mass assignment', () => {
  let t: TestApp;
  let p: SecurityPractice;
  let uninvited: { id: string; emailId: string };
  let templateId: string;
  const consentBody = () => ({ kind: 'consent' as const, body: '# Consent', acknowledgement: 'I agree.' });

  beforeAll(async () => {
    t = await buildTestApp();
    p = await practiceWithPortalClients(t, 1);
    const other = await createClient(t.deps, p.practice.id);
    uninvited = { id: other.id, emailId: other.emails[0]?.id ?? '' };
    bookable = {
      serviceId: (await createService(t.deps, p.practice.id, { clinicianIds: [p.practice.owner.id] })).id,
      locationId: (await createLocation(t.deps, p.practice.id)).id,
    };
    sharedDocumentId = (await createSharedDocument(t.deps, p.practice.id, clientOf(p).client.id)).id;
    templateId = (await createDocumentTemplate(t.deps, p.practice.id, { content: consentBody() })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const serviceBody = {
    name: 'Individual therapy',
    cptCode: '90834',
    durationMinutes: 50,
    feeMinor: 15_000,
    onlineRequests: true,
  };
  const locationBody = { kind: 'in_person', name: 'Main office', address: '12 Harbour Street' };
  /** The practice's own service and location (made in beforeAll), so a clean booking is valid. */
  let bookable = { serviceId: '', locationId: '' };
  let sharedDocumentId = '';
  const appointmentBody = (p: SecurityPractice) => ({
    clientId: clientOf(p).client.id,
    serviceId: bookable.serviceId,
    clinicianId: p.practice.owner.id,
    locationId: bookable.locationId,
    date: '2027-03-01',
    time: '10:00',
    videoLink: null,
    acknowledgedConflicts: [],
  });

  /** A body each JSON write route accepts as valid; the extra fields are the only fault added. */
  const validBodies: Record<
    string,
    (p: SecurityPractice) => { params?: Record<string, string>; body: Record<string, unknown> }
  > = {
    'POST /api/setup': () => ({
      body: {
        practice: { name: 'Another Practice', timeZone: 'UTC', slug: 'another-practice' },
        owner: { name: 'Owner', email: 'another-owner@example.test', password: 'a long enough password' },
      },
    }),
    'POST /api/signup': () => ({
      body: {
        practice: { name: 'Signup Practice', timeZone: 'UTC', slug: 'signup-practice' },
        owner: { name: 'Owner', email: 'signup-owner@example.test', password: 'a long enough password' },
      },
    }),
    'POST /api/auth/sign-in': (p) => ({ body: { email: p.practice.owner.email, password: factoryPassword } }),
    'POST /api/auth/forgot-password': () => ({ body: { email: 'nobody@example.test' } }),
    'POST /api/auth/reset-password': () => ({ body: { token: 'x'.repeat(43), password: 'another long password' } }),
    'POST /api/clients': () => ({
      body: {
        firstName: 'Mass',
        lastName: 'Assignment',
        emails: [{ address: 'mass@example.test', type: 'home', emailOk: true, isPrimary: true }],
      },
    }),
    'PUT /api/clients/:id': (p) => {
      const c = clientOf(p).client;
      return {
        params: { id: c.id },
        body: {
          firstName: c.firstName,
          lastName: c.lastName,
          preferredName: null,
          dateOfBirth: null,
          phone: null,
          emails: c.emails.map(({ id, address, type, emailOk, isPrimary }) => ({
            id,
            address,
            type,
            emailOk,
            isPrimary,
          })),
        },
      };
    },
    'PUT /api/settings/portal': () => ({
      body: {
        enabled: true,
        defaults: { appointments: true, messaging: true, billing: false, pay: false },
        welcomeMessage: 'Welcome.',
        messagingEnabled: true,
      },
    }),
    'PUT /api/settings/date-time-format': () => ({ body: { dateOrder: 'month-first', clock: '12-hour' } }),
    'PUT /api/clients/:id/clinicians': (p) => ({
      params: { id: clientOf(p).client.id },
      body: { primaryId: p.practice.owner.id, otherIds: [] },
    }),
    'POST /api/clients/:id/portal/invitations': () => ({
      params: { id: uninvited.id },
      body: { emailId: uninvited.emailId, message: 'Welcome.' },
    }),
    'POST /api/clients/:id/portal/disable-and-resend': () => ({
      params: { id: uninvited.id },
      body: { emailId: uninvited.emailId, message: 'Welcome.' },
    }),
    'PUT /api/clients/:id/portal/permissions': (p) => ({
      params: { id: clientOf(p).client.id },
      body: { appointments: true, messaging: true, billing: false, pay: false },
    }),
    // A consent: the OpenAPI document gives a form's questions as a union without properties to walk.
    'POST /api/document-templates': () => ({ body: { name: 'Consent', content: consentBody() } }),
    'PUT /api/document-templates/:id': () => ({
      params: { id: templateId },
      body: { name: 'Consent', content: consentBody() },
    }),
    'POST /api/document-templates/preview': () => ({ body: { markdown: '# Consent' } }),
    'POST /api/clients/:id/documents/shares': (p) => ({
      params: { id: clientOf(p).client.id },
      body: { templateIds: [templateId], dueDate: null, message: 'Before Tuesday, please.' },
    }),
    'POST /api/clients/:id/messages/read': (p) => ({
      params: { id: clientOf(p).client.id },
      body: { upTo: clientOf(p).messages[1].id },
    }),
    'POST /api/portal/:slug/sign-in/request': (p) => ({
      params: { slug: p.practice.slug },
      body: { email: clientOf(p).email },
    }),
    'POST /api/portal/:slug/sign-in/link': (p) => ({
      params: { slug: p.practice.slug },
      body: { token: 'a'.repeat(43) },
    }),
    'POST /api/portal/:slug/sign-in/code': (p) => ({
      params: { slug: p.practice.slug },
      body: { email: clientOf(p).email, code: '000000' },
    }),
    'POST /api/portal/:slug/sign-in/new-link': (p) => ({
      params: { slug: p.practice.slug },
      body: { token: 'a'.repeat(43) },
    }),
    'POST /api/portal/:slug/messages/read': (p) => ({
      params: { slug: p.practice.slug },
      body: { upTo: clientOf(p).messages[0].id },
    }),
    // Saved as they are, so the practice and its owner stay as the other tests expect them.
    'PUT /api/settings/practice': (p) => ({
      body: { name: p.practice.name, address: null, phone: null, timeZone: 'America/New_York', slug: p.practice.slug },
    }),
    'PUT /api/account/name': (p) => ({ body: { name: p.practice.owner.name } }),
    'POST /api/account/email': () => ({
      body: { email: 'mass-change@example.test', currentPassword: factoryPassword },
    }),
    'POST /api/account/email/confirm': () => ({ body: { token: 'a'.repeat(43) } }),
    'POST /api/account/password': () => ({ body: { currentPassword: factoryPassword, newPassword: factoryPassword } }),
    'POST /api/team/invitations': () => ({
      body: { name: 'Mass Invitee', email: 'mass-invitee@example.test', roles: ['clinician'], message: 'Hello.' },
    }),
    'PUT /api/team/members/:id/roles': (p) => ({
      params: { id: p.practice.owner.id },
      body: { roles: ['owner', 'clinician'] },
    }),
    'POST /api/invitations/preview': () => ({ body: { token: 'a'.repeat(43) } }),
    'POST /api/invitations/accept': () => ({ body: { token: 'a'.repeat(43), password: 'a long enough password' } }),
    // An id of no practice: were the extra fields ignored, the switch would still find nothing.
    'POST /api/session/switch-practice': () => ({ body: { practiceId: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' } }),
    'POST /api/auth/sign-in/code': () => ({ body: { token: 'a'.repeat(43), code: '000000' } }),
    'POST /api/account/two-factor/confirm': () => ({ body: { code: '000000' } }),
    'POST /api/account/two-factor/backup-codes': () => ({ body: { code: '000000' } }),
    'POST /api/account/two-factor/disable': () => ({ body: { password: factoryPassword, code: '000000' } }),
    'PUT /api/practice/security': () => ({ body: { requireTwoFactor: false } }),
    'PUT /api/availability/:clinicianId/blocks': (p) => ({
      params: { clinicianId: p.practice.owner.id },
      body: { blocks: [] },
    }),
    'POST /api/availability/:clinicianId/time-off': (p) => ({
      params: { clinicianId: p.practice.owner.id },
      body: { startsAt: '2026-04-01T00:00:00.000Z', endsAt: '2026-04-02T00:00:00.000Z', note: 'Away' },
    }),
    'PUT /api/settings/appointment-requests': () => ({ body: { ...requestSettingsBody } }),
    // An id of no request: were the extra fields ignored, the decline would still find nothing.
    'POST /api/appointment-requests/:id/decline': () => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { reason: 'Away that week.' },
    }),
    'POST /api/portal/:slug/appointment-requests': (p) => ({
      params: { slug: p.practice.slug },
      body: {
        serviceId: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455',
        clinicianId: p.practice.owner.id,
        locationId: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455',
        startsAt: '2026-04-01T15:00:00.000Z',
        timeZone: 'UTC',
        message: null,
      },
    }),
    // Settings → Services and Locations, and the calendar: ids of nothing in this practice, so a
    // body that got past validation would still change nothing.
    'POST /api/services': (p) => ({ body: { ...serviceBody, clinicianIds: [p.practice.owner.id] } }),
    'PUT /api/services/:id': (p) => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { ...serviceBody, clinicianIds: [p.practice.owner.id] },
    }),
    'POST /api/locations': () => ({ body: { ...locationBody } }),
    'PUT /api/locations/:id': () => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { ...locationBody },
    }),
    'POST /api/appointments': (p) => ({
      body: { ...appointmentBody(p), repeat: { frequency: 'weekly', until: null, count: 4 } },
    }),
    'PUT /api/appointments/:id': (p) => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { ...appointmentBody(p), scope: 'this' },
    }),
    'POST /api/appointments/:id/status': () => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { status: 'attended', scope: 'this' },
    }),
    // A document shared with the client (made in beforeAll): its draft, and a submission missing its answers.
    'PUT /api/portal/:slug/documents/:documentId/draft': (p) => ({
      params: { slug: p.practice.slug, documentId: sharedDocumentId },
      body: { answers: {} },
    }),
    'POST /api/portal/:slug/documents/:documentId/submit': (p) => ({
      params: { slug: p.practice.slug, documentId: sharedDocumentId },
      body: { answers: {} },
    }),
    'PUT /api/portal/:slug/time-zone': (p) => ({
      params: { slug: p.practice.slug },
      body: { timeZone: 'Europe/London' },
    }),
    'PUT /api/settings/billing': () => ({
      body: billingSettingsBody(),
    }),
    'PUT /api/settings/billing/clinicians/:id': (p) => ({
      params: { id: p.practice.owner.id },
      body: clinicianBillingBody(),
    }),
    // The diagnoses are objects of their own: an extra field inside one is refused by name too.
    'PUT /api/clients/:id/billing': (p) => ({
      params: { id: clientOf(p).client.id },
      body: clientBillingBody(),
    }),
    'POST /api/clients/:id/payments': (p) => ({
      params: { id: clientOf(p).client.id },
      body: recordPaymentBody(),
    }),
    // A chosen invoice is an object of its own: an extra field inside one is refused by name too.
    'POST /api/clients/:id/credit/apply': (p) => ({
      params: { id: clientOf(p).client.id },
      body: {
        allocation: 'chosen',
        invoices: [{ invoiceId: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455', amountMinor: 100 }],
      },
    }),
    'POST /api/clients/:id/payments/:paymentId/refunds': (p) => ({
      params: { id: clientOf(p).client.id, paymentId: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: refundBody(),
    }),
    'POST /api/clients/:id/statements': (p) => ({
      params: { id: clientOf(p).client.id },
      body: { periodStart: '2026-03-01', periodEnd: '2026-03-31' },
    }),
    'POST /api/clients/:id/superbills': (p) => ({
      params: { id: clientOf(p).client.id },
      body: { periodStart: '2026-03-01', periodEnd: '2026-03-31' },
    }),
    // Invoices: an item picked is an object of its own; made-up ids answer 404, never a validation failure.
    'POST /api/clients/:id/invoices': () => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { items: [{ id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334466', feeMinor: 15000 }] },
    }),
    'POST /api/invoices/:id/void': () => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { reason: 'Billed in error' },
    }),
    'POST /api/invoices/:id/reissue': () => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { reason: 'Corrected fee', items: [{ id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334466', feeMinor: 12000 }] },
    }),
    'PUT /api/billable-items/:id': () => ({
      params: { id: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455' },
      body: { feeMinor: 12000 },
    }),
  };

  /** Online requests on, so the portal's Appointments routes do their work. */
  async function requestsOn(p: SecurityPractice): Promise<void> {
    const saved = await p.staff.put('/api/settings/appointment-requests', requestSettingsBody);
    expect(saved.statusCode, saved.body).toBe(200);
  }

  let bookings = 0;
  /** A pending request (or a scheduled appointment) of the practice's first client with its owner, a week ahead. */
  async function bookedFacts(p: SecurityPractice) {
    const service = await createService(t.deps, p.practice.id, {
      onlineRequests: true,
      clinicianIds: [p.practice.owner.id],
    });
    const location = await createLocation(t.deps, p.practice.id);
    // Each a time of its own, so no two of them overlap in the owner's calendar.
    bookings += 1;
    const start = t.deps.clock.now().getTime() + 7 * 24 * 3_600_000 + bookings * 2 * 3_600_000;
    return {
      clientId: clientOf(p).client.id,
      serviceId: service.id,
      clinicianId: p.practice.owner.id,
      locationId: location.id,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 50 * 60_000).toISOString(),
    };
  }

  /** A pending invitation to the practice's team, made by its owner: its id. */
  async function teamInvite(p: SecurityPractice): Promise<string> {
    const email = `team-${nextAddress().replaceAll(/[^0-9a-z]/gi, '-')}@example.test`;
    const invited = await p.staff.post('/api/team/invitations', { name: 'Bodiless Invitee', email, roles: ['biller'] });
    expect(invited.statusCode, invited.body).toBe(201);
    const found = invited
      .json<{ invitations: { id: string; email: string }[] }>()
      .invitations.find((i) => i.email === email);
    return found?.id ?? '';
  }

  /**
   * Write routes that take no body (the shared `emptyBody`, an object with no fields): who calls each
   * and with what parameters, in an order in which every one of them works on a fresh practice.
   */
  /** A document shared with the practice's first client (who has access), new for each call. */
  const sharedDocument = async (p: SecurityPractice): Promise<string> => {
    const template = await createDocumentTemplate(t.deps, p.practice.id);
    await shareWithClient(t.deps, p.practice.id, clientOf(p).client.id, [template.id]);
    const row = await t.deps.db
      .selectFrom('shared_documents')
      .select('id')
      .where('template_id', '=', template.id)
      .executeTakeFirstOrThrow();
    return row.id;
  };

  const bodiless: Record<string, (p: SecurityPractice) => BodilessCall | Promise<BodilessCall>> = {
    // The client's own first: signing out and disabling (below) end their session.
    'POST /api/portal/:slug/appointment-requests/:id/cancel': async (p) => {
      await requestsOn(p);
      const { id } = await createAppointmentRequest(t.deps, p.practice.id, await bookedFacts(p));
      return { agent: clientOf(p).agent, params: { slug: p.practice.slug, id } };
    },
    'POST /api/portal/:slug/appointments/:id/cancel': async (p) => {
      await requestsOn(p);
      const { id } = await createAppointment(t.deps, p.practice.id, await bookedFacts(p));
      return { agent: clientOf(p).agent, params: { slug: p.practice.slug, id } };
    },
    'POST /api/portal/:slug/documents/:documentId/open': async (p) => ({
      agent: clientOf(p).agent,
      params: {
        slug: p.practice.slug,
        documentId: (await createSharedDocument(t.deps, p.practice.id, clientOf(p).client.id)).id,
      },
    }),
    'DELETE /api/portal/:slug/documents/:documentId/questions/:questionId/file': async (p) => {
      const client = clientOf(p).client;
      const document = await createSharedDocument(t.deps, p.practice.id, client.id, { content: formWithFiles });
      await createQuestionFile(t.deps, p.practice.id, client.id, document.id, 'card');
      return {
        agent: clientOf(p).agent,
        params: { slug: p.practice.slug, documentId: document.id, questionId: 'card' },
      };
    },
    // First, while the client still has access. Each given a template, or a document shared with the client, of its own.
    'POST /api/document-templates/:id/archive': async (p) => ({
      agent: p.staff,
      params: { id: (await createDocumentTemplate(t.deps, p.practice.id)).id },
    }),
    'POST /api/document-templates/:id/restore': async (p) => {
      const { id } = await createDocumentTemplate(t.deps, p.practice.id);
      expect((await p.staff.post(`/api/document-templates/${id}/archive`)).statusCode).toBe(200);
      return { agent: p.staff, params: { id } };
    },
    'POST /api/clients/:id/documents/:documentId/remind': async (p) => ({
      agent: p.staff,
      params: { id: clientOf(p).client.id, documentId: await sharedDocument(p) },
    }),
    'POST /api/clients/:id/documents/:documentId/cancel': async (p) => ({
      agent: p.staff,
      params: { id: clientOf(p).client.id, documentId: await sharedDocument(p) },
    }),
    'POST /api/clients/:id/files/:fileId/remove': async (p) => ({
      agent: p.staff,
      params: {
        id: clientOf(p).client.id,
        fileId: (await createClientFile(t.deps, p.practice.id, clientOf(p).client.id)).id,
      },
    }),
    'POST /api/portal/:slug/sign-out': (p) => ({ agent: clientOf(p).agent, params: { slug: p.practice.slug } }),
    'POST /api/clients/:id/portal/sign-in-link': (p) => ({ agent: p.staff, params: { id: clientOf(p).client.id } }),
    'POST /api/clients/:id/portal/sign-in-code': (p) => ({ agent: p.staff, params: { id: clientOf(p).client.id } }),
    'POST /api/clients/:id/archive': (p) => ({ agent: p.staff, params: { id: clientOf(p).client.id } }),
    'POST /api/clients/:id/restore': (p) => ({ agent: p.staff, params: { id: clientOf(p).client.id } }),
    'POST /api/clients/:id/portal/disable': (p) => ({ agent: p.staff, params: { id: clientOf(p).client.id } }),
    // Each team route given an invitation or a member of its own first.
    'POST /api/team/invitations/:id/resend': async (p) => ({ agent: p.staff, params: { id: await teamInvite(p) } }),
    'POST /api/team/invitations/:id/revoke': async (p) => ({ agent: p.staff, params: { id: await teamInvite(p) } }),
    'POST /api/team/members/:id/deactivate': async (p) => ({
      agent: p.staff,
      params: { id: (await createStaff(t.deps, p.practice.id)).id },
    }),
    'POST /api/team/members/:id/reactivate': async (p) => {
      const member = await createStaff(t.deps, p.practice.id);
      const deactivated = await p.staff.post(`/api/team/members/${member.id}/deactivate`);
      expect(deactivated.statusCode, deactivated.body).toBe(200);
      return { agent: p.staff, params: { id: member.id } };
    },
    // Each given something to do first: a logo to remove, an email change to cancel, a second session.
    'DELETE /api/settings/practice/logo': async (p) => {
      const form = await logoForm();
      const uploaded = await p.staff.request('PUT', '/api/settings/practice/logo', form.payload, {
        headers: { 'content-type': form.contentType },
      });
      expect(uploaded.statusCode, uploaded.body).toBe(200);
      return { agent: p.staff, params: {} };
    },
    'POST /api/account/email/cancel': async (p) => {
      const asked = await p.staff.post('/api/account/email', {
        email: `cancelled-${nextAddress()}@example.test`,
        currentPassword: factoryPassword,
      });
      expect(asked.statusCode, asked.body).toBe(200);
      return { agent: p.staff, params: {} };
    },
    'POST /api/account/sessions/:id/sign-out': async (p) => {
      await signInStaff(t.app, p.practice.owner.email);
      const sessions = (await p.staff.get('/api/account/sessions')).json<{ id: string; current: boolean }[]>();
      return { agent: p.staff, params: { id: sessions.find((s) => !s.current)?.id ?? '' } };
    },
    'POST /api/account/sessions/sign-out-others': (p) => ({ agent: p.staff, params: {} }),
    'POST /api/account/two-factor/setup': (p) => ({ agent: p.staff, params: {} }),
    // A clinician of the practice, whose two-factor the owner resets.
    'POST /api/staff/:id/two-factor/reset': async (p) => ({
      agent: p.staff,
      params: { id: (await createStaff(t.deps, p.practice.id)).id },
    }),
    'POST /api/appointment-requests/:id/accept': async (p) => ({
      agent: p.staff,
      params: { id: (await createAppointmentRequest(t.deps, p.practice.id, await bookedFacts(p))).id },
    }),
    'DELETE /api/availability/:clinicianId/time-off/:id': async (p) => {
      const added = await p.staff.post(`/api/availability/${p.practice.owner.id}/time-off`, {
        startsAt: '2026-04-01T00:00:00.000Z',
        endsAt: '2026-04-02T00:00:00.000Z',
      });
      expect(added.statusCode, added.body).toBe(201);
      return { agent: p.staff, params: { clinicianId: p.practice.owner.id, id: added.json<{ id: string }>().id } };
    },
    'POST /api/services/:id/archive': async (p) => ({
      agent: p.staff,
      params: { id: (await createService(t.deps, p.practice.id)).id },
    }),
    'POST /api/services/:id/restore': async (p) => ({
      agent: p.staff,
      params: { id: (await createService(t.deps, p.practice.id, { archived: true })).id },
    }),
    'POST /api/locations/:id/archive': async (p) => ({
      agent: p.staff,
      params: { id: (await createLocation(t.deps, p.practice.id)).id },
    }),
    'POST /api/locations/:id/restore': async (p) => {
      const { id } = await createLocation(t.deps, p.practice.id);
      const archived = await p.staff.post(`/api/locations/${id}/archive`);
      expect(archived.statusCode, archived.body).toBe(200);
      return { agent: p.staff, params: { id } };
    },
    'POST /api/auth/sign-out': (p) => ({ agent: p.staff, params: {} }),
  };
  /** What each bodiless route audits when it has done its work. */
  const bodilessAudits = [
    'portal.signed_out',
    'portal.sign_in_link_sent',
    'portal.sign_in_code_generated',
    'client.archived',
    'client.restored',
    'portal.disabled',
    'team.invitation_resent',
    'team.invitation_revoked',
    'team.member_deactivated',
    'team.member_reactivated',
    'practice.logo_removed',
    'staff.email_change_cancelled',
    'staff.session_ended',
    'staff.signed_out_everywhere',
    'staff.signed_out',
    'staff.two_factor_setup_started',
    'staff.two_factor_reset',
    'appointment_request.accepted',
    'appointment_request.cancelled',
    'appointment.cancelled_by_client',
    'document.viewed',
    'document.file_removed',
    'availability.time_off_removed',
    'availability.time_off_added',
    'service.archived',
    'service.restored',
    'location.archived',
    'location.restored',
    // What the routes were given to do first.
    'settings.appointment_requests_updated',
    'settings.appointment_requests_updated',
    'location.archived',
    'document_template.archived',
    'document_template.restored',
    'document.reminded',
    'document.cancelled',
    'client_file.removed',
    // What the routes were given to do first.
    'document_template.created',
    'document_template.created',
    'document_template.archived',
    'document_template.created',
    'documents.shared',
    'document_template.created',
    'documents.shared',
    'practice.logo_added',
    'staff.email_change_requested',
    'team.member_invited',
    'team.member_invited',
    'team.member_deactivated',
    'document.file_uploaded',
    // (and a second sign-in, which the practice's owner had done before: not new here)
  ];
  const multipartRoutes = new Set([
    'POST /api/clients/:id/files',
    'POST /api/clients/:id/messages',
    'POST /api/portal/:slug/messages',
    'PUT /api/settings/practice/logo',
    'PUT /api/portal/:slug/documents/:documentId/questions/:questionId/file',
  ]);

  const extraKeys = [
    'practiceId',
    'practice_id',
    'id',
    'role',
    'state',
    'createdAt',
    'updatedAt',
    'senderId',
    'clientId',
    'staffId',
    'isAdmin',
    'archivedAt',
  ];

  interface Schema {
    properties?: Record<string, Schema>;
    additionalProperties?: unknown;
    items?: Schema;
    oneOf?: Schema[];
    anyOf?: Schema[];
  }

  /** A union's branch that has every key of the value (a location is in person or telehealth). */
  const branchFor = (schema: Schema | undefined, value: Record<string, unknown>): Schema | undefined => {
    const branches = schema?.oneOf ?? schema?.anyOf;
    if (!branches) return schema;
    return branches.find((b) => Object.keys(value).every((key) => key in (b.properties ?? {})));
  };
  /** Whether a body schema has fields of its own, directly or in each branch of a union. */
  const takesFields = (schema: Schema | undefined): boolean =>
    Object.keys(schema?.properties ?? {}).length > 0 || (schema?.oneOf ?? schema?.anyOf ?? []).some(takesFields);

  async function openApi(): Promise<
    Record<
      string,
      Record<
        string,
        { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { in: string; name: string }[] }
      >
    >
  > {
    return (await t.app.inject({ url: '/api/docs/json' })).json<{ paths: never }>().paths;
  }

  /** Every object in a body with its dotted path and the keys its schema allows there. */
  function objectsIn(
    value: unknown,
    schema: Schema | undefined,
    at: string[] = [],
  ): { at: string[]; target: Record<string, unknown>; allowed: Set<string>; keyed: boolean }[] {
    if (Array.isArray(value)) return value.flatMap((item, i) => objectsIn(item, schema?.items, [...at, String(i)]));
    if (typeof value !== 'object' || value === null) return [];
    const target = value as Record<string, unknown>;
    const branch = branchFor(schema, target);
    return [
      // A record keyed by the server's own ids (answers by question) names a stray key its own way.
      {
        at,
        target,
        allowed: new Set(Object.keys(branch?.properties ?? {})),
        keyed: typeof branch?.additionalProperties === 'object',
      },
      ...Object.entries(target).flatMap(([key, inner]) => objectsIn(inner, branch?.properties?.[key], [...at, key])),
    ];
  }

  const agentFor = (url: string): Agent => (url.startsWith('/api/portal/') ? clientOf(p).agent : p.staff);
  /** As the agent, from a new address each time, so the per-IP sign-in limits stay out of it. */
  const send = (url: string, method: 'POST' | 'PUT', params: Record<string, string> | undefined, payload: unknown) => {
    const agent = agentFor(url);
    return t.app.inject({
      method,
      url: fill(url, params),
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken, 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      remoteAddress: nextAddress(),
    });
  };
  const fill = (url: string, params: Record<string, string> = {}) =>
    url.replace(/:([A-Za-z]+)/g, (_w, name: string) => params[name] ?? '');

  const bodySchema = (paths: Awaited<ReturnType<typeof openApi>>, method: string, url: string): Schema | undefined =>
    paths[url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']
      ?.schema;

  it('every write route is strict JSON (with a valid body here, or taking none) or multipart', async () => {
    const paths = await openApi();
    const writes = apiRoutes(t.app).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    for (const route of writes) {
      const key = routeKey(route);
      if (multipartRoutes.has(key)) continue;
      // A route without a body schema would ignore whatever is sent: one that takes none says so (emptyBody).
      const schema = bodySchema(paths, route.method, route.url);
      expect(schema, `${key} has no body schema: give it one, emptyBody if it takes no body`).toBeDefined();
      if (takesFields(schema)) {
        expect(Object.keys(validBodies), `${key} needs a valid body in validBodies`).toContain(key);
      } else {
        expect(schema?.additionalProperties, `${key} takes no body, so it must refuse every field`).toBe(false);
        expect(Object.keys(bodiless), `${key} takes no body: add it to bodiless`).toContain(key);
      }
    }
    expect(Object.keys(bodiless).length).toBeGreaterThan(0);
    for (const key of Object.keys(bodiless)) {
      const [method = '', url = ''] = key.split(' ');
      const schema = bodySchema(paths, method, url);
      expect(
        schema && Object.keys(schema.properties ?? {}),
        `${key} is listed as bodiless but is not a route that takes no body`,
      ).toEqual([]);
    }
  });

  it.each(Object.keys(bodiless))(
    '%s takes no body: fields and other bodies are refused by name, and change nothing',
    async (key) => {
      const [method, url] = key.split(' ') as ['POST', string];
      const make = bodiless[key];
      if (!make) throw new Error(`${key}: not bodiless`);
      const { params } = await make(p);
      const tables = await tableNames(t);
      const before = await snapshotAll(t, tables);
      const expectRefused = async (
        response: LightMyRequestResponse,
        what: string,
        fields: string[] | null,
        status = 400,
      ) => {
        const label = `${key} with ${what} → ${describeResponse(response)}`;
        expect(response.statusCode, label).toBe(status);
        if (fields) {
          const named = response.json<{ error: { code: string; fields: { field: string; message: string }[] } }>()
            .error;
          expect(named.code, label).toBe('validation_failed');
          expect(named.fields.map((f) => f.field).sort(), label).toEqual([...fields].sort());
        }
        expect(await snapshotAll(t, tables), `${label}\nchanged the database`).toEqual(before);
      };
      // Each unknown field alone, then all of them at once: every one is named.
      const value = (extra: string) => (extra === 'role' ? 'owner' : '6f1c2d3e-4b5a-4c6d-8e7f-001122334455');
      for (const extra of extraKeys) {
        const response = await send(url, method, params, { [extra]: value(extra) });
        await expectRefused(response, extra, [extra]);
        expect(response.json(), extra).toMatchObject({
          error: { fields: [{ field: extra, message: 'is not a known field' }] },
        });
      }
      await expectRefused(
        await send(url, method, params, Object.fromEntries(extraKeys.map((k) => [k, value(k)]))),
        'every extra field',
        extraKeys,
      );
      // Bodies that are not an object, and a prototype-poisoning one, are refused as a whole.
      for (const body of ['[]', '[{"practiceId":"x"}]', '"archive"', 'true', '0']) {
        await expectRefused(await send(url, method, params, body), body, ['body']);
      }
      await expectRefused(
        await send(url, method, params, '{"__proto__":{"role":"owner","practiceId":"x"}}'),
        '__proto__',
        null,
      );
      const agent = agentFor(url);
      for (const [contentType, payload, status] of [
        ['text/plain', 'practiceId=x', 400],
        ['application/x-www-form-urlencoded', 'practiceId=x', 415],
      ] as const) {
        const response = await t.app.inject({
          method,
          url: fill(url, params),
          headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken, 'content-type': contentType },
          payload,
          remoteAddress: nextAddress(),
        });
        await expectRefused(response, contentType, status === 400 ? ['body'] : null, status);
      }
    },
  );

  it('a route that needs a body answers an empty one as it answers none: the missing body is named', async () => {
    const tables = await tableNames(t);
    const before = await snapshotAll(t, tables);
    for (const headers of [{}, { 'content-type': 'application/json', 'content-length': '0' }]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/clients',
        headers: { cookie: p.staff.cookie, 'x-csrf-token': p.staff.csrfToken, ...headers },
        remoteAddress: nextAddress(),
      });
      const label = `${JSON.stringify(headers)} → ${describeResponse(response)}`;
      expect(response.statusCode, label).toBe(400);
      expect(response.json(), label).toMatchObject({
        error: { code: 'validation_failed', fields: [{ field: 'body' }] },
      });
    }
    expect(await snapshotAll(t, tables)).toEqual(before);
  });

  it('the bodiless routes accept no body, an empty body with or without a JSON content type, and {} (what the web apps send)', async () => {
    const forms: { name: string; headers: Record<string, string>; payload?: string }[] = [
      { name: 'no body', headers: {} },
      { name: 'an empty body', headers: { 'content-length': '0' }, payload: '' },
      {
        name: 'an empty JSON body',
        headers: { 'content-type': 'application/json', 'content-length': '0' },
        payload: '',
      },
      {
        name: 'an empty JSON body with a charset',
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '0' },
        payload: '',
      },
      { name: '{}', headers: { 'content-type': 'application/json' }, payload: '{}' },
    ];
    for (const form of forms) {
      // A practice of its own each time: these routes sign out, archive and disable.
      const fresh = await practiceWithPortalClients(t, 1);
      const audited = async () =>
        (
          await t.deps.db
            .selectFrom('audit_log')
            .select('action')
            .where('practice_id', '=', fresh.practice.id)
            .execute()
        ).map((row) => row.action);
      const earlier = new Set(await audited());
      for (const [key, make] of Object.entries(bodiless)) {
        const [method, url] = key.split(' ') as ['POST', string];
        const { agent, params } = await make(fresh);
        const response = await t.app.inject({
          method,
          url: fill(url, params),
          headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken, ...form.headers },
          ...(form.payload === undefined ? {} : { payload: form.payload }),
          remoteAddress: nextAddress(),
        });
        expect(response.statusCode, `${key} with ${form.name} → ${describeResponse(response)}`).toBe(200);
      }
      // Each did its work, not only answered.
      const done = (await audited()).filter((action) => !earlier.has(action));
      expect(done.sort(), form.name).toEqual([...bodilessAudits].sort());
    }
  });

  it.each(Object.keys(validBodies))('%s refuses extra fields by name, at every level', async (key) => {
    const [method, url] = key.split(' ') as ['POST' | 'PUT', string];
    const paths = await openApi();
    const schema =
      paths[url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']
        ?.schema;
    const make = validBodies[key];
    if (!make || !schema) throw new Error(`${key}: no body or schema`);
    const tables = await tableNames(t);
    for (const { at, allowed, keyed } of objectsIn(make(p).body, schema)) {
      for (const extra of extraKeys.filter((k) => !allowed.has(k))) {
        const { params, body } = make(p);
        const target = objectsIn(body, schema).find((o) => o.at.join('.') === at.join('.'))?.target;
        if (!target) throw new Error('lost the target object');
        target[extra] = extra === 'role' ? 'owner' : '6f1c2d3e-4b5a-4c6d-8e7f-001122334455';
        const before = await snapshotAll(t, tables);
        const response = await send(url, method, params, body);
        const field = [...at, extra].join('.');
        const label = `${key} with ${field} → ${describeResponse(response)}`;
        expect(response.statusCode, label).toBe(400);
        expect(response.json(), label).toMatchObject({
          error: {
            code: 'validation_failed',
            fields: expect.arrayContaining([
              { field, message: keyed ? (expect.any(String) as unknown) : 'is not a known field' },
            ]) as unknown,
          },
        });
        expect(await snapshotAll(t, tables), label).toEqual(before);
      }
    }
    // `__proto__` never reaches a handler, and the same body without extras is not a validation failure.
    const { params, body } = make(p);
    const poisoned = `${JSON.stringify(body).slice(0, -1)},"__proto__":{"role":"owner","practiceId":"x"}}`;
    const proto = await send(url, method, params, poisoned);
    expect(proto.statusCode, describeResponse(proto)).toBe(400);
    const clean = await send(url, method, params, body);
    expect(
      clean.statusCode === 400 && clean.json<{ error: { code: string } }>().error.code === 'validation_failed',
      describeResponse(clean),
    ).toBe(false);
  });

  /** What a route's query must hold besides the unknown key, so that key is the only fault. */
  const requiredQueries: Record<string, string> = {
    'GET /api/calendar': 'from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z&',
    'GET /api/portal/:slug/appointment-slots':
      'serviceId=6f1c2d3e-4b5a-4c6d-8e7f-001122334455&clinicianId=6f1c2d3e-4b5a-4c6d-8e7f-001122334455&locationId=6f1c2d3e-4b5a-4c6d-8e7f-001122334455&',
  };

  it('query strings refuse unknown keys by name', async () => {
    const paths = await openApi();
    const withQuery = apiRoutes(t.app).filter(
      (r) =>
        r.method === 'GET' &&
        (paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.get?.parameters ?? []).some((q) => q.in === 'query'),
    );
    expect(withQuery.length).toBeGreaterThan(2);
    const c = clientOf(p);
    for (const route of withQuery) {
      const url = fill(route.url, { id: c.client.id, slug: p.practice.slug });
      const needed = requiredQueries[routeKey(route)] ?? '';
      const response = await agentFor(route.url).get(`${url}?${needed}practiceId=6f1c2d3e-4b5a-4c6d-8e7f-001122334455`);
      const label = `${routeKey(route)} → ${describeResponse(response)}`;
      expect(response.statusCode, label).toBe(400);
      expect(response.json(), label).toMatchObject({
        error: { fields: [{ field: 'practiceId', message: 'is not a known field' }] },
      });
    }
  });

  it('messages refuse extra form fields by name, and store nothing', async () => {
    const c = clientOf(p);
    const tables = await tableNames(t);
    for (const [agent, url] of [
      [p.staff, `/api/clients/${c.client.id}/messages`],
      [c.agent, `/api/portal/${p.practice.slug}/messages`],
    ] as const) {
      // A message has room for four fields, so the extras go three at a time.
      for (const extra of [
        { senderId: p.practice.owner.id, practiceId: 'x', clientId: 'y' } as Record<string, string>,
        { createdAt: '2000-01-01T00:00:00.000Z', sender: 'staff', id: 'z' },
      ]) {
        const before = await snapshotAll(t, tables);
        const response = await postMessage(agent, url, {
          body: 'Hello',
          files: [{ name: 'a.pdf', data: sampleFiles.pdf() }],
          extra,
        });
        expect(response.statusCode, describeResponse(response)).toBe(400);
        const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
        expect(fields.sort()).toEqual(Object.keys(extra).sort());
        expect(await snapshotAll(t, tables)).toEqual(before);
      }
    }
    // Without the extras the same message is sent, so the refusal above was about them.
    const ok = await multipartBody({ body: 'Hello' });
    const sent = await c.agent.request('POST', `/api/portal/${p.practice.slug}/messages`, ok.payload, {
      headers: { 'content-type': ok.contentType },
    });
    expect(sent.statusCode, sent.body).toBe(201);
  });
});

describe('the audit log', () => {
  it('keeps no token, code, password or message text after a full flow', async () => {
    const t = await buildTestApp();
    try {
      const secrets: string[] = [];
      const keep = (...values: string[]) => secrets.push(...values);
      const cookieToken = (cookie: string) => {
        const value = decodeURIComponent(cookie.split('=')[1] ?? '');
        return value.slice(0, value.lastIndexOf('.'));
      };
      const p = await practiceWithPortalClients(t, 1);
      const c = clientOf(p);
      keep(
        factoryPassword,
        cookieToken(p.staff.cookie),
        p.staff.csrfToken,
        cookieToken(c.agent.cookie),
        c.agent.csrfToken,
      );
      keep(...c.messages.map((m) => m.text));
      const invitation = await latestPortalEmail(t.deps, c.email);
      keep(invitation.token, invitation.code);

      // A second client, invited with a message and signed in by the emailed code.
      const welcome = 'Welcome, here is our confidential intake note';
      keep(welcome);
      const second = await createClient(t.deps, p.practice.id);
      const secondEmail = second.emails[0]?.address ?? '';
      expect((await invite(t.deps, p.staff, second.id, second.emails[0]?.id ?? '', welcome)).statusCode).toBe(200);
      const emailed = await latestPortalEmail(t.deps, secondEmail);
      keep(emailed.token, emailed.code);
      const byCode = await t.app.inject({
        method: 'POST',
        url: `/api/portal/${p.practice.slug}/sign-in/code`,
        payload: { email: secondEmail, code: emailed.code },
      });
      expect(byCode.statusCode, byCode.body).toBe(200);
      keep(byCode.json<{ csrfToken: string }>().csrfToken);

      // A code read out by the clinician, and a fresh link, each used.
      const readOut = await p.staff.post(`/api/clients/${c.client.id}/portal/sign-in-code`);
      expect(readOut.statusCode, readOut.body).toBe(200);
      const staffCode = readOut.json<{ code: string }>().code;
      keep(staffCode);
      const byStaffCode = await t.app.inject({
        method: 'POST',
        url: `/api/portal/${p.practice.slug}/sign-in/code`,
        payload: { email: c.email, code: staffCode },
      });
      expect(byStaffCode.statusCode, byStaffCode.body).toBe(200);
      t.deps.clock.advanceMinutes(1 / 60);
      expect((await p.staff.post(`/api/clients/${c.client.id}/portal/sign-in-link`)).statusCode).toBe(200);
      const link = await latestPortalEmail(t.deps, c.email);
      keep(link.token, link.code);
      const client = await signInClientByLink(t.app, p.practice.slug, link.token);
      keep(cookieToken(client.cookie), client.csrfToken);

      // Wrong guesses, which are audited as failures.
      const wrongLink = 'Zz9'.repeat(14);
      const wrongPassword = 'not the password at all';
      keep(wrongLink, wrongPassword);
      await t.app.inject({
        method: 'POST',
        url: `/api/portal/${p.practice.slug}/sign-in/link`,
        payload: { token: wrongLink },
      });
      await t.app.inject({
        method: 'POST',
        url: `/api/portal/${p.practice.slug}/sign-in/code`,
        payload: { email: c.email, code: '987654' },
      });
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: p.practice.owner.email, password: wrongPassword },
      });
      keep('987654');

      // Messages both ways with attachments, read and downloaded on both sides.
      const staffText = 'Staff says: the diagnosis is confidential';
      const clientText = 'Client says: my medication changed';
      keep(staffText, clientText);
      const fromStaff = await postMessage(p.staff, `/api/clients/${c.client.id}/messages`, {
        body: staffText,
        files: [{ name: 'plan.pdf', data: sampleFiles.pdf() }],
      });
      const fromClient = await postMessage(client, `/api/portal/${p.practice.slug}/messages`, {
        body: clientText,
        files: [{ name: 'scan.png', data: sampleFiles.png() }],
      });
      expect([fromStaff.statusCode, fromClient.statusCode]).toEqual([201, 201]);
      const staffMessage = fromStaff.json<{ id: string; attachments: { id: string }[] }>();
      const clientMessage = fromClient.json<{ id: string; attachments: { id: string }[] }>();
      expect((await client.get(`/api/portal/${p.practice.slug}/messages`)).statusCode).toBe(200);
      expect(
        (await client.post(`/api/portal/${p.practice.slug}/messages/read`, { upTo: staffMessage.id })).statusCode,
      ).toBe(200);
      expect(
        (await client.get(`/api/portal/${p.practice.slug}/attachments/${staffMessage.attachments[0]?.id ?? ''}`))
          .statusCode,
      ).toBe(200);
      expect((await p.staff.get(`/api/clients/${c.client.id}/messages`)).statusCode).toBe(200);
      expect((await p.staff.get(`/api/attachments/${clientMessage.attachments[0]?.id ?? ''}`)).statusCode).toBe(200);

      // A password reset, by the emailed link, and a sign-in with the new password.
      const forgot = await t.app.inject({
        method: 'POST',
        url: '/api/auth/forgot-password',
        payload: { email: p.practice.owner.email },
      });
      expect(forgot.statusCode, forgot.body).toBe(200);
      const resetMail = await t.deps.db
        .selectFrom('outbox')
        .select('text')
        .where('kind', '=', 'password_reset')
        .executeTakeFirstOrThrow();
      const resetToken = /token=([\w-]+)/.exec(resetMail.text)?.[1] ?? '';
      expect(resetToken).not.toBe('');
      const newPassword = 'a brand new passphrase for the owner';
      keep(resetToken, newPassword);
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/auth/reset-password',
        payload: { token: resetToken, password: newPassword },
      });
      expect(reset.statusCode, reset.body).toBe(200);
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: p.practice.owner.email, password: newPassword },
      });
      expect(again.statusCode, again.body).toBe(200);
      await client.post(`/api/portal/${p.practice.slug}/sign-out`);

      const rows = await t.deps.db.selectFrom('audit_log').selectAll().execute();
      const actions = new Set(rows.map((row) => row.action));
      for (const action of [
        'portal.invited',
        'portal.signed_in',
        'portal.sign_in_code_generated',
        'portal.link_failed',
        'portal.code_failed',
        'staff.sign_in_failed',
        'message.sent',
        'messages.viewed',
        'attachment.downloaded',
        'staff.password_reset_requested',
        'staff.password_reset',
        'portal.signed_out',
      ]) {
        expect(actions, `the flow should have audited ${action}`).toContain(action);
      }
      const methods = rows.filter((row) => row.action === 'portal.signed_in').map((row) => row.details);
      expect(methods.join(' ')).toMatch(/link[^]*code|code[^]*link/);
      for (const row of rows) {
        const text = Object.values(row)
          .map((value) => String(value))
          .join(' | ');
        for (const secret of secrets) {
          // Codes are six digits: look for them as a whole number, not inside an id.
          const found = /^\d{6}$/.test(secret) ? new RegExp(`\\b${secret}\\b`).test(text) : text.includes(secret);
          expect(found, `audit row ${row.action} holds a secret: ${text}`).toBe(false);
        }
      }
    } finally {
      await t.close();
    }
  });
});
