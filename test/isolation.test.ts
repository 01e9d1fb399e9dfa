/**
 * Tenant isolation, generated from the app's own route table: every /api route is called by staff
 * of practice A with practice B's ids, and must reveal nothing of B and change nothing of B. A new
 * route is covered the moment it is registered; a new route with a `:param` fails until it gets an
 * entry in `cases` saying which of B's ids to put there (and what body to send).
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client, ClientInput } from '../src/shared/schemas/clients.js';
import type { Message } from '../src/shared/schemas/messages.js';
import { setArchived } from '../src/server/modules/clients/clients.service.js';
import { enqueueEmail } from '../src/server/platform/outbox.js';
import { createClient } from './factories/clients.js';
import { createDocumentTemplate, sampleFormContent, shareWithClient } from './factories/documents.js';
import { createPractice, type FactoryPractice } from './factories/practices.js';
import {
  createClientFile,
  createCompletedDocumentWithFile,
  createQuestionFile,
  createSharedDocument,
  formWithFiles,
} from './factories/shared-documents.js';
import { createClientBilling, createClinicianBilling } from './factories/billing.js';
import { createBillableItem, createInvoice, createPayment } from './factories/invoices.js';
import { recordPaymentBody, refundBody } from './helpers/billing.js';
import { createBillingDocument } from './factories/billing-documents.js';
import { createAppointment, createAppointmentRequest, createLocation, createService } from './factories/scheduling.js';
import { createInvitation, type FactoryInvitation } from './factories/team.js';
import { signInAs, type Agent } from './helpers/agent.js';
import { postMessage, sampleFiles } from './helpers/messages.js';
import { apiRoutes, fillPath, pathParams, routeKey, type RouteEntry } from './helpers/route-table.js';
import { buildTestApp, testSchemaOf, type TestApp } from './helpers/test-app.js';
import { systemContext } from '../src/server/platform/request-context.js';

interface World {
  a: { practice: FactoryPractice; client: Client; agent: Agent };
  /** B's client is invited to B's portal, so portal routes have live access, tokens and mail to protect. */
  b: {
    practice: FactoryPractice;
    client: Client;
    archived: Client;
    outboxId: string;
    portalToken: string;
    /** A message B's staff sent B's client, with an attachment, and its text. */
    messageId: string;
    attachmentId: string;
    messageText: string;
    /** The public id of B's owner's session (Settings → My account lists it). */
    sessionId: string;
    /** A pending invitation to B's team. */
    invitation: FactoryInvitation;
    /** A document shared with B's client. */
    documentId: string;
    /** B's client's pending appointment request to B's owner, and a span of the owner's time off. */
    requestId: string;
    timeOffId: string;
    serviceId: string;
    locationId: string;
    /** B's client booked with B's owner. */
    appointmentId: string;
    /** B's own template, and a document shared from it with B's client. */
    templateId: string;
    sharedDocumentId: string;
    /** A file B's owner shared with B's client. */
    clientFileId: string;
    /** A document B's client is filling in with a file uploaded to a question, and that file. */
    fileDocumentId: string;
    questionFileId: string;
    /** A document B's client completed with a file uploaded to a question, and that file. */
    completedFileDocumentId: string;
    completedQuestionFileId: string;
    /** An open invoice of B's client, and a payment of theirs with credit left. */
    invoiceId: string;
    paymentId: string;
    /** A statement and a superbill of B's client. */
    statementId: string;
    superbillId: string;
    /** An unbilled item of B's client. */
    billableItemId: string;
  };
}

/** One request to make: values for the route's params, a query string and a body. */
interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /**
   * The params name A's own resources (A's portal address), with B's identifiers in the body: the
   * call may succeed, but must still reveal and change nothing of B. Otherwise a parameterised call
   * may only answer 404 or 400.
   */
  own?: true;
}

/** A valid profile that, were scoping broken, would overwrite B's client and adopt B's email. */
const hostileInput = (w: World): ClientInput => ({
  firstName: 'Mallory',
  lastName: 'Intruder',
  preferredName: null,
  dateOfBirth: null,
  phone: null,
  emails: [
    { id: w.b.client.emails[0]?.id, address: 'mallory@intruder.test', type: 'home', emailOk: true, isPrimary: true },
  ],
});

/** Invite B's client by B's email id: as B's client (404), and onto A's own client (refused). */
const invitationCalls = (w: World): Call[] =>
  [w.b.client.id, w.a.client.id].map((id) => ({
    params: { id },
    body: { emailId: w.b.client.emails[0]?.id, message: 'Welcome.' },
  }));

const documentCalls = (w: World): Call[] =>
  [w.b.client.id, w.a.client.id].map((clientId) => ({ params: { clientId, documentId: w.b.documentId } }));
const portalDocumentCalls = (w: World, body?: unknown): Call[] => [
  { params: { slug: w.a.practice.slug, documentId: w.b.documentId }, ...(body ? { body } : {}), own: true },
];

/** A booking that, were scoping broken, would book B's client with B's service and location. */
const hostileBooking = (w: World) => ({
  clientId: w.b.client.id,
  serviceId: w.b.serviceId,
  clinicianId: w.b.practice.owner.id,
  locationId: w.b.locationId,
  date: '2027-03-01',
  time: '10:00',
  videoLink: null,
});
const serviceBody = (w: World) => ({
  name: 'Mallory therapy',
  cptCode: null,
  durationMinutes: 30,
  feeMinor: 1,
  onlineRequests: true,
  clinicianIds: [w.b.practice.owner.id],
});
const locationBody = { kind: 'in_person', name: 'Mallory office', address: 'Nowhere' };

const cases: Record<string, (w: World) => Call[]> = {
  // Settings → Services and Locations, and the calendar: B's ids, and A's own booking with B's.
  'PUT /api/services/:id': (w) => [{ params: { id: w.b.serviceId }, body: serviceBody(w) }],
  'POST /api/services/:id/archive': (w) => [{ params: { id: w.b.serviceId } }],
  'POST /api/services/:id/restore': (w) => [{ params: { id: w.b.serviceId } }],
  'PUT /api/locations/:id': (w) => [{ params: { id: w.b.locationId }, body: locationBody }],
  'POST /api/locations/:id/archive': (w) => [{ params: { id: w.b.locationId } }],
  'POST /api/locations/:id/restore': (w) => [{ params: { id: w.b.locationId } }],
  'PUT /api/appointments/:id': (w) => [
    { params: { id: w.b.appointmentId }, body: { ...hostileBooking(w), scope: 'this' } },
  ],
  'POST /api/appointments/:id/status': (w) => [
    { params: { id: w.b.appointmentId }, body: { status: 'cancelled_by_practice', scope: 'this' } },
  ],
  'POST /api/appointments': (w) => [
    { body: hostileBooking(w) },
    { body: { ...hostileBooking(w), clientId: w.a.client.id, clinicianId: w.a.practice.owner.id } },
  ],
  'POST /api/services': (w) => [{ body: serviceBody(w) }],
  'GET /api/calendar': (w) => [
    { query: `from=2027-02-25T00:00:00Z&to=2027-03-04T00:00:00Z&clinicianId=${w.b.practice.owner.id}` },
    { query: 'from=2027-02-25T00:00:00Z&to=2027-03-04T00:00:00Z' },
  ],
  'GET /api/clients/:id': (w) => [{ params: { id: w.b.client.id } }, { params: { id: w.b.archived.id } }],
  'PUT /api/clients/:id': (w) => [
    { params: { id: w.b.client.id }, body: hostileInput(w) },
    // A's own client, with B's email id in the body: must be refused, not move B's email over.
    { params: { id: w.a.client.id }, body: hostileInput(w) },
  ],
  'POST /api/clients/:id/archive': (w) => [{ params: { id: w.b.client.id } }],
  'POST /api/clients/:id/restore': (w) => [{ params: { id: w.b.archived.id } }],
  'GET /api/clients/:id/clinicians': (w) => [{ params: { id: w.b.client.id } }],
  'PUT /api/clients/:id/clinicians': (w) => [
    { params: { id: w.b.client.id }, body: { primaryId: w.a.practice.owner.id, otherIds: [] } },
    // A's own client, given B's owner as its clinician: refused, B's staff are not A's.
    { params: { id: w.a.client.id }, body: { primaryId: w.b.practice.owner.id, otherIds: [] } },
  ],
  'GET /api/dev/mailbox/:id': (w) => [{ params: { id: w.b.outboxId } }],
  'GET /api/clients/:id/portal': (w) => [{ params: { id: w.b.client.id } }],
  'POST /api/clients/:id/portal/invitations': (w) => invitationCalls(w),
  'POST /api/clients/:id/portal/disable-and-resend': (w) => invitationCalls(w),
  'PUT /api/clients/:id/portal/permissions': (w) => [
    { params: { id: w.b.client.id }, body: { appointments: true, messaging: true, billing: true, pay: true } },
  ],
  'POST /api/clients/:id/portal/disable': (w) => [{ params: { id: w.b.client.id } }],
  'POST /api/clients/:id/portal/sign-in-link': (w) => [{ params: { id: w.b.client.id } }],
  'POST /api/clients/:id/portal/sign-in-code': (w) => [{ params: { id: w.b.client.id } }],
  'GET /api/clients/:id/conversation': (w) => [{ params: { id: w.b.client.id } }],
  'GET /api/clients/:id/messages': (w) => [{ params: { id: w.b.client.id } }],
  'POST /api/clients/:id/messages': (w) => [{ params: { id: w.b.client.id }, body: { body: 'Mallory was here' } }],
  'POST /api/clients/:id/messages/read': (w) => [
    { params: { id: w.b.client.id }, body: { upTo: w.b.messageId } },
    // A's own client, pointing at B's message: refused, B's message stays unread.
    { params: { id: w.a.client.id }, body: { upTo: w.b.messageId } },
  ],
  'GET /api/attachments/:id': (w) => [{ params: { id: w.b.attachmentId } }],
  'GET /api/portal/:slug/messages': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'GET /api/portal/:slug/messages/unread': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'POST /api/portal/:slug/messages': (w) => [{ params: { slug: w.a.practice.slug }, body: { body: 'hi' }, own: true }],
  'POST /api/portal/:slug/messages/read': (w) => [
    { params: { slug: w.a.practice.slug }, body: { upTo: w.b.messageId }, own: true },
  ],
  'GET /api/portal/:slug/attachments/:attachmentId': (w) => [
    { params: { slug: w.a.practice.slug, attachmentId: w.b.attachmentId }, own: true },
  ],
  'GET /api/portal/:slug/events': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  // A completed document's record, asked for as B's client and as A's own client with B's document.
  'GET /api/clients/:clientId/documents/:documentId/completed': (w) => documentCalls(w),
  'GET /api/clients/:clientId/documents/:documentId/pdf': (w) => documentCalls(w),
  'GET /api/portal/:slug/documents': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'GET /api/portal/:slug/documents/to-complete': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'GET /api/portal/:slug/documents/:documentId': (w) => portalDocumentCalls(w),
  'POST /api/portal/:slug/documents/:documentId/open': (w) => portalDocumentCalls(w),
  'PUT /api/portal/:slug/documents/:documentId/draft': (w) => portalDocumentCalls(w, { answers: {} }),
  'POST /api/portal/:slug/documents/:documentId/submit': (w) => portalDocumentCalls(w, { answers: {} }),
  'GET /api/portal/:slug/documents/:documentId/pdf': (w) => portalDocumentCalls(w),
  'PUT /api/portal/:slug/documents/:documentId/questions/:questionId/file': (w) => [
    {
      params: { slug: w.a.practice.slug, documentId: w.b.fileDocumentId, questionId: 'card' },
      body: { file: 'not a file' },
      own: true,
    },
  ],
  'DELETE /api/portal/:slug/documents/:documentId/questions/:questionId/file': (w) => [
    { params: { slug: w.a.practice.slug, documentId: w.b.fileDocumentId, questionId: 'card' }, own: true },
  ],
  'GET /api/portal/:slug/documents/:documentId/files/:fileId': (w) => [
    { params: { slug: w.a.practice.slug, documentId: w.b.fileDocumentId, fileId: w.b.questionFileId }, own: true },
  ],
  // B's client's uploaded file, asked for as B's client and as A's own client with B's document.
  'GET /api/clients/:clientId/documents/:documentId/files/:fileId': (w) =>
    [w.b.client.id, w.a.client.id].map((clientId) => ({
      params: { clientId, documentId: w.b.completedFileDocumentId, fileId: w.b.completedQuestionFileId },
    })),
  'GET /api/portal/:slug/client-files/:fileId': (w) => [
    { params: { slug: w.a.practice.slug, fileId: w.b.documentId }, own: true },
  ],
  // The client portal, at A's address, asked about B's client and with B's live sign-in link.
  'GET /api/portal/:slug': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'GET /api/portal/:slug/me': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'GET /api/portal/:slug/session': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'POST /api/portal/:slug/sign-in/request': (w) => [
    { params: { slug: w.a.practice.slug }, body: { email: w.b.client.emails[0]?.address }, own: true },
  ],
  'POST /api/portal/:slug/sign-in/code': (w) => [
    { params: { slug: w.a.practice.slug }, body: { email: w.b.client.emails[0]?.address, code: '123456' }, own: true },
  ],
  'POST /api/portal/:slug/sign-in/link': (w) => [
    { params: { slug: w.a.practice.slug }, body: { token: w.b.portalToken }, own: true },
  ],
  'POST /api/portal/:slug/sign-in/new-link': (w) => [
    { params: { slug: w.a.practice.slug }, body: { token: w.b.portalToken }, own: true },
  ],
  'POST /api/portal/:slug/sign-out': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  // Practice-scoped routes without params: searched for B's data by name, email and id.
  'GET /api/clients': (w) => [
    { query: `status=all&pageSize=100&q=${encodeURIComponent(w.b.client.lastName)}` },
    { query: `status=all&pageSize=100&q=${encodeURIComponent(w.b.client.emails[0]?.address ?? '')}` },
    { query: `status=archived&q=${encodeURIComponent(w.b.archived.firstName)}` },
    { query: 'status=all&pageSize=100' },
  ],
  'POST /api/clients': (w) => [{ body: { ...hostileInput(w), emails: [] } }],
  'GET /api/clients/:id/documents': (w) => [{ params: { id: w.b.client.id } }],
  'GET /api/document-templates/:id': (w) => [{ params: { id: w.b.templateId } }],
  'PUT /api/document-templates/:id': (w) => [
    { params: { id: w.b.templateId }, body: { name: 'Mallory', content: sampleFormContent } },
  ],
  'POST /api/document-templates/:id/archive': (w) => [{ params: { id: w.b.templateId } }],
  'POST /api/document-templates/:id/restore': (w) => [{ params: { id: w.b.templateId } }],
  'POST /api/clients/:id/documents/shares': (w) => [
    { params: { id: w.b.client.id }, body: { templateIds: [w.b.templateId] } },
    // A's own client, given B's template: refused, B's template is not A's to share.
    {
      params: { id: w.a.client.id },
      body: { templateIds: [w.b.templateId], invitation: { emailId: w.a.client.emails[0]?.id, message: 'Hi' } },
    },
  ],
  'POST /api/clients/:id/documents/:documentId/remind': (w) => [
    { params: { id: w.b.client.id, documentId: w.b.sharedDocumentId } },
    { params: { id: w.a.client.id, documentId: w.b.sharedDocumentId } },
  ],
  'POST /api/clients/:id/documents/:documentId/cancel': (w) => [
    { params: { id: w.b.client.id, documentId: w.b.sharedDocumentId } },
    { params: { id: w.a.client.id, documentId: w.b.sharedDocumentId } },
  ],
  'POST /api/clients/:id/files': (w) => [{ params: { id: w.b.client.id }, body: { file: 'not a file' } }],
  'POST /api/clients/:id/files/:fileId/remove': (w) => [
    { params: { id: w.b.client.id, fileId: w.b.clientFileId } },
    { params: { id: w.a.client.id, fileId: w.b.clientFileId } },
  ],
  // A's own sessions list: B's owner's session is not A's to sign out.
  'POST /api/account/sessions/:id/sign-out': (w) => [{ params: { id: w.b.sessionId } }],
  // Logos are public by design (portal pages and emails show them); B's practice id with an id
  // that is not its current logo finds nothing, and never another practice's file.
  'GET /api/practice-logos/:practiceId/:logoId': (w) => [
    { params: { practiceId: w.b.practice.id, logoId: w.b.messageId } },
    { params: { practiceId: w.b.practice.id, logoId: w.b.attachmentId } },
  ],
  // Another practice's member is not A's owner's to reset.
  'POST /api/staff/:id/two-factor/reset': (w) => [{ params: { id: w.b.practice.owner.id } }],
  'GET /api/audit': (w) => [{ query: `clientId=${w.b.client.id}` }, { query: 'limit=200' }],
  // Settings → Team: B's members and invitations are not A's owner's to change.
  'PUT /api/team/members/:id/roles': (w) => [{ params: { id: w.b.practice.owner.id }, body: { roles: ['clinician'] } }],
  'POST /api/team/members/:id/deactivate': (w) => [{ params: { id: w.b.practice.owner.id } }],
  'POST /api/team/members/:id/reactivate': (w) => [{ params: { id: w.b.practice.owner.id } }],
  'POST /api/team/invitations/:id/resend': (w) => [{ params: { id: w.b.invitation.id } }],
  'POST /api/team/invitations/:id/revoke': (w) => [{ params: { id: w.b.invitation.id } }],
  // Availability and requests: B's clinician, B's time off and B's client's request are not A's.
  'GET /api/availability/:clinicianId': (w) => [{ params: { clinicianId: w.b.practice.owner.id } }],
  'PUT /api/availability/:clinicianId/blocks': (w) => [
    { params: { clinicianId: w.b.practice.owner.id }, body: { blocks: [] } },
    // A's own owner, with B's location: refused, B's locations are not A's.
    {
      params: { clinicianId: w.a.practice.owner.id },
      body: {
        blocks: [
          { weekday: 1, start: '09:00', end: '17:00', locationId: w.b.locationId, serviceIds: [], allowRequests: true },
        ],
      },
    },
  ],
  'POST /api/availability/:clinicianId/time-off': (w) => [
    {
      params: { clinicianId: w.b.practice.owner.id },
      body: { startsAt: '2026-04-01T00:00:00.000Z', endsAt: '2026-04-02T00:00:00.000Z' },
    },
  ],
  'DELETE /api/availability/:clinicianId/time-off/:id': (w) => [
    { params: { clinicianId: w.b.practice.owner.id, id: w.b.timeOffId } },
    { params: { clinicianId: w.a.practice.owner.id, id: w.b.timeOffId } },
  ],
  // Billing: B's client (with diagnoses and insurance) and B's clinician are not A's.
  'GET /api/clients/:id/billing': (w) => [{ params: { id: w.b.client.id } }],
  'PUT /api/clients/:id/billing': (w) => [
    {
      params: { id: w.b.client.id },
      body: {
        diagnoses: [{ code: 'Z00.0', description: 'Mallory' }],
        payerName: 'M',
        memberId: 'M',
        billingAddress: null,
      },
    },
  ],
  // Payments: B's client's balance, payments and credit are not A's; B's invoice and payment are not
  // found from A's own client either.
  'GET /api/clients/:id/payments': (w) => [{ params: { id: w.b.client.id } }],
  'GET /api/clients/:id/balance': (w) => [{ params: { id: w.b.client.id } }],
  'POST /api/clients/:id/payments': (w) => [
    { params: { id: w.b.client.id }, body: { ...recordPaymentBody(), receivedOn: '2026-03-01' } },
    {
      params: { id: w.a.client.id },
      body: {
        ...recordPaymentBody(),
        receivedOn: '2026-03-01',
        allocation: 'chosen',
        invoices: [{ invoiceId: w.b.invoiceId, amountMinor: 100 }],
      },
    },
  ],
  'POST /api/clients/:id/credit/apply': (w) => [
    { params: { id: w.b.client.id }, body: { allocation: 'oldest' } },
    {
      params: { id: w.a.client.id },
      body: { allocation: 'chosen', invoices: [{ invoiceId: w.b.invoiceId, amountMinor: 100 }] },
    },
  ],
  'POST /api/clients/:id/payments/:paymentId/refunds': (w) => [
    { params: { id: w.b.client.id, paymentId: w.b.paymentId }, body: refundBody() },
    { params: { id: w.a.client.id, paymentId: w.b.paymentId }, body: refundBody() },
  ],
  // Statements and superbills: B's client's are not A's, not even under A's own client.
  'GET /api/clients/:id/statements': (w) => [{ params: { id: w.b.client.id } }],
  'GET /api/clients/:id/superbills': (w) => [{ params: { id: w.b.client.id } }],
  'POST /api/clients/:id/statements': (w) => [
    { params: { id: w.b.client.id }, body: { periodStart: '2026-03-01', periodEnd: '2026-03-31' } },
  ],
  'POST /api/clients/:id/superbills': (w) => [
    { params: { id: w.b.client.id }, body: { periodStart: '2026-03-01', periodEnd: '2026-03-31' } },
  ],
  'GET /api/clients/:clientId/statements/:documentId/pdf': (w) => [
    { params: { clientId: w.b.client.id, documentId: w.b.statementId } },
    { params: { clientId: w.a.client.id, documentId: w.b.statementId } },
  ],
  'GET /api/clients/:clientId/superbills/:documentId/pdf': (w) => [
    { params: { clientId: w.b.client.id, documentId: w.b.superbillId } },
    { params: { clientId: w.a.client.id, documentId: w.b.superbillId } },
  ],
  'PUT /api/settings/billing/clinicians/:id': (w) => [
    {
      params: { id: w.b.practice.owner.id },
      body: { credentials: 'MAL', npi: '1234567893', licenseNumber: 'M-1', licenseState: 'MA' },
    },
  ],
  // Invoices: B's invoice and B's client's unbilled item, by their ids, also onto A's own client.
  'GET /api/clients/:id/invoices': (w) => [{ params: { id: w.b.client.id } }],
  'POST /api/clients/:id/invoices': (w) => [
    { params: { id: w.b.client.id }, body: { items: [{ id: w.b.billableItemId, feeMinor: 1 }] } },
    { params: { id: w.a.client.id }, body: { items: [{ id: w.b.billableItemId, feeMinor: 1 }] }, own: true },
  ],
  'GET /api/invoices/:id': (w) => [{ params: { id: w.b.invoiceId } }],
  'GET /api/invoices/:id/pdf': (w) => [{ params: { id: w.b.invoiceId } }],
  'POST /api/invoices/:id/void': (w) => [{ params: { id: w.b.invoiceId }, body: { reason: 'Mallory' } }],
  'POST /api/invoices/:id/reissue': (w) => [
    { params: { id: w.b.invoiceId }, body: { reason: 'Mallory', items: [{ id: w.b.billableItemId, feeMinor: 1 }] } },
  ],
  'PUT /api/billable-items/:id': (w) => [{ params: { id: w.b.billableItemId }, body: { feeMinor: 1 } }],
  'POST /api/appointment-requests/:id/accept': (w) => [{ params: { id: w.b.requestId } }],
  'POST /api/appointment-requests/:id/decline': (w) => [{ params: { id: w.b.requestId }, body: { reason: 'No.' } }],
  'GET /api/portal/:slug/appointments': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'GET /api/portal/:slug/billing': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'GET /api/portal/:slug/billing/balance': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  // B's client's invoice, statement and superbill, asked for at A's portal by A's own client.
  'GET /api/portal/:slug/billing/invoices/:invoiceId/pdf': (w) => [
    { params: { slug: w.a.practice.slug, invoiceId: w.b.invoiceId }, own: true },
  ],
  'GET /api/portal/:slug/billing/documents/:documentId/pdf': (w) => [
    { params: { slug: w.a.practice.slug, documentId: w.b.statementId }, own: true },
    { params: { slug: w.a.practice.slug, documentId: w.b.superbillId }, own: true },
  ],
  'GET /api/portal/:slug/appointment-options': (w) => [{ params: { slug: w.a.practice.slug }, own: true }],
  'GET /api/portal/:slug/appointment-slots': (w) => [
    {
      params: { slug: w.a.practice.slug },
      query: `serviceId=${w.b.serviceId}&clinicianId=${w.b.practice.owner.id}&locationId=${w.b.locationId}`,
      own: true,
    },
  ],
  'POST /api/portal/:slug/appointment-requests': (w) => [
    {
      params: { slug: w.a.practice.slug },
      body: {
        serviceId: w.b.serviceId,
        clinicianId: w.b.practice.owner.id,
        locationId: w.b.locationId,
        startsAt: '2026-03-10T15:00:00.000Z',
        timeZone: 'UTC',
      },
      own: true,
    },
  ],
  'POST /api/portal/:slug/appointment-requests/:id/cancel': (w) => [
    { params: { slug: w.a.practice.slug, id: w.b.requestId }, own: true },
  ],
  'POST /api/portal/:slug/appointments/:id/cancel': (w) => [
    { params: { slug: w.a.practice.slug, id: w.b.requestId }, own: true },
  ],
  'PUT /api/portal/:slug/time-zone': (w) => [
    { params: { slug: w.a.practice.slug }, body: { timeZone: 'Europe/London' }, own: true },
  ],
  // A's owner has no membership in B: switching there is not found.
  'POST /api/session/switch-practice': (w) => [{ body: { practiceId: w.b.practice.id } }],
};

/** Fastify answers HEAD with the GET handler, so a HEAD route is called like its GET twin. */
function caseFor(route: RouteEntry): ((w: World) => Call[]) | undefined {
  return cases[routeKey(route)] ?? (route.method === 'HEAD' ? cases[`GET ${route.url}`] : undefined);
}

/**
 * The staff event stream never ends, so inject() cannot call it; messaging.events.test.ts checks
 * over a real socket that a practice's stream carries none of another practice's events.
 */
const eventStreams = new Set(['GET /api/events', 'HEAD /api/events']);

// The route table comes from a real app, so this list grows with the app.
const routes = await (async () => {
  const probe = await buildTestApp();
  try {
    return apiRoutes(probe.app).filter((route) => !eventStreams.has(routeKey(route)));
  } finally {
    await probe.close();
  }
})();

let t: TestApp;
let w: World;

beforeEach(async () => {
  t = await buildTestApp();
  const practiceA = await createPractice(t.deps);
  const practiceB = await createPractice(t.deps);
  const client = await createClient(t.deps, practiceB.id, {
    firstName: 'Persephone',
    lastName: `Quillfeather-${practiceB.slug}`,
    emails: [
      { address: `persephone.${practiceB.slug}@b-practice.test`, type: 'home', emailOk: true, isPrimary: true },
      { address: `p.work.${practiceB.slug}@b-practice.test`, type: 'work', emailOk: false, isPrimary: false },
    ],
  });
  const archived = await setArchived(
    systemContext(t.deps, practiceB.id),
    (await createClient(t.deps, practiceB.id, { firstName: `Archibald-${practiceB.slug}` })).id,
    true,
  );
  const outboxId = await enqueueEmail(t.deps.db, t.deps, {
    practiceId: practiceB.id,
    clientId: client.id,
    kind: 'test',
    to: client.emails[0]?.address ?? '',
    subject: `For ${client.firstName}`,
    html: `<p>${client.lastName}</p>`,
    text: client.lastName,
  });
  const agentB = await signInAs(t.app, practiceB.owner.email);
  const sessionId = (await agentB.get('/api/account/sessions')).json<{ id: string }[]>()[0]?.id ?? '';
  const messageText = `Confidential note ${practiceB.slug}`;
  const invited = await agentB.post(`/api/clients/${client.id}/portal/invitations`, {
    emailId: client.emails[0]?.id,
    message: 'Welcome.',
  });
  expect(invited.statusCode, invited.body).toBe(200);
  const invitation = await t.deps.db
    .selectFrom('outbox')
    .select('text')
    .where('client_id', '=', client.id)
    .where('kind', '!=', 'test')
    .executeTakeFirstOrThrow();
  const portalToken = /#token=([A-Za-z0-9_-]+)/.exec(invitation.text)?.[1];
  if (!portalToken) throw new Error('no sign-in link in the invitation email');
  const sent = await postMessage(agentB, `/api/clients/${client.id}/messages`, {
    body: messageText,
    files: [{ name: `${practiceB.slug}.pdf`, data: sampleFiles.pdf() }],
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const message = sent.json<Message>();
  const service = await createService(t.deps, practiceB.id, {
    onlineRequests: true,
    clinicianIds: [practiceB.owner.id],
  });
  const location = await createLocation(t.deps, practiceB.id);
  const request = await createAppointmentRequest(t.deps, practiceB.id, {
    clientId: client.id,
    serviceId: service.id,
    clinicianId: practiceB.owner.id,
    locationId: location.id,
    startsAt: '2026-03-10T15:00:00.000Z',
    endsAt: '2026-03-10T15:50:00.000Z',
  });
  const timeOff = await agentB.post(`/api/availability/${practiceB.owner.id}/time-off`, {
    startsAt: '2026-03-20T00:00:00.000Z',
    endsAt: '2026-03-21T00:00:00.000Z',
  });
  expect(timeOff.statusCode, timeOff.body).toBe(201);
  const appointment = await createAppointment(t.deps, practiceB.id, {
    clientId: client.id,
    serviceId: service.id,
    clinicianId: practiceB.owner.id,
    locationId: location.id,
    startsAt: '2027-03-01T10:00:00.000Z',
    endsAt: '2027-03-01T10:50:00.000Z',
  });
  const template = await createDocumentTemplate(t.deps, practiceB.id, { name: `Intake ${practiceB.slug}` });
  await shareWithClient(t.deps, practiceB.id, client.id, [template.id], {
    invitation: { emailId: client.emails[0]?.id ?? '', message: 'Welcome.' },
  });
  const sharedDocument = await t.deps.db
    .selectFrom('shared_documents')
    .select('id')
    .where('client_id', '=', client.id)
    .executeTakeFirstOrThrow();
  const fileDocument = await createSharedDocument(t.deps, practiceB.id, client.id, { content: formWithFiles });
  const questionFile = await createQuestionFile(t.deps, practiceB.id, client.id, fileDocument.id, 'card');
  const completedWithFile = await createCompletedDocumentWithFile(t.deps, practiceB.id, client.id);
  w = {
    a: {
      practice: practiceA,
      client: await createClient(t.deps, practiceA.id),
      agent: await signInAs(t.app, practiceA.owner.email),
    },
    b: {
      practice: practiceB,
      client,
      archived,
      outboxId,
      portalToken,
      messageId: message.id,
      attachmentId: message.attachments[0]?.id ?? '',
      messageText,
      sessionId,
      invitation: await createInvitation(t.deps, practiceB.id, { email: `invitee.${practiceB.slug}@b-practice.test` }),
      documentId: (await createSharedDocument(t.deps, practiceB.id, client.id)).id,
      requestId: request.id,
      timeOffId: timeOff.json<{ id: string }>().id,
      serviceId: service.id,
      locationId: location.id,
      appointmentId: appointment.id,
      templateId: template.id,
      sharedDocumentId: sharedDocument.id,
      clientFileId: (await createClientFile(t.deps, practiceB.id, client.id)).id,
      fileDocumentId: fileDocument.id,
      questionFileId: questionFile.fileId,
      completedFileDocumentId: completedWithFile.documentId,
      completedQuestionFileId: completedWithFile.file.fileId,
      invoiceId: (await createInvoice(t.deps, practiceB.id, client.id)).id,
      paymentId: (await createPayment(t.deps, practiceB.id, client.id, { receivedOn: '2026-03-01' })).id,
      statementId: (await createBillingDocument(t.deps, practiceB.id, client.id, 'statement')).id,
      superbillId: (await createBillingDocument(t.deps, practiceB.id, client.id, 'superbill')).id,
      billableItemId: '',
    },
  };
  await createClientBilling(t.deps, practiceB.id, client.id, { memberId: billingSecretOfB });
  w.b.billableItemId = (await createBillableItem(t.deps, practiceB.id, client.id, practiceB.owner.id)).id;
  await createClinicianBilling(t.deps, practiceB.id, practiceB.owner.id);
});
afterEach(async () => {
  await t.close();
});

/** Strings that identify B's practice, its clients and their emails; none may reach A. */
/** The insurance member ID of B's client. */
const billingSecretOfB = 'MEMBER-B-5521907';

function secretsOfB(): string[] {
  const { practice, client, archived, outboxId, portalToken, messageId, attachmentId, messageText } = w.b;
  return [
    billingSecretOfB,
    portalToken,
    messageId,
    attachmentId,
    messageText,
    practice.id,
    practice.name,
    practice.slug,
    practice.owner.email,
    outboxId,
    w.b.invitation.id,
    w.b.invitation.email,
    w.b.invitation.token,
    w.b.serviceId,
    w.b.locationId,
    w.b.appointmentId,
    w.b.requestId,
    w.b.timeOffId,
    ...[client, archived].flatMap((c) => [
      c.id,
      c.firstName,
      c.lastName,
      ...c.emails.flatMap((e) => [e.id, e.address]),
    ]),
  ];
}

/**
 * Everything of B that a request could change: every row of every table with a practice_id column
 * (found by introspection, so tables added later are covered too), plus audit rows in any practice
 * that name B's clients (a view by A must not be audited against them).
 */
/**
 * The tables with a practice_id column. On PostgreSQL only this test's own schema is read: other
 * runs' schemas in the same database may be ahead of ours, or dropped while we look.
 */
async function tablesWithPracticeId(): Promise<string[]> {
  const { db } = t.deps;
  const schema = testSchemaOf(t.databaseUrl);
  if (schema === undefined) {
    const tables = await db.introspection.getTables();
    return tables.filter((table) => table.columns.some((c) => c.name === 'practice_id')).map((table) => table.name);
  }
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.columns where table_schema = ${schema} and column_name = 'practice_id'
  `.execute(db);
  return result.rows.map((row) => row.table_name);
}

async function snapshotOfB(): Promise<Record<string, string[]>> {
  const { db } = t.deps;
  const scoped = await tablesWithPracticeId();
  const snapshot: Record<string, string[]> = {};
  for (const name of scoped.sort()) {
    const result = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(name)} where practice_id = ${w.b.practice.id}`.execute(db);
    snapshot[name] = result.rows.map((row) => JSON.stringify(row)).sort();
  }
  const audit = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('client_id', 'in', [w.b.client.id, w.b.archived.id])
    .execute();
  snapshot.audit_about_b = audit.map((row) => JSON.stringify(row)).sort();
  expect(snapshot.clients, "the snapshot must see B's clients").toHaveLength(2);
  return snapshot;
}

function send(route: RouteEntry, call: Call): Promise<LightMyRequestResponse> {
  const url = fillPath(route.url, call.params ?? {}) + (call.query ? `?${call.query}` : '');
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return t.app.inject({
    method: route.method as 'GET',
    url,
    headers: { cookie: w.a.agent.cookie, 'x-csrf-token': w.a.agent.csrfToken },
    ...(hasBody ? { payload: (call.body ?? {}) as Record<string, unknown> } : {}),
  });
}

const notFoundBody = '{"error":{"code":"not_found","message":"Not found."}}';

describe('tenant isolation', () => {
  it('has a case for every route with a path parameter, and no case for a route that is gone', () => {
    const missing = routes.filter((route) => pathParams(route.url).length > 0 && !caseFor(route)).map(routeKey);
    expect(missing, 'add these routes to `cases` in test/isolation.test.ts').toEqual([]);
    const known = new Set(routes.map(routeKey));
    expect(Object.keys(cases).filter((key) => !known.has(key))).toEqual([]);
  });

  it('finds the clients routes in the route table', () => {
    expect(routes.map(routeKey)).toEqual(
      expect.arrayContaining([
        'GET /api/clients',
        'GET /api/clients/:id',
        'PUT /api/clients/:id',
        'POST /api/clients/:id/archive',
      ]),
    );
  });

  it.each(routes.map((route) => ({ ...route, name: routeKey(route) })))(
    '$name as practice A reveals and changes nothing of practice B',
    async (route) => {
      const parameterised = pathParams(route.url).length > 0;
      const make = caseFor(route);
      if (parameterised && !make)
        throw new Error(`${routeKey(route)} has no entry in \`cases\`: say which of B's ids to use`);
      const calls = make ? make(w) : [{}];
      const before = await snapshotOfB();
      for (const call of calls) {
        const response = await send(route, call);
        const label = `${routeKey(route)} ${JSON.stringify(call)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, label).toBeLessThan(500);
        if (parameterised && !call.own) {
          // With another practice's id the only answers are "not found" and "invalid".
          expect([400, 404], label).toContain(response.statusCode);
          if (response.statusCode === 404 && route.method !== 'HEAD') expect(response.body, label).toBe(notFoundBody);
        }
        const visible = response.body + JSON.stringify(response.headers);
        for (const secret of secretsOfB()) expect(visible, `${label} leaks ${secret}`).not.toContain(secret);
      }
      expect(await snapshotOfB()).toEqual(before);
    },
  );

  it("lists and searches only A's clients", async () => {
    const listed = await w.a.agent.get('/api/clients?status=all&pageSize=100');
    expect(listed.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toEqual([w.a.client.id]);
    for (const q of ['persephone', 'quillfeather', 'b-practice.test', 'archibald', w.b.client.id]) {
      const found = await w.a.agent.get(`/api/clients?status=all&q=${encodeURIComponent(q)}`);
      expect(found.json(), q).toMatchObject({ items: [], total: 0 });
    }
    // The same searches as B do find B's clients, so the searches above are not vacuous.
    const agentB = await signInAs(t.app, w.b.practice.owner.email);
    const asB = await agentB.get('/api/clients?status=all&q=persephone');
    expect(asB.json()).toMatchObject({ total: 1, items: [{ id: w.b.client.id }] });
  });
});
