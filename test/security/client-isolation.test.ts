/**
 * Client isolation, generated from the route table: every /api/portal/:slug/… route is called by
 * client C1 of practice A on C1's own objects (which must work), on client C2's in the same
 * practice and on client D1's of practice B (each "not found", byte for byte the answer for an id
 * that does not exist), and at B's portal address (refused, or the public answer anyone gets).
 * Nothing of C2 or B may appear in any answer, and no row of C2 or B may change. A new portal
 * route fails the first test until it has an entry in `cases`; one with an object parameter also
 * needs `aimed`, the call that points it at another client's object.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../helpers/agent.js';
import { multipartBody, sampleFiles, type TestFile } from '../helpers/messages.js';
import { randomUUID } from 'node:crypto';
import { createAppointment, createAppointmentRequest, createLocation, createService } from '../factories/scheduling.js';
import {
  consentDocument,
  createQuestionFile,
  createSharedDocument,
  formWithFiles,
} from '../factories/shared-documents.js';
import { createBillingDocument } from '../factories/billing-documents.js';
import { createInvoice } from '../factories/invoices.js';
import { latestPortalEmail } from '../helpers/portal.js';
import { apiRoutes, fillPath, pathParams, routeKey, type RouteEntry } from '../helpers/route-table.js';
import { ownTables } from '../helpers/own-tables.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { describeResponse, responseProblems } from './checks.js';
import {
  diffSnapshots,
  practiceWithPortalClients,
  rowOf,
  secretsOfClient,
  secretsOfPractice,
  type PortalClient,
  type SecurityPractice,
  type Snapshot,
} from './world.js';

interface World {
  a: SecurityPractice;
  b: SecurityPractice;
  c1: PortalClient;
  c2: PortalClient;
  d1: PortalClient;
  /** A live sign-in link and code of C1's, to try at B's address. */
  c1Link: { token: string; code: string };
  /** Each practice's bookable service and location (A and B take online requests). */
  booking: Record<'a' | 'b', { serviceId: string; locationId: string }>;
  /** Each client's pending request and scheduled appointment with their practice's owner. */
  booked: Map<string, { requestId: string; appointmentId: string }>;
  /** Each client's documents: one to complete, one completed (with its PDF), and a file shared with them. */
  papers: Map<string, Papers>;
  /** Each client's invoice and statement. */
  bills: Map<string, { invoiceId: string; statementId: string }>;
}

interface Papers {
  sentId: string;
  completedId: string;
  fileId: string;
  /** A form being filled in with a file uploaded to its question `card`, and that file. */
  uploadDocumentId: string;
  questionFileId: string;
}

interface Call {
  params: Record<string, string>;
  query?: string;
  /** JSON, or a message sent as multipart. */
  body?: unknown;
  message?: string;
  /** A file sent alone as multipart (under `file`). */
  upload?: TestFile;
  /** Strings of B's that this call may show because anyone may see them (B's public portal page). */
  public?: string[];
}

interface PortalCase {
  /** C1 on C1's own object (or own portal): must succeed. */
  own?: (w: World) => Call;
  /**
   * C1 at A's address, aimed at another client's object: C2's (same practice) or D1's (practice B).
   * `in: 'path'` must be a 404 with the not-found body; `in: 'body'` must answer exactly as for a
   * made-up id. Either way, byte for byte the same as for an id that does not exist.
   */
  aimed?: { in: 'path' | 'body'; call: (w: World, id: string) => Call; ids: (target: PortalClient) => string[] };
  /** C1 at B's address, and the statuses allowed there (default 401). */
  atOtherPractice: { call: (w: World) => Call; status?: number[] };
}

const own = (w: World): Call => ({ params: { slug: w.a.practice.slug } });
const atB = (w: World): Call => ({ params: { slug: w.b.practice.slug } });
const staffMessageOf = (c: PortalClient) => c.messages[0];

/** A consent signed with a typed name: the whole of a consent document's answers. */
const typedSignature = { signature: { method: 'typed', signerName: 'Casey Client', consentToSign: true } };

const cases: Record<string, PortalCase> = {
  'GET /api/portal/:slug': {
    own,
    // The portal's landing page shows any visitor the practice's name.
    atOtherPractice: { call: (w) => ({ ...atB(w), public: [w.b.practice.name, w.b.practice.slug] }), status: [200] },
  },
  'GET /api/portal/:slug/me': { own, atOtherPractice: { call: atB } },
  // Answers everyone; at B's address C1 is nobody: `signedIn: false`, nothing of B's.
  'GET /api/portal/:slug/session': { own, atOtherPractice: { call: atB, status: [200] } },
  'GET /api/portal/:slug/messages': {
    own,
    // A page cursor made of another client's message: a position only, still C1's messages.
    aimed: {
      in: 'body',
      call: (w, id) => ({ ...own(w), query: `before=${encodeURIComponent(`2099-01-01T00:00:00.000Z|${id}`)}` }),
      ids: (target) => target.messages.map((m) => m.id),
    },
    atOtherPractice: { call: atB },
  },
  'GET /api/portal/:slug/messages/unread': { own, atOtherPractice: { call: atB } },
  'POST /api/portal/:slug/messages': {
    own: (w) => ({ ...own(w), message: 'A new message from C1' }),
    atOtherPractice: { call: (w) => ({ ...atB(w), message: 'Misdirected message from C1' }) },
  },
  'POST /api/portal/:slug/messages/read': {
    own: (w) => ({ ...own(w), body: { upTo: staffMessageOf(w.c1).id } }),
    aimed: {
      in: 'body',
      call: (w, id) => ({ ...own(w), body: { upTo: id } }),
      ids: (target) => target.messages.map((m) => m.id),
    },
    atOtherPractice: { call: (w) => ({ ...atB(w), body: { upTo: staffMessageOf(w.d1).id } }) },
  },
  'GET /api/portal/:slug/attachments/:attachmentId': {
    own: (w) => ({ params: { slug: w.a.practice.slug, attachmentId: staffMessageOf(w.c1).attachmentId } }),
    aimed: {
      in: 'path',
      call: (w, id) => ({ params: { slug: w.a.practice.slug, attachmentId: id } }),
      ids: (target) => target.messages.map((m) => m.attachmentId),
    },
    atOtherPractice: {
      call: (w) => ({ params: { slug: w.b.practice.slug, attachmentId: staffMessageOf(w.d1).attachmentId } }),
    },
  },
  // Sign-in needs no session: at B's address, C1's own email, link and code get nowhere.
  'POST /api/portal/:slug/sign-in/request': {
    atOtherPractice: { call: (w) => ({ ...atB(w), body: { email: w.c1.email } }), status: [200] },
  },
  'POST /api/portal/:slug/sign-in/link': {
    atOtherPractice: { call: (w) => ({ ...atB(w), body: { token: w.c1Link.token } }), status: [400] },
  },
  'POST /api/portal/:slug/sign-in/code': {
    atOtherPractice: { call: (w) => ({ ...atB(w), body: { email: w.c1.email, code: w.c1Link.code } }), status: [400] },
  },
  'POST /api/portal/:slug/sign-in/new-link': {
    atOtherPractice: { call: (w) => ({ ...atB(w), body: { token: w.c1Link.token } }), status: [200] },
  },
  'POST /api/portal/:slug/sign-out': { own, atOtherPractice: { call: atB, status: [200] } },
  // Never ends for C1 at A's address (messaging.events.test.ts covers that over a socket); at B's
  // address it is refused before the stream opens.
  'GET /api/portal/:slug/events': { atOtherPractice: { call: atB } },
  'GET /api/portal/:slug/appointments': { own, atOtherPractice: { call: atB } },
  'GET /api/portal/:slug/billing': { own, atOtherPractice: { call: atB } },
  'GET /api/portal/:slug/billing/balance': { own, atOtherPractice: { call: atB } },
  'GET /api/portal/:slug/billing/invoices/:invoiceId/pdf': {
    own: (w) => ({ params: { slug: w.a.practice.slug, invoiceId: billsOf(w, w.c1).invoiceId } }),
    aimed: {
      in: 'path',
      call: (w, id) => ({ params: { slug: w.a.practice.slug, invoiceId: id } }),
      ids: (target) => [billsOf(w, target).invoiceId],
    },
    atOtherPractice: {
      call: (w) => ({ params: { slug: w.b.practice.slug, invoiceId: billsOf(w, w.d1).invoiceId } }),
    },
  },
  'GET /api/portal/:slug/billing/documents/:documentId/pdf': {
    own: (w) => ({ params: { slug: w.a.practice.slug, documentId: billsOf(w, w.c1).statementId } }),
    aimed: {
      in: 'path',
      call: (w, id) => ({ params: { slug: w.a.practice.slug, documentId: id } }),
      ids: (target) => [billsOf(w, target).statementId],
    },
    atOtherPractice: {
      call: (w) => ({ params: { slug: w.b.practice.slug, documentId: billsOf(w, w.d1).statementId } }),
    },
  },
  'GET /api/portal/:slug/appointment-options': { own, atOtherPractice: { call: atB } },
  'GET /api/portal/:slug/appointment-slots': {
    own: (w) => ({ ...own(w), query: slotsQuery(w, 'a') }),
    atOtherPractice: { call: (w) => ({ ...atB(w), query: slotsQuery(w, 'b') }) },
  },
  'POST /api/portal/:slug/appointment-requests': {
    own: (w) => ({ ...own(w), body: requestBody(w, 'a') }),
    atOtherPractice: { call: (w) => ({ ...atB(w), body: requestBody(w, 'b') }) },
  },
  'POST /api/portal/:slug/appointment-requests/:id/cancel': {
    own: (w) => ({ params: { slug: w.a.practice.slug, id: bookedOf(w, w.c1).requestId } }),
    aimed: {
      in: 'path',
      call: (w, id) => ({ params: { slug: w.a.practice.slug, id } }),
      ids: (target) => [bookedOf(w, target).requestId],
    },
    atOtherPractice: { call: (w) => ({ params: { slug: w.b.practice.slug, id: bookedOf(w, w.d1).requestId } }) },
  },
  'POST /api/portal/:slug/appointments/:id/cancel': {
    own: (w) => ({ params: { slug: w.a.practice.slug, id: bookedOf(w, w.c1).appointmentId } }),
    aimed: {
      in: 'path',
      call: (w, id) => ({ params: { slug: w.a.practice.slug, id } }),
      ids: (target) => [bookedOf(w, target).appointmentId],
    },
    atOtherPractice: {
      call: (w) => ({ params: { slug: w.b.practice.slug, id: bookedOf(w, w.d1).appointmentId } }),
    },
  },
  'GET /api/portal/:slug/documents': { own, atOtherPractice: { call: atB } },
  'GET /api/portal/:slug/documents/to-complete': { own, atOtherPractice: { call: atB } },
  'GET /api/portal/:slug/documents/:documentId': documentCase((p) => p.sentId),
  'POST /api/portal/:slug/documents/:documentId/open': documentCase((p) => p.sentId),
  'PUT /api/portal/:slug/documents/:documentId/draft': documentCase((p) => p.sentId, { answers: {} }),
  'POST /api/portal/:slug/documents/:documentId/submit': documentCase((p) => p.sentId, { answers: typedSignature }),
  'GET /api/portal/:slug/documents/:documentId/pdf': documentCase((p) => p.completedId),
  'GET /api/portal/:slug/client-files/:fileId': {
    own: (w) => ({ params: { slug: w.a.practice.slug, fileId: papersOf(w, w.c1).fileId } }),
    aimed: {
      in: 'path',
      call: (w, id) => ({ params: { slug: w.a.practice.slug, fileId: id } }),
      ids: (target) => [papersOf(w, target).fileId],
    },
    atOtherPractice: { call: (w) => ({ params: { slug: w.b.practice.slug, fileId: papersOf(w, w.d1).fileId } }) },
  },
  'PUT /api/portal/:slug/documents/:documentId/questions/:questionId/file': questionFileCase({
    name: 'card.pdf',
    data: sampleFiles.pdf(),
  }),
  'DELETE /api/portal/:slug/documents/:documentId/questions/:questionId/file': questionFileCase(),
  'GET /api/portal/:slug/documents/:documentId/files/:fileId': {
    own: (w) => ({ params: uploadedFileParams(w.a, papersOf(w, w.c1), papersOf(w, w.c1).questionFileId) }),
    // Another client's file, asked for through C1's own document.
    aimed: {
      in: 'path',
      call: (w, id) => ({ params: uploadedFileParams(w.a, papersOf(w, w.c1), id) }),
      ids: (target) => [papersOf(w, target).questionFileId],
    },
    atOtherPractice: {
      call: (w) => ({ params: uploadedFileParams(w.b, papersOf(w, w.d1), papersOf(w, w.d1).questionFileId) }),
    },
  },
  'PUT /api/portal/:slug/time-zone': {
    own: (w) => ({ ...own(w), body: { timeZone: 'Europe/London' } }),
    atOtherPractice: { call: (w) => ({ ...atB(w), body: { timeZone: 'Europe/London' } }) },
  },
};

/** A route about one of the client's documents: C1's own, aimed at C2's and D1's, and at B's address. */
function documentCase(pick: (p: Papers) => string, body?: unknown): PortalCase {
  const call = (slug: string, documentId: string): Call => ({
    params: { slug, documentId },
    ...(body ? { body } : {}),
  });
  return {
    own: (w) => call(w.a.practice.slug, pick(papersOf(w, w.c1))),
    aimed: {
      in: 'path',
      call: (w, id) => call(w.a.practice.slug, id),
      ids: (target) => [papersOf(w, target).sentId, papersOf(w, target).completedId],
    },
    atOtherPractice: { call: (w) => call(w.b.practice.slug, pick(papersOf(w, w.d1))) },
  };
}

const uploadedFileParams = (p: SecurityPractice, papers: Papers, fileId: string) => ({
  slug: p.practice.slug,
  documentId: papers.uploadDocumentId,
  fileId,
});

/** A file question of the client's form: C1's own, aimed at C2's and D1's forms, and at B's address. */
function questionFileCase(upload?: TestFile): PortalCase {
  const call = (slug: string, documentId: string): Call => ({
    params: { slug, documentId, questionId: 'card' },
    ...(upload ? { upload } : {}),
  });
  return {
    own: (w) => call(w.a.practice.slug, papersOf(w, w.c1).uploadDocumentId),
    aimed: {
      in: 'path',
      call: (w, id) => call(w.a.practice.slug, id),
      ids: (target) => [papersOf(w, target).uploadDocumentId],
    },
    atOtherPractice: { call: (w) => call(w.b.practice.slug, papersOf(w, w.d1).uploadDocumentId) },
  };
}

function billsOf(w: World, c: PortalClient): { invoiceId: string; statementId: string } {
  const found = w.bills.get(c.client.id);
  if (!found) throw new Error('no invoice for the client');
  return found;
}

/** Each client of the practice gets an invoice and a statement. */
async function issueBills(p: SecurityPractice, bills: World['bills']): Promise<void> {
  for (const c of p.clients) {
    const invoice = await createInvoice(t.deps, p.practice.id, c.client.id);
    const statement = await createBillingDocument(t.deps, p.practice.id, c.client.id, 'statement');
    bills.set(c.client.id, { invoiceId: invoice.id, statementId: statement.id });
  }
}

function papersOf(w: World, c: PortalClient): Papers {
  const found = w.papers.get(c.client.id);
  if (!found) throw new Error('no documents for the client');
  return found;
}

/** Each client of the practice gets a consent to sign, one they signed (through the portal) and a file. */
async function sharePapers(p: SecurityPractice, papers: World['papers']): Promise<void> {
  for (const c of p.clients) {
    const sent = await createSharedDocument(t.deps, p.practice.id, c.client.id, { content: consentDocument });
    const signed = await createSharedDocument(t.deps, p.practice.id, c.client.id, { content: consentDocument });
    const submitted = await c.agent.post(`/api/portal/${p.practice.slug}/documents/${signed.id}/submit`, {
      answers: typedSignature,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const bytes = Buffer.from(`%PDF-1.4\nA handout for ${c.client.id}\n%%EOF\n`);
    const key = `${p.practice.id}/documents/${randomUUID()}`;
    const stored = await t.deps.files.put(key, bytes, { contentType: 'application/pdf', size: bytes.length });
    const fileId = randomUUID();
    await t.deps.db
      .insertInto('client_files')
      .values({
        id: fileId,
        practice_id: p.practice.id,
        client_id: c.client.id,
        file_name: 'Handout.pdf',
        content_type: 'application/pdf',
        size_bytes: bytes.length,
        storage_key: key,
        sha256: stored.sha256,
        uploaded_by: p.practice.owner.id,
        created_at: t.deps.clock.now().toISOString(),
        first_downloaded_at: null,
        removed_at: null,
      })
      .execute();
    const form = await createSharedDocument(t.deps, p.practice.id, c.client.id, { content: formWithFiles });
    const uploaded = await createQuestionFile(t.deps, p.practice.id, c.client.id, form.id, 'card', {
      fileName: `Card of ${c.client.id}.pdf`,
      data: Buffer.from(`%PDF-1.4\nThe card of ${c.client.id}\n%%EOF\n`),
    });
    papers.set(c.client.id, {
      sentId: sent.id,
      completedId: signed.id,
      fileId,
      uploadDocumentId: form.id,
      questionFileId: uploaded.fileId,
    });
  }
}

function bookedOf(w: World, c: PortalClient): { requestId: string; appointmentId: string } {
  const found = w.booked.get(c.client.id);
  if (!found) throw new Error('no booking for the client');
  return found;
}

const slotsQuery = (w: World, p: 'a' | 'b') =>
  new URLSearchParams({ ...w.booking[p], clinicianId: w[p].practice.owner.id }).toString();

/** Wednesday 4 March 2026, 10:00 in New York: free (the bookings below are on Thursdays and Fridays). */
const requestBody = (w: World, p: 'a' | 'b') => ({
  ...w.booking[p],
  clinicianId: w[p].practice.owner.id,
  startsAt: '2026-03-04T15:00:00.000Z',
  timeZone: 'America/Chicago',
  message: 'Any morning.',
});

/**
 * The practice takes online requests: its owner works weekdays 09:00–17:00 at its office, offering
 * one service; each of its clients has a pending request and an appointment a week or more ahead.
 */
async function takeRequests(p: SecurityPractice, booked: World['booked']) {
  const service = await createService(t.deps, p.practice.id, {
    onlineRequests: true,
    clinicianIds: [p.practice.owner.id],
  });
  const location = await createLocation(t.deps, p.practice.id);
  const settings = await p.staff.put('/api/settings/appointment-requests', {
    requestsEnabled: true,
    minimumNoticeMinutes: 1440,
    bookingWindowDays: 60,
    slotIntervalMinutes: 60,
    bufferMinutes: 0,
    holdMinutes: 4320,
    clientCancelAllowed: true,
    clientCancelNoticeMinutes: 1440,
    reminderMinutes: 1440,
    reminderNamesService: false,
  });
  expect(settings.statusCode, settings.body).toBe(200);
  const blocks = [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    start: '09:00',
    end: '17:00',
    locationId: location.id,
    serviceIds: [],
    allowRequests: true,
  }));
  const saved = await p.staff.put(`/api/availability/${p.practice.owner.id}/blocks`, { blocks });
  expect(saved.statusCode, saved.body).toBe(200);
  let hour = 14;
  for (const c of p.clients) {
    const facts = (day: string) => ({
      clientId: c.client.id,
      serviceId: service.id,
      clinicianId: p.practice.owner.id,
      locationId: location.id,
      startsAt: `${day}T${hour}:00:00.000Z`,
      endsAt: `${day}T${hour}:50:00.000Z`,
    });
    const request = await createAppointmentRequest(t.deps, p.practice.id, facts('2026-03-12'));
    const appointment = await createAppointment(t.deps, p.practice.id, facts('2026-03-13'));
    booked.set(c.client.id, { requestId: request.id, appointmentId: appointment.id });
    hour += 1;
  }
  return { serviceId: service.id, locationId: location.id };
}

/** Fastify answers HEAD with the GET handler, so a HEAD route is called like its GET twin. */
function caseFor(route: RouteEntry): PortalCase | undefined {
  return cases[routeKey(route)] ?? (route.method === 'HEAD' ? cases[`GET ${route.url}`] : undefined);
}

const objectParams = (route: RouteEntry): string[] => pathParams(route.url).filter((name) => name !== 'slug');

const routes = await (async () => {
  const probe = await buildTestApp();
  try {
    return apiRoutes(probe.app).filter((route) => route.url.startsWith('/api/portal/'));
  } finally {
    await probe.close();
  }
})();

let t: TestApp;
let w: World;

beforeEach(async () => {
  t = await buildTestApp();
  const a = await practiceWithPortalClients(t, 2);
  const b = await practiceWithPortalClients(t, 2);
  const [c1, c2] = a.clients;
  const [d1] = b.clients;
  if (!c1 || !c2 || !d1) throw new Error('world is missing clients');
  // A fresh link for C1, one second after the invitation so it is the newest email.
  t.deps.clock.advanceMinutes(1 / 60);
  const linked = await a.staff.post(`/api/clients/${c1.client.id}/portal/sign-in-link`);
  expect(linked.statusCode, linked.body).toBe(200);
  const { token, code } = await latestPortalEmail(t.deps, c1.email);
  const booked: World['booked'] = new Map();
  const booking = { a: await takeRequests(a, booked), b: await takeRequests(b, booked) };
  const papers: World['papers'] = new Map();
  await sharePapers(a, papers);
  await sharePapers(b, papers);
  const bills: World['bills'] = new Map();
  await issueBills(a, bills);
  await issueBills(b, bills);
  w = { a, b, c1, c2, d1, c1Link: { token, code }, booking, booked, papers, bills };
});
afterEach(async () => {
  await t.close();
});

/** Every row of C2's and of practice B's, found by introspection so later tables count too. */
async function snapshotOfOthers(): Promise<Snapshot> {
  const { db } = t.deps;
  const tables = await ownTables(t.deps);
  const snapshot: Snapshot = {};
  const names = tables.map((table) => table.name).sort();
  for (const name of names) {
    const columns = new Set(tables.find((table) => table.name === name)?.columns ?? []);
    const conditions = [
      ...(columns.has('practice_id') ? [sql`practice_id = ${w.b.practice.id}`] : []),
      ...(columns.has('client_id') ? [sql`client_id = ${w.c2.client.id}`] : []),
      ...(name === 'clients' ? [sql`id = ${w.c2.client.id}`] : []),
      ...(name === 'sessions' ? [sql`subject_id = ${w.c2.client.id}`] : []),
    ];
    if (conditions.length === 0) continue;
    const result = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(name)} where ${sql.join(conditions, sql` or `)}`.execute(db);
    snapshot[name] = result.rows.map((row) => JSON.stringify(row)).sort();
  }
  expect(snapshot.clients, "the snapshot must see C2 and B's clients").toHaveLength(3);
  expect(snapshot.messages?.length, "the snapshot must see C2's and B's messages").toBe(6);
  return snapshot;
}

/** What may change of theirs: a failed sign-in attempt at B's address is audited there, naming nobody. */
function unexplained(before: Snapshot, after: Snapshot): string[] {
  return diffSnapshots(before, after).flatMap(({ table, added, removed }) => {
    const failuresOnly =
      table === 'audit_log' &&
      removed.length === 0 &&
      added.every(
        (row) =>
          ['portal.link_failed', 'portal.code_failed'].includes(String(rowOf(row).action)) &&
          rowOf(row).client_id === null,
      );
    return failuresOnly ? [] : [`${table}: +${added.join(', ')} -${removed.join(', ')}`];
  });
}

async function send(agent: Agent, route: RouteEntry, call: Call): Promise<LightMyRequestResponse> {
  const url = fillPath(route.url, call.params) + (call.query ? `?${call.query}` : '');
  if (call.message !== undefined) {
    const { payload, contentType } = await multipartBody({ body: call.message });
    return agent.request('POST', url, payload, { headers: { 'content-type': contentType } });
  }
  if (call.upload !== undefined) {
    const { payload, contentType } = await multipartBody({ files: [call.upload], fileField: 'file' });
    return agent.request(route.method as 'PUT', url, payload, { headers: { 'content-type': contentType } });
  }
  const method = route.method as 'GET';
  return agent.request(
    method,
    url,
    ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) ? (call.body ?? {}) : undefined,
  );
}

function secretsOfOthers(): string[] {
  return [...secretsOfClient(w.c2), ...secretsOfPractice(w.b)];
}

function expectNothingOfOthers(response: LightMyRequestResponse, label: string, allowed: string[] = []): void {
  const visible = response.body + JSON.stringify(response.headers);
  for (const secret of secretsOfOthers().filter((s) => !allowed.includes(s))) {
    expect(visible, `${label} shows ${secret}`).not.toContain(secret);
  }
}

const notFoundBody = '{"error":{"code":"not_found","message":"Not found."}}';
const madeUpId = '6f1c2d3e-4b5a-4c6d-8e7f-001122334455';

describe('client isolation in the portal', () => {
  it('has a case for every portal route, an aimed call for each with an object, and none for a route that is gone', () => {
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((route) => !caseFor(route)).map(routeKey);
    expect(missing, 'add these routes to `cases` in test/security/client-isolation.test.ts').toEqual([]);
    const unaimed = routes.filter((route) => objectParams(route).length > 0 && !caseFor(route)?.aimed).map(routeKey);
    expect(unaimed, "say in `aimed` how to point these routes at another client's object").toEqual([]);
    const known = new Set(routes.map(routeKey));
    expect(Object.keys(cases).filter((key) => !known.has(key))).toEqual([]);
  });

  it.each(routes.map((route) => ({ ...route, name: routeKey(route) })))('$name as C1', async (route) => {
    const entry = caseFor(route);
    if (!entry) throw new Error(`${routeKey(route)} has no entry in \`cases\``);
    const before = await snapshotOfOthers();
    const agent = w.c1.agent;
    const head = route.method === 'HEAD';

    if (entry.own) {
      const response = await send(agent, route, entry.own(w));
      const label = `own ${routeKey(route)} → ${describeResponse(response)}`;
      expect(response.statusCode, label).toBeGreaterThanOrEqual(200);
      expect(response.statusCode, label).toBeLessThan(300);
      expect(responseProblems(response, route.method), label).toEqual([]);
      expectNothingOfOthers(response, label);
    }

    if (entry.aimed) {
      const { aimed } = entry;
      const reference = await send(agent, route, aimed.call(w, madeUpId));
      if (aimed.in === 'path') {
        expect(reference.statusCode).toBe(404);
        if (!head) expect(reference.body).toBe(notFoundBody);
      }
      for (const target of [w.c2, w.d1]) {
        for (const id of aimed.ids(target)) {
          const response = await send(agent, route, aimed.call(w, id));
          const label = `${routeKey(route)} aimed at ${target === w.c2 ? 'C2' : 'D1 of B'}'s ${id} → ${describeResponse(response)}`;
          expect(response.statusCode, label).toBe(reference.statusCode);
          expect(response.body, label).toBe(reference.body);
          expect(responseProblems(response, route.method), label).toEqual([]);
          expectNothingOfOthers(response, label);
        }
      }
    }

    const other = entry.atOtherPractice.call(w);
    const response = await send(agent, route, other);
    const label = `${routeKey(route)} at B's address → ${describeResponse(response)}`;
    expect(entry.atOtherPractice.status ?? [401], label).toContain(response.statusCode);
    expect(responseProblems(response, route.method), label).toEqual([]);
    expectNothingOfOthers(response, label, other.public);

    expect(unexplained(before, await snapshotOfOthers())).toEqual([]);
  });

  it("shows C1 only C1's conversation, and C2 only C2's", async () => {
    for (const [me, them] of [
      [w.c1, w.c2],
      [w.c2, w.c1],
    ] as const) {
      const page = await me.agent.get(`/api/portal/${w.a.practice.slug}/messages`);
      expect(page.statusCode, page.body).toBe(200);
      const ids = page.json<{ items: { id: string }[] }>().items.map((m) => m.id);
      expect(ids.sort()).toEqual(me.messages.map((m) => m.id).sort());
      for (const secret of secretsOfClient(them)) expect(page.body).not.toContain(secret);
    }
  });
});
