import type { AppointmentStatus } from '../../db/schema.js';
import type { Context, Scope } from '../../platform/request-context.js';
import type { TimeConflict } from '../../../shared/errors.js';

/** The statuses whose appointments hold the clinician's time; the cancellations free it. */
export const timeHoldingStatuses: readonly AppointmentStatus[] = ['scheduled', 'attended', 'no_show'];

/**
 * The longest an appointment or a request may last, in minutes. The overlap check reads the
 * clinician's appointments from this long before the start, so it stays an index range however long
 * the calendar's history.
 */
export const maxAppointmentMinutes = 24 * 60;

/**
 * Locks the clinician's membership row until the transaction ends (PostgreSQL), so two bookings of
 * one clinician's time take turns and the second sees the first. SQLite transactions take the write
 * lock when they begin (docs/decisions/008). Returns false when the practice has no active
 * clinician of that id.
 */
export async function lockClinicianCalendar(tx: Context, clinicianId: string): Promise<boolean> {
  let query = tx.db
    .selectFrom('staff_memberships')
    .select('staff_id')
    .where('practice_id', '=', tx.practiceId)
    .where('staff_id', '=', clinicianId)
    .where('clinician', '=', 1)
    .where('status', '=', 'active');
  if (tx.deps.dialect === 'postgres') query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}

export interface TimeWindow {
  clinicianId: string;
  /** ISO instants (UTC), start inclusive, end exclusive. */
  startsAt: string;
  endsAt: string;
  /** Appointments not counted: the ones being moved. */
  exceptAppointmentIds?: readonly string[];
  /** A request not counted: the one being accepted. */
  exceptRequestId?: string;
}

/**
 * What holds the clinician's time within the window: appointments with a time-holding status and
 * pending requests whose hold has not expired at `now`, by start.
 */
export async function findTimeConflicts(scope: Scope, window: TimeWindow, now: string): Promise<TimeConflict[]> {
  const earliest = new Date(Date.parse(window.startsAt) - maxAppointmentMinutes * 60_000).toISOString();
  let appointments = scope.db
    .selectFrom('appointments')
    .select(['id', 'starts_at', 'ends_at'])
    .where('practice_id', '=', scope.practiceId)
    .where('clinician_id', '=', window.clinicianId)
    .where('starts_at', '>=', earliest)
    .where('starts_at', '<', window.endsAt)
    .where('ends_at', '>', window.startsAt)
    .where('status', 'in', timeHoldingStatuses);
  if (window.exceptAppointmentIds?.length)
    appointments = appointments.where('id', 'not in', window.exceptAppointmentIds);
  let requests = scope.db
    .selectFrom('appointment_requests')
    .select(['id', 'starts_at', 'ends_at'])
    .where('practice_id', '=', scope.practiceId)
    .where('clinician_id', '=', window.clinicianId)
    .where('status', '=', 'pending')
    .where('starts_at', '>=', earliest)
    .where('starts_at', '<', window.endsAt)
    .where('ends_at', '>', window.startsAt)
    .where('hold_expires_at', '>', now);
  if (window.exceptRequestId) requests = requests.where('id', '!=', window.exceptRequestId);
  const booked = await appointments.execute();
  const held = await requests.execute();
  return [
    ...booked.map((row) => ({
      kind: 'appointment' as const,
      id: row.id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
    })),
    ...held.map((row) => ({ kind: 'request' as const, id: row.id, startsAt: row.starts_at, endsAt: row.ends_at })),
  ].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}
