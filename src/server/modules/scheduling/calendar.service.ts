import type {
  AppointmentInput,
  AppointmentsChanged,
  AppointmentStatusBody,
  AppointmentUpdate,
  Calendar,
  CalendarAppointment,
} from '../../../shared/schemas/scheduling.js';
import type { TimeConflict } from '../../../shared/errors.js';
import { calendarReach } from '../../../shared/permissions.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AppointmentStatus } from '../../db/schema.js';
import type { StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { getClient } from '../clients/index.js';
import { claimClinicianTime } from './booking-guard.js';
import { timeHoldingStatuses } from './booking.queries.js';
import {
  calendarRowsByIds,
  findAppointment,
  findSeries,
  insertSeries,
  listCalendar,
  practiceTimeZone,
  seriesAppointmentsFrom,
  updateAppointment,
  type CalendarRow,
} from './calendar.queries.js';
import {
  findLocation,
  findService,
  insertAppointment,
  listClinicians,
  listServiceClinicians,
  type AppointmentRow,
} from './scheduling.queries.js';
import {
  addDays,
  daysBetween,
  instantAt,
  instantAtOrAfterGap,
  ruleText,
  seriesDates,
  wallClockOf,
  type Recurrence,
} from './wall-clock.js';

/** The most appointments one series makes. */
export const maxSeriesAppointments = 104;

function toCalendarAppointment(row: CalendarRow): CalendarAppointment {
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: `${row.client_preferred_name ?? row.client_first_name} ${row.client_last_name}`,
    serviceId: row.service_id,
    serviceName: row.service_name,
    clinicianId: row.clinician_id,
    clinicianName: row.clinician_name,
    locationId: row.location_id,
    locationName: row.location_name,
    locationKind: row.location_kind,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    videoLink: row.video_link,
    seriesId: row.series_id,
  };
}

/** Refuses (403) a clinician touching another clinician's calendar; owners and schedulers reach all. */
function checkCalendarOf(ctx: StaffContext, clinicianId: string): void {
  if (calendarReach(ctx.actor.roles) === 'own' && clinicianId !== ctx.actor.staffId) throw new AppError('forbidden');
}

/**
 * The calendar between two instants: every clinician's for owners and schedulers (or the one
 * asked for), a clinician's own. Reading it reads clients' appointments, so it is audited.
 */
export async function getCalendar(
  ctx: StaffContext,
  query: { from: string; to: string; clinicianId?: string | undefined },
): Promise<Calendar> {
  const from = new Date(query.from).toISOString();
  const to = new Date(query.to).toISOString();
  const everyone = await listClinicians(ctx);
  const visible =
    calendarReach(ctx.actor.roles) === 'all' ? everyone : everyone.filter((c) => c.id === ctx.actor.staffId);
  if (query.clinicianId && !visible.some((c) => c.id === query.clinicianId)) throw notFound();
  const clinicianIds = query.clinicianId
    ? [query.clinicianId]
    : calendarReach(ctx.actor.roles) === 'all'
      ? null
      : [ctx.actor.staffId];
  const rows = await listCalendar(ctx, { from, to, clinicianIds });
  await auditIn(ctx, {
    action: 'calendar.viewed',
    details: { from, to, clinicianId: query.clinicianId ?? null, appointments: rows.length },
  });
  return { appointments: rows.map(toCalendarAppointment), clinicians: visible };
}

interface Booking {
  serviceId: string;
  clinicianId: string;
  locationId: string;
  videoLink: string | null;
  durationMinutes: number;
}

/** Checks what a booking names (a clinician's own calendar, the client in reach, a service the clinician offers, a location), each refusal naming its field. */
async function checkBooking(
  tx: StaffContext,
  input: Pick<
    AppointmentInput,
    'clientId' | 'serviceId' | 'clinicianId' | 'locationId' | 'videoLink' | 'durationMinutes'
  >,
): Promise<Booking> {
  checkCalendarOf(tx, input.clinicianId);
  await getClient(tx, input.clientId);
  const service = await findService(tx, input.serviceId);
  if (!service || service.archived_at !== null) {
    throw new AppError('validation_failed', undefined, [
      { field: 'serviceId', message: 'is not a service of the practice' },
    ]);
  }
  const offered = (await listServiceClinicians(tx)).some(
    (o) => o.service_id === service.id && o.staff_id === input.clinicianId,
  );
  if (!offered) {
    throw new AppError('validation_failed', undefined, [
      { field: 'serviceId', message: 'is not offered by this clinician (Settings → Services)' },
    ]);
  }
  const location = await findLocation(tx, input.locationId);
  if (!location || location.archived_at !== null) {
    throw new AppError('validation_failed', undefined, [
      { field: 'locationId', message: 'is not a location of the practice' },
    ]);
  }
  return {
    serviceId: service.id,
    clinicianId: input.clinicianId,
    locationId: location.id,
    videoLink: input.videoLink ?? (location.kind === 'telehealth' ? location.video_link : null),
    durationMinutes: input.durationMinutes ?? service.duration_minutes,
  };
}

/**
 * Claims each start's time for the clinician; a refusal names every conflict of every start at
 * once, so staff see them all before confirming.
 */
async function claimAll(
  tx: StaffContext,
  clinicianId: string,
  times: readonly { startsAt: string; endsAt: string }[],
  acknowledged: readonly string[],
  exceptAppointmentIds: readonly string[],
): Promise<TimeConflict[]> {
  const conflicts: TimeConflict[] = [];
  let refused = false;
  for (const time of times) {
    try {
      conflicts.push(
        ...(await claimClinicianTime(tx, {
          clinicianId,
          ...time,
          acknowledged,
          exceptAppointmentIds,
          showConflicts: true,
        })),
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.reason !== 'time_taken') throw error;
      refused = true;
      conflicts.push(...(error.conflicts ?? []));
    }
  }
  const unique = [...new Map(conflicts.map((c) => [c.id, c])).values()];
  if (refused)
    throw new AppError(
      'conflict',
      'That time overlaps something already on the calendar.',
      undefined,
      'time_taken',
      unique,
    );
  return unique;
}

function endOf(start: string, minutes: number): string {
  return new Date(Date.parse(start) + minutes * 60_000).toISOString();
}

function recurrenceOf(repeat: NonNullable<AppointmentInput['repeat']>): Recurrence {
  return { interval: repeat.frequency === 'weekly' ? 1 : 2, until: repeat.until, count: repeat.count };
}

/** Books an appointment, or a series of them (each occurrence at the same wall-clock time in the practice's zone). */
export async function bookAppointments(ctx: StaffContext, input: AppointmentInput): Promise<AppointmentsChanged> {
  return ctx.inTransaction(async (tx) => {
    const booking = await checkBooking(tx, input);
    const zone = await practiceTimeZone(tx);
    const first = instantAt(input.date, input.time, zone);
    if (!first) {
      throw new AppError('validation_failed', undefined, [
        { field: 'time', message: 'does not exist on that day (the clocks go forward)' },
      ]);
    }
    let dates = [input.date];
    let seriesId: string | null = null;
    const now = iso(tx.clock.now());
    if (input.repeat) {
      const recurrence = recurrenceOf(input.repeat);
      dates = seriesDates(input.date, recurrence, maxSeriesAppointments);
      if (dates.length > maxSeriesAppointments) {
        throw new AppError('validation_failed', undefined, [
          { field: 'repeat.until', message: `makes more than ${maxSeriesAppointments} appointments` },
        ]);
      }
      if (dates.length < 2) {
        throw new AppError('validation_failed', undefined, [
          { field: 'repeat.until', message: 'makes only one appointment' },
        ]);
      }
      seriesId = newId();
      await insertSeries(tx, {
        id: seriesId,
        client_id: input.clientId,
        service_id: booking.serviceId,
        clinician_id: booking.clinicianId,
        location_id: booking.locationId,
        starts_on: input.date,
        start_time: input.time,
        time_zone: zone,
        rrule: ruleText(recurrence),
        duration_minutes: booking.durationMinutes,
        video_link: booking.videoLink,
        created_at: now,
        created_by: tx.actor.staffId,
        updated_at: now,
        updated_by: tx.actor.staffId,
      });
    }
    const times = dates.map((date) => {
      const startsAt = iso(instantAtOrAfterGap(date, input.time, zone).toJSDate());
      return { startsAt, endsAt: endOf(startsAt, booking.durationMinutes) };
    });
    const overlapped = await claimAll(tx, booking.clinicianId, times, input.acknowledgedConflicts, []);
    const ids: string[] = [];
    for (const time of times) {
      const id = newId();
      ids.push(id);
      await insertAppointment(tx, {
        id,
        client_id: input.clientId,
        service_id: booking.serviceId,
        clinician_id: booking.clinicianId,
        location_id: booking.locationId,
        starts_at: time.startsAt,
        ends_at: time.endsAt,
        status: 'scheduled',
        video_link: booking.videoLink,
        series_id: seriesId,
        created_at: now,
        created_by: tx.actor.staffId,
        updated_at: now,
        updated_by: tx.actor.staffId,
      });
    }
    await auditIn(tx, {
      action: 'appointment.created',
      clientId: input.clientId,
      details: { appointmentId: ids[0] ?? null, appointments: ids.length, seriesId, doubleBooked: overlapped.length },
    });
    return { appointments: (await calendarRowsByIds(tx, ids)).map(toCalendarAppointment) };
  });
}

/** The appointment, when the member reaches its calendar and its client; else 404. */
async function reachableAppointment(tx: StaffContext, id: string): Promise<AppointmentRow> {
  const row = await findAppointment(tx, id);
  if (!row) throw notFound();
  if (calendarReach(tx.actor.roles) === 'own' && row.clinician_id !== tx.actor.staffId) throw notFound();
  await getClient(tx, row.client_id);
  return row;
}

/** This one, or this one and the following ones of its series. */
async function targetsOf(
  tx: StaffContext,
  row: AppointmentRow,
  scope: 'this' | 'following',
): Promise<AppointmentRow[]> {
  if (scope === 'this' || !row.series_id) return [row];
  return seriesAppointmentsFrom(tx, row.series_id, row.starts_at);
}

/**
 * Changes an appointment (move, another service, clinician or location), or it and the following
 * ones of its series: each keeps its own date moved by as many days as this one moved, at the new
 * wall-clock time. The following ones become a series of their own from this one on.
 */
export async function changeAppointment(
  ctx: StaffContext,
  id: string,
  input: AppointmentUpdate,
): Promise<AppointmentsChanged> {
  return ctx.inTransaction(async (tx) => {
    const row = await reachableAppointment(tx, id);
    checkCalendarOf(tx, row.clinician_id);
    const booking = await checkBooking(tx, input);
    const zone = await practiceTimeZone(tx);
    if (!instantAt(input.date, input.time, zone)) {
      throw new AppError('validation_failed', undefined, [
        { field: 'time', message: 'does not exist on that day (the clocks go forward)' },
      ]);
    }
    const targets = await targetsOf(tx, row, input.scope);
    const shift = daysBetween(wallClockOf(row.starts_at, zone).date, input.date);
    const now = iso(tx.clock.now());
    const moved = targets.map((target) => {
      const date = target.id === row.id ? input.date : addDays(wallClockOf(target.starts_at, zone).date, shift);
      const startsAt = iso(instantAtOrAfterGap(date, input.time, zone).toJSDate());
      return { target, startsAt, endsAt: endOf(startsAt, booking.durationMinutes) };
    });
    const holding = moved.filter((m) => timeHoldingStatuses.includes(m.target.status));
    await claimAll(
      tx,
      booking.clinicianId,
      holding.map(({ startsAt, endsAt }) => ({ startsAt, endsAt })),
      input.acknowledgedConflicts,
      targets.map((t) => t.id),
    );
    let seriesId = row.series_id;
    if (input.scope === 'following' && row.series_id && targets.length > 1) {
      const series = await findSeries(tx, row.series_id);
      if (series) {
        seriesId = newId();
        await insertSeries(tx, {
          ...series,
          id: seriesId,
          client_id: input.clientId,
          service_id: booking.serviceId,
          clinician_id: booking.clinicianId,
          location_id: booking.locationId,
          starts_on: input.date,
          start_time: input.time,
          rrule: series.rrule
            .replace(/COUNT=\d+/, `COUNT=${targets.length}`)
            .replace(
              /UNTIL=(\d{8})/,
              (_, until: string) =>
                `UNTIL=${addDays(`${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`, shift).replaceAll('-', '')}`,
            ),
          duration_minutes: booking.durationMinutes,
          video_link: booking.videoLink,
          created_at: now,
          created_by: tx.actor.staffId,
          updated_at: now,
          updated_by: tx.actor.staffId,
        });
      }
    }
    for (const { target, startsAt, endsAt } of moved) {
      await updateAppointment(tx, target.id, {
        client_id: input.clientId,
        service_id: booking.serviceId,
        clinician_id: booking.clinicianId,
        location_id: booking.locationId,
        starts_at: startsAt,
        ends_at: endsAt,
        video_link: booking.videoLink,
        // Changed on its own it stays in its series, as an exception to the rule.
        series_id: seriesId,
        updated_at: now,
        updated_by: tx.actor.staffId,
      });
    }
    await auditIn(tx, {
      action: 'appointment.updated',
      clientId: input.clientId,
      details: { appointmentId: id, appointments: moved.length, scope: input.scope },
    });
    return {
      appointments: (
        await calendarRowsByIds(
          tx,
          moved.map((m) => m.target.id),
        )
      ).map(toCalendarAppointment),
    };
  });
}

/**
 * What else happens in the transaction that sets appointments' statuses (billing writes their
 * billable items): given each appointment and the status it had. Injected by modules/index.ts, so
 * scheduling does not import billing.
 */
export type AppointmentStatusHook = (
  tx: StaffContext,
  changes: readonly { appointmentId: string; from: AppointmentStatus }[],
) => Promise<void>;

/**
 * Sets the status of an appointment, or of it and the following ones of its series. Putting a
 * cancelled appointment back to a status that holds time claims its time again.
 */
export async function setAppointmentStatus(
  ctx: StaffContext,
  id: string,
  body: AppointmentStatusBody,
  onStatusSet: AppointmentStatusHook,
): Promise<AppointmentsChanged> {
  return ctx.inTransaction(async (tx) => {
    const row = await reachableAppointment(tx, id);
    const targets = await targetsOf(tx, row, body.scope);
    if (timeHoldingStatuses.includes(body.status)) {
      const freed = targets.filter((t) => !timeHoldingStatuses.includes(t.status));
      await claimAll(
        tx,
        row.clinician_id,
        freed.map((t) => ({ startsAt: t.starts_at, endsAt: t.ends_at })),
        [],
        targets.map((t) => t.id),
      );
    }
    const now = iso(tx.clock.now());
    for (const target of targets) {
      await updateAppointment(tx, target.id, { status: body.status, updated_at: now, updated_by: tx.actor.staffId });
    }
    await onStatusSet(
      tx,
      targets.map((t) => ({ appointmentId: t.id, from: t.status })),
    );
    await auditIn(tx, {
      action: 'appointment.status_changed',
      clientId: row.client_id,
      details: { appointmentId: id, status: body.status, appointments: targets.length, scope: body.scope },
    });
    return {
      appointments: (
        await calendarRowsByIds(
          tx,
          targets.map((t) => t.id),
        )
      ).map(toCalendarAppointment),
    };
  });
}
