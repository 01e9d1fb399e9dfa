import type { RequestCount, RequestInbox } from '../../../shared/schemas/appointment-requests.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { StaffActor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import type { Context, StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { findAccess } from '../portal-access/index.js';
import { getPractice, practiceDateTimeFormat } from '../practices/index.js';
import { claimClinicianTime, insertAppointment } from '../scheduling/index.js';
import { toInboxRequest } from './requests.dto.js';
import {
  appointmentIcs,
  requestAcceptedEmail,
  requestDeclinedEmail,
  spokenTime,
  type AppointmentPlace,
} from './requests.emails.js';
import {
  answerPendingRequest,
  countPendingRequests,
  findLocation,
  findRequestWithNames,
  listPendingRequests,
  setRequestAppointment,
  type RequestWithNames,
} from './requests.queries.js';

/**
 * Who answers requests: owners and schedulers every clinician's (they run every calendar), a
 * clinician those made to them; billers none.
 */
function inboxReach(actor: StaffActor): { clinicianId: string | null } | null {
  if (actor.roles.includes('owner') || actor.roles.includes('scheduler')) return { clinicianId: null };
  if (actor.roles.includes('clinician')) return { clinicianId: actor.staffId };
  return null;
}

export async function getRequestInbox(ctx: StaffContext): Promise<RequestInbox> {
  const reach = inboxReach(ctx.actor);
  if (!reach) throw new AppError('forbidden');
  const [practice, rows] = await Promise.all([
    getPractice(ctx),
    listPendingRequests(ctx, iso(ctx.clock.now()), reach.clinicianId),
  ]);
  for (const row of rows)
    await auditIn(ctx, {
      action: 'appointment_request.viewed',
      clientId: row.client_id,
      details: { requestId: row.id },
    });
  return { items: rows.map((row) => toInboxRequest(row, practice.time_zone)) };
}

/** How many requests wait for this staff member: a number, no client's details (not audited). */
export async function countRequestInbox(ctx: StaffContext): Promise<RequestCount> {
  const reach = inboxReach(ctx.actor);
  if (!reach) throw new AppError('forbidden');
  return { pending: await countPendingRequests(ctx, iso(ctx.clock.now()), reach.clinicianId) };
}

/** The request, if the staff member may answer it; else 404 (another practice's, another clinician's). */
async function answerable(tx: StaffContext, requestId: string): Promise<RequestWithNames> {
  const reach = inboxReach(tx.actor);
  if (!reach) throw new AppError('forbidden');
  const row = await findRequestWithNames(tx, requestId);
  if (!row || (reach.clinicianId !== null && row.clinician_id !== reach.clinicianId)) throw notFound();
  return row;
}

/** Why a request can no longer be answered: someone else answered it, or its hold ran out. */
function alreadyAnswered(row: RequestWithNames, now: string): AppError {
  if (row.status === 'pending' && row.hold_expires_at <= now)
    return new AppError(
      'conflict',
      'That request has expired: its time is no longer held.',
      undefined,
      'request_expired',
    );
  return new AppError('conflict', 'That request has already been answered.', undefined, 'request_answered');
}

function clientPortalUrl(tx: Context, slug: string): string {
  return `${tx.deps.config.publicUrl}/portal/${slug}/appointments`;
}

/**
 * Accept: the request moves on from pending only if it still is (so of two staff accepting at once,
 * one wins and the other gets 409), the booking guard claims the time again, the appointment is
 * made and the client is emailed a confirmation with a calendar file, all in one transaction.
 */
export async function acceptRequest(ctx: StaffContext, requestId: string): Promise<{ appointmentId: string }> {
  return ctx.inTransaction(async (tx) => {
    const row = await answerable(tx, requestId);
    const now = tx.clock.now();
    const answered = await answerPendingRequest(
      tx,
      requestId,
      { status: 'accepted', answered_at: iso(now), answered_by: tx.actor.staffId },
      { holdingAt: iso(now) },
    );
    if (!answered) throw alreadyAnswered(row, iso(now));
    await claimClinicianTime(tx, {
      clinicianId: row.clinician_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      exceptRequestId: requestId,
      showConflicts: true,
    });
    const location = await findLocation(tx, row.location_id);
    const appointmentId = newId();
    await insertAppointment(tx, {
      id: appointmentId,
      client_id: row.client_id,
      service_id: row.service_id,
      clinician_id: row.clinician_id,
      location_id: row.location_id,
      starts_at: row.starts_at,
      ends_at: row.ends_at,
      status: 'scheduled',
      video_link: null,
      series_id: null,
      created_at: iso(now),
      created_by: tx.actor.staffId,
      updated_at: iso(now),
      updated_by: tx.actor.staffId,
    });
    await setRequestAppointment(tx, requestId, appointmentId);
    const practice = await getPractice(tx);
    const to = (await findAccess(tx, row.client_id))?.email_address;
    if (to) {
      const place: AppointmentPlace = {
        name: row.location_name,
        kind: location?.kind ?? 'in_person',
        address: location?.address ?? null,
        videoLink: location?.video_link ?? null,
      };
      const email = requestAcceptedEmail({
        practiceName: practice.name,
        clientName: row.preferred_name ?? row.first_name,
        when: spokenTime(row.starts_at, row.client_time_zone, practiceDateTimeFormat(practice)),
        place,
        url: clientPortalUrl(tx, practice.slug),
      });
      const ics = appointmentIcs({
        appointmentId,
        practiceName: practice.name,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        place,
      });
      await enqueueEmailIn(tx, {
        clientId: row.client_id,
        kind: 'appointment_confirmed',
        to,
        ...email,
        attachments: [ics],
      });
    }
    await auditIn(tx, {
      action: 'appointment_request.accepted',
      clientId: row.client_id,
      details: { requestId, appointmentId },
    });
    return { appointmentId };
  });
}

/** Decline with a reason, which is emailed to the client. */
export async function declineRequest(ctx: StaffContext, requestId: string, reason: string): Promise<void> {
  await ctx.inTransaction(async (tx) => {
    const row = await answerable(tx, requestId);
    const now = tx.clock.now();
    const answered = await answerPendingRequest(tx, requestId, {
      status: 'declined',
      decline_reason: reason,
      answered_at: iso(now),
      answered_by: tx.actor.staffId,
    });
    if (!answered) throw alreadyAnswered(row, iso(now));
    const practice = await getPractice(tx);
    const to = (await findAccess(tx, row.client_id))?.email_address;
    if (to) {
      const email = requestDeclinedEmail({
        practiceName: practice.name,
        clientName: row.preferred_name ?? row.first_name,
        when: spokenTime(row.starts_at, row.client_time_zone, practiceDateTimeFormat(practice)),
        reason,
        url: clientPortalUrl(tx, practice.slug),
      });
      await enqueueEmailIn(tx, { clientId: row.client_id, kind: 'appointment_request_declined', to, ...email });
    }
    await auditIn(tx, {
      action: 'appointment_request.declined',
      clientId: row.client_id,
      details: { requestId },
    });
  });
}
