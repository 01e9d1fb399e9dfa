import type {
  CreateRequestBody,
  FreeSlotList,
  PortalAppointment,
  PortalAppointments,
  PortalRequest,
  RequestOptions,
} from '../../../shared/schemas/appointment-requests.js';
import type { SchedulingSettingsTable } from '../../db/schema.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ClientContext, Context } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { checkSlot, freeSlots, loadSchedulingSettings, slotQueryFor } from '../availability/index.js';
import { grantOf } from '../portal-auth/index.js';
import { getPractice } from '../practices/index.js';
import { claimClinicianTime, insertAppointmentRequest, timeHoldingStatuses } from '../scheduling/index.js';
import { requestWaitingEmail } from './requests.emails.js';
import {
  answerPendingRequest,
  cancelClientAppointment,
  findClientAppointment,
  findClientTimeZone,
  findLocation,
  findRequestableService,
  findRequestWithNames,
  findStaffContact,
  isAssignedClinician,
  listClientAppointments,
  listClientRequests,
  listRequestOptionRows,
  saveClientTimeZone,
} from './requests.queries.js';
import { toPortalRequest } from './requests.dto.js';

export function requestsOff(): AppError {
  return new AppError('forbidden', 'Online appointment requests are not available.', undefined, 'requests_off');
}

/**
 * The signed-in client may use the Appointments page only while their permission Allow online
 * appointment requests is on and the practice takes requests; checked on every call.
 */
async function requireRequests(ctx: ClientContext): Promise<SchedulingSettingsTable> {
  const [grant, settings] = await Promise.all([grantOf(ctx), loadSchedulingSettings(ctx)]);
  if (!grant?.appointments || settings.requests_enabled !== 1) throw requestsOff();
  return settings;
}

function refuse(reason: string, message: string): AppError {
  return new AppError('slot_unavailable', message, undefined, reason);
}

function hours(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;
}

export async function getPortalAppointments(ctx: ClientContext): Promise<PortalAppointments> {
  const settings = await requireRequests(ctx);
  const clientId = ctx.actor.clientId;
  const now = ctx.clock.now();
  const [practice, timeZone, appointments, requests] = await Promise.all([
    getPractice(ctx),
    findClientTimeZone(ctx, clientId),
    listClientAppointments(ctx, clientId),
    listClientRequests(ctx, clientId, 50),
  ]);
  const cancelBy = (startsAt: string) =>
    settings.client_cancel_allowed === 1 &&
    Date.parse(startsAt) - now.getTime() >= settings.client_cancel_notice_minutes * 60_000;
  const toAppointment = (row: (typeof appointments)[number]): PortalAppointment => ({
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    serviceName: row.service_name,
    clinicianName: row.clinician_name,
    locationName: row.location_name,
    locationKind: row.location_kind,
    address: row.address,
    videoLink: row.video_link ?? row.location_video_link,
    mayCancel: row.status === 'scheduled' && cancelBy(row.starts_at),
  });
  const upcoming = appointments.filter((row) => row.ends_at > iso(now) && timeHoldingStatuses.includes(row.status));
  const past = appointments.filter((row) => !upcoming.includes(row)).reverse();
  await auditIn(ctx, { action: 'appointments.viewed', clientId, details: { by: 'client' } });
  return {
    timeZone,
    practiceTimeZone: practice.time_zone,
    upcoming: upcoming.map(toAppointment),
    past: past.slice(0, 50).map(toAppointment),
    requests: requests.map(toPortalRequest),
    cancelPolicy: {
      allowed: settings.client_cancel_allowed === 1,
      noticeMinutes: settings.client_cancel_notice_minutes,
    },
  };
}

export async function getRequestOptions(ctx: ClientContext): Promise<RequestOptions> {
  await requireRequests(ctx);
  const [practice, rows] = await Promise.all([getPractice(ctx), listRequestOptionRows(ctx, ctx.actor.clientId)]);
  const services = new Map<string, RequestOptions['services'][number]>();
  for (const row of rows) {
    const blockServices = JSON.parse(row.service_ids) as string[];
    if (blockServices.length > 0 && !blockServices.includes(row.service_id)) continue;
    let service = services.get(row.service_id);
    if (!service) {
      service = { id: row.service_id, name: row.service_name, durationMinutes: row.duration_minutes, clinicians: [] };
      services.set(row.service_id, service);
    }
    let clinician = service.clinicians.find((candidate) => candidate.id === row.clinician_id);
    if (!clinician) {
      clinician = { id: row.clinician_id, name: row.clinician_name, locations: [] };
      service.clinicians.push(clinician);
    }
    if (!clinician.locations.some((location) => location.id === row.location_id))
      clinician.locations.push({ id: row.location_id, name: row.location_name, kind: row.location_kind });
  }
  return { practiceTimeZone: practice.time_zone, services: [...services.values()] };
}

/** The service, clinician and location of a request, checked: a 404 for what the client cannot see, a 422 naming the rule. */
async function requestTarget(
  ctx: Context,
  clientId: string,
  ask: { serviceId: string; clinicianId: string; locationId: string },
) {
  if (!(await isAssignedClinician(ctx, clientId, ask.clinicianId))) throw notFound();
  const service = await findRequestableService(ctx, ask.serviceId, ask.clinicianId);
  if (!service) throw notFound();
  if (!service.offered) throw refuse('service_not_offered', 'That clinician does not offer this service.');
  const location = await findLocation(ctx, ask.locationId);
  if (!location) throw notFound();
  return { service, location };
}

export async function getFreeSlots(
  ctx: ClientContext,
  ask: { serviceId: string; clinicianId: string; locationId: string },
): Promise<FreeSlotList> {
  const settings = await requireRequests(ctx);
  const { service } = await requestTarget(ctx, ctx.actor.clientId, ask);
  const practice = await getPractice(ctx);
  const query = await slotQueryFor(
    ctx,
    { ...ask, durationMinutes: service.duration_minutes },
    settings,
    practice.time_zone,
    ctx.clock.now(),
  );
  return { slots: freeSlots(query).map(iso) };
}

/**
 * Asks for a time: checked against the rules (each refusal named, nothing written), then held through
 * the booking guard in the same transaction, so of two clients asking for one time exactly one wins
 * and the other gets 409 time_taken. The clinician is emailed that a request is waiting.
 */
export async function requestAppointment(ctx: ClientContext, body: CreateRequestBody): Promise<PortalRequest> {
  const clientId = ctx.actor.clientId;
  const id = await ctx.inTransaction(async (tx) => {
    const settings = await requireRequests(tx);
    const { service } = await requestTarget(tx, clientId, body);
    const practice = await getPractice(tx);
    const now = tx.clock.now();
    const start = new Date(body.startsAt);
    const query = await slotQueryFor(
      tx,
      { ...body, durationMinutes: service.duration_minutes },
      settings,
      practice.time_zone,
      now,
    );
    // The rules first, on availability alone; whether the time is free is the guard's to say.
    const refusal = checkSlot({ ...query, busy: [] }, start);
    if (refusal === 'in_the_past') throw refuse(refusal, 'That time has already passed.');
    if (refusal === 'inside_minimum_notice')
      throw refuse(refusal, `That time is too soon: requests need ${hours(settings.min_notice_minutes)}' notice.`);
    if (refusal === 'beyond_booking_window')
      throw refuse(
        refusal,
        `That time is too far ahead: requests can be made up to ${settings.booking_window_days} days ahead.`,
      );
    if (refusal !== null) throw refuse('outside_availability', 'The clinician does not take requests at that time.');
    const end = new Date(start.getTime() + service.duration_minutes * 60_000);
    const buffer = settings.buffer_minutes * 60_000;
    // The buffer keeps clear time on both sides, so the claim covers it.
    await claimClinicianTime(tx, {
      clinicianId: body.clinicianId,
      startsAt: iso(new Date(start.getTime() - buffer)),
      endsAt: iso(new Date(end.getTime() + buffer)),
    });
    const requestId = newId();
    const holdUntil = Math.min(now.getTime() + settings.hold_minutes * 60_000, start.getTime());
    await insertAppointmentRequest(tx, {
      id: requestId,
      client_id: clientId,
      service_id: service.id,
      clinician_id: body.clinicianId,
      location_id: body.locationId,
      starts_at: iso(start),
      ends_at: iso(end),
      status: 'pending',
      hold_expires_at: iso(new Date(holdUntil)),
      client_message: body.message,
      client_time_zone: body.timeZone,
      decline_reason: null,
      appointment_id: null,
      answered_at: null,
      answered_by: null,
      created_at: iso(now),
    });
    await saveClientTimeZone(tx, clientId, body.timeZone, iso(now));
    const clinician = await findStaffContact(tx, body.clinicianId);
    if (clinician) {
      const email = requestWaitingEmail({
        practiceName: practice.name,
        staffName: clinician.name,
        url: `${tx.deps.config.publicUrl}/requests`,
      });
      await enqueueEmailIn(tx, { kind: 'appointment_request_waiting', to: clinician.email, ...email });
    }
    await auditIn(tx, { action: 'appointment_request.created', clientId, details: { requestId } });
    return requestId;
  });
  const row = await findRequestWithNames(ctx, id);
  if (!row) throw notFound();
  return toPortalRequest(row);
}

export async function cancelRequest(ctx: ClientContext, requestId: string): Promise<void> {
  await requireRequests(ctx);
  const clientId = ctx.actor.clientId;
  await ctx.inTransaction(async (tx) => {
    const row = await findRequestWithNames(tx, requestId);
    if (row?.client_id !== clientId) throw notFound();
    const done = await answerPendingRequest(
      tx,
      requestId,
      { status: 'cancelled', answered_at: iso(tx.clock.now()) },
      { clientId },
    );
    if (!done) throw new AppError('conflict', 'That request has already been answered.', undefined, 'request_answered');
    await auditIn(tx, { action: 'appointment_request.cancelled', clientId, details: { requestId } });
  });
}

export async function cancelAppointment(ctx: ClientContext, appointmentId: string): Promise<void> {
  const settings = await requireRequests(ctx);
  const clientId = ctx.actor.clientId;
  await ctx.inTransaction(async (tx) => {
    const appointment = await findClientAppointment(tx, clientId, appointmentId);
    if (!appointment) throw notFound();
    const now = tx.clock.now();
    if (settings.client_cancel_allowed !== 1)
      throw new AppError('forbidden', 'Please contact the practice to cancel.', undefined, 'cancel_not_allowed');
    if (Date.parse(appointment.starts_at) - now.getTime() < settings.client_cancel_notice_minutes * 60_000)
      throw new AppError(
        'conflict',
        `Appointments can be cancelled here up to ${hours(settings.client_cancel_notice_minutes)} before. Please contact the practice.`,
        undefined,
        'cancel_too_late',
      );
    if (!(await cancelClientAppointment(tx, clientId, appointmentId, iso(now))))
      throw new AppError('conflict', 'That appointment is no longer scheduled.', undefined, 'not_scheduled');
    await auditIn(tx, { action: 'appointment.cancelled_by_client', clientId, details: { appointmentId } });
  });
}

export async function setClientTimeZone(ctx: ClientContext, timeZone: string): Promise<void> {
  await requireRequests(ctx);
  await saveClientTimeZone(ctx, ctx.actor.clientId, timeZone, iso(ctx.clock.now()));
}
