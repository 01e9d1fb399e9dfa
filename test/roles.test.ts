/**
 * The role × route matrix, generated from the app's own route table as the isolation suite is:
 * every /api route is called by each kind of staff member of one practice — an owner, the client's
 * assigned clinician, a clinician not assigned to the client, a biller, a scheduler — and each
 * answer must be the one `access` says: allowed, or 404 for a client record the role may not see
 * (the same answer as an id that does not exist), or 403 for a whole area the role has no part in.
 * A route without an entry in `access` fails the test, so a new route is decided on the day it is
 * added. The rules are docs/decisions/026; the grants live in src/shared/permissions.ts.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/server/db/schema.js';
import type { Client } from '../src/shared/schemas/clients.js';
import type { Message } from '../src/shared/schemas/messages.js';
import { createClient } from './factories/clients.js';
import { createDocumentTemplate, sampleFormContent, shareWithClient } from './factories/documents.js';
import { createPractice, createStaff, factoryPassword, type FactoryPractice } from './factories/practices.js';
import { createAppointment, createLocation, createService } from './factories/scheduling.js';
import {
  consentDocument,
  createClientFile,
  createCompletedDocumentWithFile,
  createSharedDocument,
} from './factories/shared-documents.js';
import { signInAs, type Agent } from './helpers/agent.js';
import { multipartBody, postMessage, sampleFiles } from './helpers/messages.js';
import { invite, latestPortalEmail, redeemLink } from './helpers/portal.js';
import { apiRoutes, fillPath, routeKey, type RouteEntry } from './helpers/route-table.js';
import { buildTestApp, type TestApp } from './helpers/test-app.js';
import { codeAt, enrolTwoFactor } from './helpers/two-factor.js';
import {
  billingSettingsBody,
  clientBillingBody,
  clinicianBillingBody,
  recordPaymentBody,
  refundBody,
} from './helpers/billing.js';
import { createBillingDocument } from './factories/billing-documents.js';
import { createBillableItem, createInvoice, createPayment } from './factories/invoices.js';

type Role = 'owner' | 'assignedClinician' | 'otherClinician' | 'biller' | 'scheduler';

/** What a role gets: `ok` (past every permission check: not 401, 403 or 404), 403, or 404. */
type Answer = 'ok' | 'notRefused' | 403 | 404;
type Rule =
  /** Not about staff roles (sign-in, the client portal, public files, the API docs): every role alike. */
  'public' | Record<Role, Answer>;

const rule = (owner: Answer, assigned: Answer, other: Answer, biller: Answer, scheduler: Answer): Rule => ({
  owner,
  assignedClinician: assigned,
  otherClinician: other,
  biller,
  scheduler,
});

/** Anything a signed-in member does for themselves or needs to use the app (their account, the practice's name and formats). */
const anyStaff = rule('ok', 'ok', 'ok', 'ok', 'ok');
/** Settings, the audit log, the development mailbox: owners only, and nothing to hide. */
const ownerOnly = rule('ok', 403, 403, 403, 403);
/** A client's demographics and contact details: everyone, but a clinician only their own clients. */
const clientProfile = rule('ok', 'ok', 404, 'ok', 'ok');
/** A client's Client Portal tab and conversation: owners and the client's clinicians. */
const clientClinical = rule('ok', 'ok', 404, 404, 404);
/** Templates: owners write them, clinicians read them to share; billers and schedulers have no part in documents. */
const templatesRead = rule('ok', 'ok', 'ok', 403, 403);
/** The inbox as a whole: owners and clinicians (each sees their own clients' conversations). */
const inbox = rule('ok', 'ok', 'ok', 403, 403);
/** Settings → Team: owners only; called with a made-up id, the owner is only checked not to be refused. */
const team = rule('notRefused', 403, 403, 403, 403);
/** The member's own practices: anyone signed in (the call sends no valid body, so only not refused). */
const ownPractices = rule('notRefused', 'notRefused', 'notRefused', 'notRefused', 'notRefused');

/** Settings → Services and Locations, changed by owners: with a made-up id, the owner is only checked not to be refused. */
const ownerSetting = rule('notRefused', 403, 403, 403, 403);
/** The calendar: owners and schedulers every clinician's, a clinician their own; billers have no calendar. */
const calendarArea = rule('ok', 'ok', 'ok', 403, 'ok');
/** One appointment of the assigned clinician with their client: the other clinician does not reach it. */
const appointment = rule('ok', 'ok', 404, 403, 'ok');
/** Settings → Billing: owners and billers. */
const billingSettings = rule('ok', 403, 403, 'ok', 403);
/** A client's billing: owners and billers every client's, a clinician their own client's; schedulers have no part in billing. */
const clientBillingRead = rule('ok', 'ok', 404, 'ok', 403);
/** Changing it: owners and billers; a clinician reads only, whatever the client. */
const clientBillingWrite = rule('ok', 403, 403, 'ok', 403);

const access: Record<string, Rule> = {
  'GET /api/scheduling/setup': calendarArea,
  'POST /api/services': ownerOnly,
  'PUT /api/services/:id': ownerSetting,
  'POST /api/services/:id/archive': ownerSetting,
  'POST /api/services/:id/restore': ownerSetting,
  'POST /api/locations': ownerOnly,
  'PUT /api/locations/:id': ownerSetting,
  'POST /api/locations/:id/archive': ownerSetting,
  'POST /api/locations/:id/restore': ownerSetting,
  'GET /api/calendar': calendarArea,
  // Booking someone else's calendar is refused to a clinician (403), whatever the client.
  'POST /api/appointments': rule('ok', 'ok', 403, 403, 'ok'),
  'PUT /api/appointments/:id': appointment,
  'POST /api/appointments/:id/status': appointment,
  'GET /api/account': anyStaff,
  'GET /api/account/sessions': anyStaff,
  'POST /api/account/email': anyStaff,
  'POST /api/account/email/cancel': anyStaff,
  'POST /api/account/email/confirm': 'public',
  'POST /api/account/password': anyStaff,
  'POST /api/account/sessions/:id/sign-out': anyStaff,
  'POST /api/account/sessions/sign-out-others': anyStaff,
  'PUT /api/account/name': anyStaff,
  'GET /api/session': anyStaff,
  // Two-factor is each member's own (Settings → Security); requiring it and resetting a member's are the owner's.
  'GET /api/account/two-factor': anyStaff,
  'POST /api/account/two-factor/setup': anyStaff,
  'POST /api/account/two-factor/confirm': anyStaff,
  'POST /api/account/two-factor/backup-codes': anyStaff,
  'POST /api/account/two-factor/disable': anyStaff,
  'GET /api/practice/security': ownerOnly,
  'PUT /api/practice/security': ownerOnly,
  'POST /api/staff/:id/two-factor/reset': ownerOnly,
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-in/code': 'public',
  'POST /api/auth/sign-out': anyStaff,
  'POST /api/auth/forgot-password': 'public',
  'POST /api/auth/reset-password': 'public',
  'POST /api/setup': 'public',
  'POST /api/signup': 'public',
  'GET /api/practice': anyStaff,
  'GET /api/settings/practice': anyStaff,
  'GET /api/settings/date-time-format': anyStaff,
  'GET /api/settings/portal': anyStaff,
  'PUT /api/settings/practice': ownerOnly,
  'PUT /api/settings/practice/logo': ownerOnly,
  'DELETE /api/settings/practice/logo': ownerOnly,
  'PUT /api/settings/date-time-format': ownerOnly,
  'PUT /api/settings/portal': ownerOnly,
  'GET /api/practice-logos/:practiceId/:logoId': 'public',
  'GET /api/audit': ownerOnly,
  'GET /api/audit/export': ownerOnly,
  'GET /api/audit/filters': ownerOnly,
  'GET /api/dev/mailbox': ownerOnly,
  'GET /api/dev/mailbox/:id': ownerOnly,
  'GET /api/clients': anyStaff,
  // Billers do not add clients: a client comes with a clinician, which a biller does not choose.
  'POST /api/clients': rule('ok', 'ok', 'ok', 403, 'ok'),
  'GET /api/clients/:id': clientProfile,
  'PUT /api/clients/:id': clientProfile,
  'POST /api/clients/:id/archive': clientProfile,
  'POST /api/clients/:id/restore': clientProfile,
  'GET /api/clients/:id/clinicians': clientProfile,
  // Reassigning is for owners and schedulers; refused to others whatever the client.
  'PUT /api/clients/:id/clinicians': rule('ok', 403, 403, 403, 'ok'),
  'GET /api/clinicians': anyStaff,
  'GET /api/clients/:id/portal': clientClinical,
  'POST /api/clients/:id/portal/invitations': clientClinical,
  'POST /api/clients/:id/portal/disable-and-resend': clientClinical,
  'PUT /api/clients/:id/portal/permissions': clientClinical,
  'POST /api/clients/:id/portal/disable': clientClinical,
  'POST /api/clients/:id/portal/sign-in-link': clientClinical,
  'POST /api/clients/:id/portal/sign-in-code': clientClinical,
  'GET /api/clients/:id/conversation': clientClinical,
  'GET /api/clients/:id/messages': clientClinical,
  'POST /api/clients/:id/messages': clientClinical,
  'POST /api/clients/:id/messages/read': clientClinical,
  'GET /api/attachments/:id': clientClinical,
  'GET /api/document-templates': templatesRead,
  'GET /api/document-templates/:id': templatesRead,
  'POST /api/document-templates': ownerOnly,
  'PUT /api/document-templates/:id': ownerOnly,
  'POST /api/document-templates/:id/archive': ownerOnly,
  'POST /api/document-templates/:id/restore': ownerOnly,
  'POST /api/document-templates/preview': ownerOnly,
  'GET /api/clients/:id/documents': clientClinical,
  'POST /api/clients/:id/documents/shares': clientClinical,
  'POST /api/clients/:id/documents/:documentId/remind': clientClinical,
  'POST /api/clients/:id/documents/:documentId/cancel': clientClinical,
  'POST /api/clients/:id/files': clientClinical,
  'POST /api/clients/:id/files/:fileId/remove': clientClinical,
  'GET /api/conversations': inbox,
  'GET /api/conversations/unread': inbox,
  // The live stream never ends, so only its refusals are called here (see `streams`).
  'GET /api/events': inbox,
  'GET /api/team': ownerOnly,
  'POST /api/team/invitations': team,
  'POST /api/team/invitations/:id/resend': team,
  'POST /api/team/invitations/:id/revoke': team,
  'PUT /api/team/members/:id/roles': team,
  'POST /api/team/members/:id/deactivate': team,
  'POST /api/team/members/:id/reactivate': team,
  'POST /api/invitations/preview': 'public',
  'POST /api/invitations/accept': 'public',
  'GET /api/session/practices': anyStaff,
  'POST /api/session/switch-practice': ownPractices,
  'GET /api/portal/:slug': 'public',
  'GET /api/portal/:slug/me': 'public',
  'GET /api/portal/:slug/session': 'public',
  'GET /api/portal/:slug/messages': 'public',
  'GET /api/portal/:slug/messages/unread': 'public',
  'POST /api/portal/:slug/messages': 'public',
  'POST /api/portal/:slug/messages/read': 'public',
  'GET /api/portal/:slug/attachments/:attachmentId': 'public',
  'GET /api/portal/:slug/events': 'public',
  'GET /api/portal/:slug/documents': 'public',
  'GET /api/portal/:slug/documents/to-complete': 'public',
  'GET /api/portal/:slug/documents/:documentId': 'public',
  'POST /api/portal/:slug/documents/:documentId/open': 'public',
  'PUT /api/portal/:slug/documents/:documentId/draft': 'public',
  'POST /api/portal/:slug/documents/:documentId/submit': 'public',
  'GET /api/portal/:slug/documents/:documentId/pdf': 'public',
  'GET /api/portal/:slug/client-files/:fileId': 'public',
  'PUT /api/portal/:slug/documents/:documentId/questions/:questionId/file': 'public',
  'DELETE /api/portal/:slug/documents/:documentId/questions/:questionId/file': 'public',
  'GET /api/portal/:slug/documents/:documentId/files/:fileId': 'public',
  // A completed document's answers, PDF and the files the client uploaded to it are clinical
  // records: owners and the client's clinicians.
  'GET /api/clients/:clientId/documents/:documentId/completed': clientClinical,
  'GET /api/clients/:clientId/documents/:documentId/pdf': clientClinical,
  'GET /api/clients/:clientId/documents/:documentId/files/:fileId': clientClinical,
  'POST /api/portal/:slug/sign-in/request': 'public',
  'POST /api/portal/:slug/sign-in/code': 'public',
  'POST /api/portal/:slug/sign-in/link': 'public',
  'POST /api/portal/:slug/sign-in/new-link': 'public',
  'POST /api/portal/:slug/sign-out': 'public',
  // Availability: owners and schedulers keep every clinician's (called on the assigned clinician's), a clinician their own.
  'GET /api/availability/:clinicianId': rule('ok', 'ok', 403, 403, 'ok'),
  'PUT /api/availability/:clinicianId/blocks': rule('ok', 'ok', 403, 403, 'ok'),
  'POST /api/availability/:clinicianId/time-off': rule('ok', 'ok', 403, 403, 'ok'),
  // Called with an id that is no time off: found by nobody, refused to those with no part in it.
  'DELETE /api/availability/:clinicianId/time-off/:id': rule(404, 404, 403, 403, 404),
  'GET /api/settings/appointment-requests': ownerOnly,
  'PUT /api/settings/appointment-requests': ownerOnly,
  // The Requests inbox: owners and schedulers every clinician's, a clinician their own; billers none.
  'GET /api/appointment-requests': rule('ok', 'ok', 'ok', 403, 'ok'),
  'GET /api/appointment-requests/count': rule('ok', 'ok', 'ok', 403, 'ok'),
  // Called with an id that is no request (appointment-requests tests answer real ones).
  'POST /api/appointment-requests/:id/accept': rule(404, 404, 404, 403, 404),
  'POST /api/appointment-requests/:id/decline': rule(404, 404, 404, 403, 404),
  'GET /api/portal/:slug/appointments': 'public',
  'GET /api/portal/:slug/billing': 'public',
  'GET /api/portal/:slug/billing/balance': 'public',
  'GET /api/portal/:slug/billing/invoices/:invoiceId/pdf': 'public',
  'GET /api/portal/:slug/billing/documents/:documentId/pdf': 'public',
  'GET /api/portal/:slug/appointment-options': 'public',
  'GET /api/portal/:slug/appointment-slots': 'public',
  'POST /api/portal/:slug/appointment-requests': 'public',
  'POST /api/portal/:slug/appointment-requests/:id/cancel': 'public',
  'POST /api/portal/:slug/appointments/:id/cancel': 'public',
  'PUT /api/portal/:slug/time-zone': 'public',
  'GET /api/settings/billing': billingSettings,
  'PUT /api/settings/billing': billingSettings,
  'PUT /api/settings/billing/clinicians/:id': billingSettings,
  'GET /api/clients/:id/billing': clientBillingRead,
  'PUT /api/clients/:id/billing': clientBillingWrite,
  'GET /api/clients/:id/payments': clientBillingRead,
  'POST /api/clients/:id/payments': clientBillingWrite,
  'POST /api/clients/:id/credit/apply': clientBillingWrite,
  'POST /api/clients/:id/payments/:paymentId/refunds': clientBillingWrite,
  'GET /api/clients/:id/balance': clientBillingRead,
  /** The practice's aging: owners and billers every client, a clinician their own clients; schedulers none. */
  'GET /api/billing/aging': rule('ok', 'ok', 'ok', 'ok', 403),
  'GET /api/clients/:id/statements': clientBillingRead,
  'POST /api/clients/:id/statements': clientBillingWrite,
  'GET /api/clients/:clientId/statements/:documentId/pdf': clientBillingRead,
  'GET /api/clients/:id/superbills': clientBillingRead,
  'POST /api/clients/:id/superbills': clientBillingWrite,
  'GET /api/clients/:clientId/superbills/:documentId/pdf': clientBillingRead,
  'GET /api/clients/:id/invoices': clientBillingRead,
  'POST /api/clients/:id/invoices': clientBillingWrite,
  'GET /api/invoices/:id': clientBillingRead,
  'GET /api/invoices/:id/pdf': clientBillingRead,
  'POST /api/invoices/:id/void': clientBillingWrite,
  'POST /api/invoices/:id/reissue': clientBillingWrite,
  'PUT /api/billable-items/:id': clientBillingWrite,
};

const streams = new Set(['GET /api/events']);

interface World {
  practice: FactoryPractice;
  staff: Record<Role, { id: string; email: string; agent: Agent }>;
  /** Assigned to the assigned clinician (primary) and the owner; invited, signed in to the portal, with a message and an attachment. */
  client: Client;
  /** Assigned likewise, not invited yet. */
  newcomer: Client;
  messageId: string;
  attachmentId: string;
  outboxId: string;
  /** A document the client completed. */
  documentId: string;
}

interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Sent as multipart/form-data (a message with its text, a file). */
  multipart?: Parameters<typeof multipartBody>[0];
}

const profileBody = (client: Client) => ({
  firstName: client.firstName,
  lastName: client.lastName,
  preferredName: 'Rae',
  dateOfBirth: client.dateOfBirth,
  phone: client.phone,
  emails: client.emails.map(({ id, address, type, emailOk, isPrimary }) => ({ id, address, type, emailOk, isPrimary })),
});

/** The call each role makes: on the client where a route is about one, with a valid body. */
const calls: Record<string, (w: World, role: Role) => Call | Promise<Call>> = {
  'GET /api/clients/:id': (w) => ({ params: { id: w.client.id } }),
  'PUT /api/clients/:id': (w) => ({ params: { id: w.client.id }, body: profileBody(w.client) }),
  'POST /api/clients/:id/archive': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/restore': (w) => ({ params: { id: w.client.id } }),
  'GET /api/clients/:id/clinicians': (w) => ({ params: { id: w.client.id } }),
  'PUT /api/clients/:id/clinicians': (w) => ({
    params: { id: w.client.id },
    body: { primaryId: w.staff.assignedClinician.id, otherIds: [w.practice.owner.id] },
  }),
  'POST /api/clients': (w, role) => ({
    body: {
      firstName: 'Nadia',
      lastName: `New-${role}`,
      emails: [],
      ...(role === 'owner' || role === 'scheduler'
        ? { clinicians: { primaryId: w.staff.assignedClinician.id, otherIds: [] } }
        : {}),
    },
  }),
  'GET /api/clients/:id/portal': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/portal/invitations': (w) => ({
    params: { id: w.newcomer.id },
    body: { emailId: w.newcomer.emails[0]?.id, message: 'Welcome.' },
  }),
  'POST /api/clients/:id/portal/disable-and-resend': (w) => ({
    params: { id: w.client.id },
    body: { emailId: w.client.emails[0]?.id, message: 'Welcome back.' },
  }),
  'PUT /api/clients/:id/portal/permissions': (w) => ({
    params: { id: w.client.id },
    body: { appointments: true, messaging: true, billing: true, pay: false },
  }),
  'POST /api/clients/:id/portal/disable': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/portal/sign-in-link': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/portal/sign-in-code': (w) => ({ params: { id: w.client.id } }),
  'GET /api/clients/:id/conversation': (w) => ({ params: { id: w.client.id } }),
  'GET /api/clients/:id/messages': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/messages': (w) => ({ params: { id: w.client.id }, multipart: { body: 'See you Tuesday.' } }),
  'GET /api/document-templates/:id': async (w) => ({ params: { id: (await templateOf(w)).id } }),
  'PUT /api/document-templates/:id': async (w) => ({
    params: { id: (await templateOf(w)).id },
    body: { name: 'Renamed', content: sampleFormContent },
  }),
  'POST /api/document-templates': () => ({ body: { name: 'Intake', content: sampleFormContent } }),
  'POST /api/document-templates/:id/archive': async (w) => ({ params: { id: (await templateOf(w)).id } }),
  'POST /api/document-templates/:id/restore': async (w) => {
    const { id } = await templateOf(w);
    await t.deps.db
      .updateTable('document_templates')
      .set({ archived_at: t.deps.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    return { params: { id } };
  },
  'POST /api/document-templates/preview': () => ({ body: { markdown: '# Consent' } }),
  'POST /api/clients/:id/documents/shares': async (w) => ({
    params: { id: w.client.id },
    body: { templateIds: [(await templateOf(w)).id] },
  }),
  'POST /api/clients/:id/documents/:documentId/remind': async (w) => ({
    params: { id: w.client.id, documentId: await sharedDocumentOf(w) },
  }),
  'POST /api/clients/:id/documents/:documentId/cancel': async (w) => ({
    params: { id: w.client.id, documentId: await sharedDocumentOf(w) },
  }),
  'POST /api/clients/:id/files': (w) => ({
    params: { id: w.client.id },
    multipart: { files: [{ name: 'Handout.pdf', data: sampleFiles.pdf() }], fileField: 'file' },
  }),
  'POST /api/clients/:id/files/:fileId/remove': async (w) => ({
    params: { id: w.client.id, fileId: (await createClientFile(t.deps, w.practice.id, w.client.id)).id },
  }),
  'POST /api/account/email': (w, role) => ({
    body: { email: `renamed-${role}@example.test`, currentPassword: factoryPassword },
  }),
  'POST /api/clients/:id/messages/read': (w) => ({ params: { id: w.client.id }, body: { upTo: w.messageId } }),
  'GET /api/attachments/:id': (w) => ({ params: { id: w.attachmentId } }),
  'GET /api/clients/:clientId/documents/:documentId/completed': (w) => ({
    params: { clientId: w.client.id, documentId: w.documentId },
  }),
  'GET /api/clients/:clientId/documents/:documentId/pdf': (w) => ({
    params: { clientId: w.client.id, documentId: w.documentId },
  }),
  'GET /api/portal/:slug/documents/:documentId': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId },
  }),
  'POST /api/portal/:slug/documents/:documentId/open': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId },
  }),
  'PUT /api/portal/:slug/documents/:documentId/draft': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId },
    body: { answers: {} },
  }),
  'POST /api/portal/:slug/documents/:documentId/submit': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId },
    body: { answers: {} },
  }),
  'GET /api/portal/:slug/documents/:documentId/pdf': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId },
  }),
  'GET /api/portal/:slug/billing/invoices/:invoiceId/pdf': (w) => ({
    params: { slug: w.practice.slug, invoiceId: w.documentId },
  }),
  'GET /api/portal/:slug/billing/documents/:documentId/pdf': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId },
  }),
  'GET /api/portal/:slug/client-files/:fileId': (w) => ({ params: { slug: w.practice.slug, fileId: w.documentId } }),
  'PUT /api/portal/:slug/documents/:documentId/questions/:questionId/file': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId, questionId: 'card' },
    multipart: { files: [{ name: 'card.pdf', data: sampleFiles.pdf() }], fileField: 'file' },
  }),
  'DELETE /api/portal/:slug/documents/:documentId/questions/:questionId/file': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId, questionId: 'card' },
  }),
  'GET /api/portal/:slug/documents/:documentId/files/:fileId': (w) => ({
    params: { slug: w.practice.slug, documentId: w.documentId, fileId: w.documentId },
  }),
  'GET /api/clients/:clientId/documents/:documentId/files/:fileId': async (w) => {
    const { documentId, file } = await createCompletedDocumentWithFile(t.deps, w.practice.id, w.client.id);
    return { params: { clientId: w.client.id, documentId, fileId: file.fileId } };
  },
  'GET /api/dev/mailbox/:id': (w) => ({ params: { id: w.outboxId } }),
  'GET /api/practice-logos/:practiceId/:logoId': (w) => ({
    params: { practiceId: w.practice.id, logoId: w.messageId },
  }),
  'POST /api/account/sessions/:id/sign-out': async (w, role) => {
    // Another session of the member's own: signing it out is theirs to do.
    const other = await signInAs(t.app, w.staff[role].email);
    const sessions = (await other.get('/api/account/sessions')).json<{ id: string; current: boolean }[]>();
    return { params: { id: sessions.find((s) => s.current)?.id ?? '' } };
  },
  'PUT /api/account/name': () => ({ body: { name: 'Renamed Member' } }),
  'POST /api/account/password': () => ({
    body: { currentPassword: factoryPassword, newPassword: 'another long passphrase' },
  }),
  'POST /api/team/invitations': (w, role) => ({
    body: { name: 'New Member', email: `invited-by-${role}@example.test`, roles: ['clinician'], message: null },
  }),
  'PUT /api/team/members/:id/roles': (w) => ({
    params: { id: w.staff.assignedClinician.id },
    body: { roles: ['clinician', 'biller'] },
  }),
  'PUT /api/settings/date-time-format': () => ({ body: { dateOrder: 'day-first', clock: '24-hour' } }),
  // Each member's own two-factor, with a right code from their own set-up (computed as the app would).
  'POST /api/account/two-factor/confirm': async (w, role) => {
    const setUp = await w.staff[role].agent.post('/api/account/two-factor/setup');
    const { secret } = setUp.json<{ secret: string }>();
    return { body: { code: await codeAt(secret, t.deps.clock.now()) } };
  },
  'POST /api/account/two-factor/backup-codes': async (w, role) => ({
    body: { code: await laterCode(await enrolTwoFactor(w.staff[role].agent, t.deps.clock)) },
  }),
  'POST /api/account/two-factor/disable': async (w, role) => ({
    body: {
      password: factoryPassword,
      code: await laterCode(await enrolTwoFactor(w.staff[role].agent, t.deps.clock)),
    },
  }),
  // Not requiring it: requiring needs the owner's own two-factor first, a rule of its own (two-factor.test.ts).
  'PUT /api/practice/security': () => ({ body: { requireTwoFactor: false } }),
  'POST /api/staff/:id/two-factor/reset': (w) => ({ params: { id: w.staff.assignedClinician.id } }),
  'PUT /api/settings/practice': (w) => ({
    body: { name: w.practice.name, address: null, phone: null, timeZone: 'America/New_York', slug: w.practice.slug },
  }),
  'POST /api/services': () => ({
    body: {
      name: 'Intake',
      cptCode: '90791',
      durationMinutes: 60,
      feeMinor: 20000,
      onlineRequests: false,
      clinicianIds: [],
    },
  }),
  'PUT /api/services/:id': () => ({
    body: { name: 'Intake', cptCode: null, durationMinutes: 60, feeMinor: 0, onlineRequests: false, clinicianIds: [] },
  }),
  'POST /api/locations': () => ({ body: { kind: 'in_person', name: 'Annex', address: '1 Main Street' } }),
  'PUT /api/locations/:id': () => ({ body: { kind: 'telehealth', name: 'Video', videoLink: null } }),
  'GET /api/calendar': () => ({ query: 'from=2026-03-09T00:00:00.000Z&to=2026-03-16T00:00:00.000Z' }),
  'POST /api/appointments': async (w, role) => ({ body: await bookingBody(w, role) }),
  'PUT /api/appointments/:id': async (w, role) => ({
    params: { id: await appointmentOf(w, role) },
    body: { ...(await bookingBody(w, role)), date: '2026-03-12' },
  }),
  'POST /api/appointments/:id/status': async (w, role) => ({
    params: { id: await appointmentOf(w, role) },
    body: { status: 'attended' },
  }),
  'GET /api/availability/:clinicianId': (w) => ({ params: { clinicianId: w.staff.assignedClinician.id } }),
  'PUT /api/availability/:clinicianId/blocks': (w) => ({
    params: { clinicianId: w.staff.assignedClinician.id },
    body: { blocks: [] },
  }),
  'POST /api/availability/:clinicianId/time-off': (w) => ({
    params: { clinicianId: w.staff.assignedClinician.id },
    body: { startsAt: '2026-04-01T00:00:00.000Z', endsAt: '2026-04-02T00:00:00.000Z', note: null },
  }),
  'DELETE /api/availability/:clinicianId/time-off/:id': (w) => ({
    params: { clinicianId: w.staff.assignedClinician.id, id: w.client.id },
  }),
  'PUT /api/settings/appointment-requests': () => ({
    body: {
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
    },
  }),
  'POST /api/appointment-requests/:id/decline': () => ({ body: { reason: 'Away that week.' } }),
  'PUT /api/settings/billing': () => ({
    body: billingSettingsBody(),
  }),
  'PUT /api/settings/billing/clinicians/:id': (w) => ({
    params: { id: w.staff.assignedClinician.id },
    body: clinicianBillingBody(),
  }),
  'GET /api/clients/:id/billing': (w) => ({ params: { id: w.client.id } }),
  'PUT /api/clients/:id/billing': (w) => ({
    params: { id: w.client.id },
    body: clientBillingBody(),
  }),
  'GET /api/clients/:id/payments': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/payments': (w) => ({ params: { id: w.client.id }, body: recordPaymentBody() }),
  'POST /api/clients/:id/credit/apply': async (w) => {
    await createInvoice(t.deps, w.practice.id, w.client.id);
    await createPayment(t.deps, w.practice.id, w.client.id, { amountMinor: 1_000 });
    return { params: { id: w.client.id }, body: { allocation: 'oldest' } };
  },
  'POST /api/clients/:id/payments/:paymentId/refunds': async (w) => {
    const { id } = await createPayment(t.deps, w.practice.id, w.client.id, { receivedOn: '2026-03-01' });
    return { params: { id: w.client.id, paymentId: id }, body: refundBody() };
  },
  'GET /api/clients/:id/balance': (w) => ({ params: { id: w.client.id } }),
  'GET /api/clients/:id/statements': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/statements': (w) => ({
    params: { id: w.client.id },
    body: { periodStart: '2026-03-01', periodEnd: '2026-03-31' },
  }),
  'GET /api/clients/:clientId/statements/:documentId/pdf': async (w) => ({
    params: {
      clientId: w.client.id,
      documentId: (await createBillingDocument(t.deps, w.practice.id, w.client.id, 'statement')).id,
    },
  }),
  'GET /api/clients/:id/superbills': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/superbills': (w) => ({
    params: { id: w.client.id },
    body: { periodStart: '2026-03-01', periodEnd: '2026-03-31' },
  }),
  'GET /api/clients/:clientId/superbills/:documentId/pdf': async (w) => ({
    params: {
      clientId: w.client.id,
      documentId: (await createBillingDocument(t.deps, w.practice.id, w.client.id, 'superbill')).id,
    },
  }),
  'GET /api/clients/:id/invoices': (w) => ({ params: { id: w.client.id } }),
  'POST /api/clients/:id/invoices': async (w) => {
    const item = await createBillableItem(t.deps, w.practice.id, w.client.id, w.staff.assignedClinician.id);
    return { params: { id: w.client.id }, body: { items: [{ id: item.id, feeMinor: 12_000 }] } };
  },
  'GET /api/invoices/:id': async (w) => ({
    params: { id: (await createInvoice(t.deps, w.practice.id, w.client.id)).id },
  }),
  'GET /api/invoices/:id/pdf': async (w) => ({
    params: { id: (await createInvoice(t.deps, w.practice.id, w.client.id)).id },
  }),
  'POST /api/invoices/:id/void': async (w) => ({
    params: { id: (await createInvoice(t.deps, w.practice.id, w.client.id)).id },
    body: { reason: 'Billed in error' },
  }),
  'POST /api/invoices/:id/reissue': async (w) => {
    const item = await createBillableItem(t.deps, w.practice.id, w.client.id, w.staff.assignedClinician.id);
    return {
      params: { id: (await createInvoice(t.deps, w.practice.id, w.client.id)).id },
      body: { reason: 'Corrected fee', items: [{ id: item.id, feeMinor: 12_000 }] },
    };
  },
  'PUT /api/billable-items/:id': async (w) => {
    const item = await createBillableItem(t.deps, w.practice.id, w.client.id, w.staff.assignedClinician.id);
    return { params: { id: item.id }, body: { feeMinor: 12_000 } };
  },
  'PUT /api/settings/portal': async (w) => {
    const settings = (await w.staff.owner.agent.get('/api/settings/portal')).json<Record<string, unknown>>();
    return {
      body: { enabled: settings.enabled, defaults: settings.defaults, welcomeMessage: settings.welcomeMessage },
    };
  },
};

/** A service the assigned clinician offers and a location, for the calendar's calls. */
async function bookable(w: World): Promise<{ serviceId: string; locationId: string }> {
  const service = await createService(t.deps, w.practice.id, { clinicianIds: [w.staff.assignedClinician.id] });
  const location = await createLocation(t.deps, w.practice.id);
  return { serviceId: service.id, locationId: location.id };
}

/** Each role books its own hour on 10 March, so no call is refused for the time. */
const bookingHour: Record<Role, string> = {
  owner: '09:00',
  assignedClinician: '10:00',
  otherClinician: '11:00',
  biller: '12:00',
  scheduler: '13:00',
};

async function bookingBody(w: World, role: Role) {
  return {
    clientId: w.client.id,
    clinicianId: w.staff.assignedClinician.id,
    ...(await bookable(w)),
    date: '2026-03-10',
    time: bookingHour[role],
  };
}

/** An appointment of the assigned clinician with the client, at the role's hour on 11 March. */
async function appointmentOf(w: World, role: Role): Promise<string> {
  const { serviceId, locationId } = await bookable(w);
  const startsAt = `2026-03-11T${bookingHour[role]}:00.000Z`;
  const created = await createAppointment(t.deps, w.practice.id, {
    clientId: w.client.id,
    clinicianId: w.staff.assignedClinician.id,
    serviceId,
    locationId,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 50 * 60_000).toISOString(),
  });
  return created.id;
}

/** A template of the practice's, new for each call. */
const templateOf = (w: World) => createDocumentTemplate(t.deps, w.practice.id);

/** A document shared with the client (who has access), new for each call. */
async function sharedDocumentOf(w: World): Promise<string> {
  const template = await templateOf(w);
  await shareWithClient(t.deps, w.practice.id, w.client.id, [template.id]);
  const row = await t.deps.db
    .selectFrom('shared_documents')
    .select('id')
    .where('template_id', '=', template.id)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A code of a later time step than the one set-up used (a code is accepted once). */
async function laterCode({ secret }: { secret: string }): Promise<string> {
  t.deps.clock.advanceMinutes(1);
  return codeAt(secret, t.deps.clock.now());
}

/** Fastify answers HEAD with the GET handler: a HEAD route is called and ruled like its GET twin. */
const twin = (route: RouteEntry) => (route.method === 'HEAD' ? `GET ${route.url}` : routeKey(route));
const isDocs = (route: RouteEntry) => route.url.startsWith('/api/docs');

const routes = await (async () => {
  const probe = await buildTestApp();
  try {
    return apiRoutes(probe.app).filter((route) => !isDocs(route));
  } finally {
    await probe.close();
  }
})();

let t: TestApp;
let w: World;

beforeEach(async () => {
  t = await buildTestApp();
  const practice = await createPractice(t.deps);
  const member = async (name: string, memberRoles: readonly StaffRole[]) => {
    const created = await createStaff(t.deps, practice.id, { roles: memberRoles, name });
    return { ...created, agent: await signInAs(t.app, created.email) };
  };
  const assignedClinician = await member('Dr. Assigned Clinician', ['clinician']);
  const staff: World['staff'] = {
    owner: { ...practice.owner, agent: await signInAs(t.app, practice.owner.email) },
    assignedClinician,
    otherClinician: await member('Dr. Other Clinician', ['clinician']),
    biller: await member('Bill Biller', ['biller']),
    scheduler: await member('Sam Scheduler', ['scheduler']),
  };
  const clinicians = { primaryId: assignedClinician.id, otherIds: [practice.owner.id] };
  const client = await createClient(t.deps, practice.id, {}, { clinicians });
  const newcomer = await createClient(t.deps, practice.id, {}, { clinicians });
  const emailId = client.emails[0]?.id ?? '';
  expect((await invite(t.deps, staff.owner.agent, client.id, emailId)).statusCode).toBe(200);
  const { token, row } = await latestPortalEmail(t.deps, client.emails[0]?.address ?? '');
  const { agent: clientAgent } = await redeemLink(t.app, practice, token);
  if (!clientAgent) throw new Error('the client could not sign in');
  const sent = await postMessage(clientAgent, `/api/portal/${practice.slug}/messages`, {
    body: 'A question',
    files: [{ name: 'form.pdf', data: sampleFiles.pdf() }],
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const message = sent.json<Message>();
  const document = await createSharedDocument(t.deps, practice.id, client.id, { content: consentDocument });
  const signed = await clientAgent.post(`/api/portal/${practice.slug}/documents/${document.id}/submit`, {
    answers: { signature: { method: 'typed', signerName: 'Ada Lovelace', consentToSign: true } },
  });
  expect(signed.statusCode, signed.body).toBe(200);
  w = {
    practice,
    staff,
    client,
    newcomer,
    messageId: message.id,
    attachmentId: message.attachments[0]?.id ?? '',
    outboxId: row.id,
    documentId: document.id,
  };
});

afterEach(async () => {
  await t.close();
});

async function send(route: RouteEntry, role: Role): Promise<LightMyRequestResponse> {
  const make = calls[twin(route)];
  const call = make ? await make(w, role) : {};
  const defaults = {
    id: w.client.id,
    slug: w.practice.slug,
    attachmentId: w.attachmentId,
    practiceId: w.practice.id,
    logoId: w.messageId,
  };
  const url = fillPath(route.url, { ...defaults, ...call.params }) + (call.query ? `?${call.query}` : '');
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  const { agent } = w.staff[role];
  if (call.multipart) {
    const { payload, contentType } = await multipartBody(call.multipart);
    return agent.request('POST', url, payload, { headers: { 'content-type': contentType } });
  }
  return t.app.inject({
    method: route.method as 'GET',
    url,
    headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
    ...(hasBody ? { payload: (call.body ?? {}) as Record<string, unknown> } : {}),
  });
}

const notFoundBody = '{"error":{"code":"not_found","message":"Not found."}}';

/** Those who only read go first; the owner last, so their changes do not decide the others' answers. */
const order: readonly Role[] = ['otherClinician', 'biller', 'scheduler', 'assignedClinician', 'owner'];

describe('the role × route matrix', () => {
  it('has a rule for every route, and none for a route that is gone', () => {
    const missing = routes.filter((route) => !access[twin(route)]).map(routeKey);
    expect(missing, 'add these routes to `access` in test/roles.test.ts').toEqual([]);
    const known = new Set(routes.map(twin));
    expect(Object.keys(access).filter((key) => !known.has(key))).toEqual([]);
  });

  it.each(routes.filter((route) => access[twin(route)] !== 'public').map((r) => ({ ...r, name: routeKey(r) })))(
    '$name answers each role as its rule says',
    async (route) => {
      const ruled = access[twin(route)];
      if (!ruled || ruled === 'public') throw new Error(`${routeKey(route)} has no rule in \`access\``);
      for (const role of order) {
        const expected = ruled[role];
        // An allowed live stream stays open; its refusals answer at once.
        if (streams.has(twin(route)) && expected === 'ok') continue;
        const response = await send(route, role);
        const label = `${routeKey(route)} as ${role} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, label).toBeLessThan(500);
        if (expected === 'notRefused') {
          expect([401, 403], label).not.toContain(response.statusCode);
        } else if (expected === 'ok') {
          expect([401, 403, 404], label).not.toContain(response.statusCode);
          // Past every permission check, the call itself succeeds (the logo's owner check comes before its upload).
          if (twin(route) !== 'PUT /api/settings/practice/logo') expect(response.statusCode, label).toBeLessThan(300);
        } else {
          expect(response.statusCode, label).toBe(expected);
          if (expected === 404 && route.method !== 'HEAD') expect(response.body, label).toBe(notFoundBody);
        }
      }
    },
  );

  it('answers every role the same on routes that are not about staff roles (sign-in, the portal, public files)', async () => {
    for (const route of routes.filter((r) => access[twin(r)] === 'public' && r.method === 'GET')) {
      if (route.url.includes('/events')) continue;
      const answers = new Set<number>();
      for (const role of order) answers.add((await send(route, role)).statusCode);
      expect([...answers], routeKey(route)).toHaveLength(1);
    }
  });
});
