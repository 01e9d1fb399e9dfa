import type { AppointmentSeriesTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';
import { maxAppointmentMinutes } from './booking.queries.js';
import type { AppointmentRow } from './scheduling.queries.js';

export type SeriesRow = AppointmentSeriesTable;

export interface CalendarRow extends AppointmentRow {
  client_first_name: string;
  client_preferred_name: string | null;
  client_last_name: string;
  service_name: string;
  clinician_name: string;
  location_name: string;
  location_kind: 'in_person' | 'telehealth';
}

function calendarSelect(scope: Scope) {
  return scope.db
    .selectFrom('appointments')
    .innerJoin('clients', 'clients.id', 'appointments.client_id')
    .innerJoin('services', 'services.id', 'appointments.service_id')
    .innerJoin('staff_users', 'staff_users.id', 'appointments.clinician_id')
    .innerJoin('locations', 'locations.id', 'appointments.location_id')
    .selectAll('appointments')
    .select([
      'clients.first_name as client_first_name',
      'clients.preferred_name as client_preferred_name',
      'clients.last_name as client_last_name',
      'services.name as service_name',
      'staff_users.name as clinician_name',
      'locations.name as location_name',
      'locations.kind as location_kind',
    ])
    .where('appointments.practice_id', '=', scope.practiceId);
}

/**
 * The appointments overlapping [from, to) of the clinicians named (null: every clinician), by start.
 * Appointments last at most a day, so the index range starts a day before `from`.
 */
export async function listCalendar(
  scope: Scope,
  window: { from: string; to: string; clinicianIds: readonly string[] | null },
): Promise<CalendarRow[]> {
  const earliest = new Date(Date.parse(window.from) - maxAppointmentMinutes * 60_000).toISOString();
  let query = calendarSelect(scope)
    .where('appointments.starts_at', '>=', earliest)
    .where('appointments.starts_at', '<', window.to)
    .where('appointments.ends_at', '>', window.from);
  if (window.clinicianIds) {
    if (window.clinicianIds.length === 0) return [];
    query = query.where('appointments.clinician_id', 'in', window.clinicianIds);
  }
  return query.orderBy('appointments.starts_at').orderBy('appointments.id').execute();
}

/** Appointments by id, as the calendar shows them. */
export async function calendarRowsByIds(scope: Scope, ids: readonly string[]): Promise<CalendarRow[]> {
  if (ids.length === 0) return [];
  return calendarSelect(scope)
    .where('appointments.id', 'in', ids)
    .orderBy('appointments.starts_at')
    .orderBy('appointments.id')
    .execute();
}

export async function findAppointment(scope: Scope, id: string): Promise<AppointmentRow | undefined> {
  return scope.db
    .selectFrom('appointments')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A series' appointments starting at or after `from`, by start. */
export async function seriesAppointmentsFrom(scope: Scope, seriesId: string, from: string): Promise<AppointmentRow[]> {
  return scope.db
    .selectFrom('appointments')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('series_id', '=', seriesId)
    .where('starts_at', '>=', from)
    .orderBy('starts_at')
    .execute();
}

export async function updateAppointment(
  scope: Scope,
  id: string,
  changes: Partial<Omit<AppointmentRow, 'id' | 'practice_id' | 'created_at' | 'created_by'>>,
): Promise<void> {
  await scope.db
    .updateTable('appointments')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}

export async function findSeries(scope: Scope, id: string): Promise<SeriesRow | undefined> {
  return scope.db
    .selectFrom('appointment_series')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertSeries(scope: Scope, row: Omit<SeriesRow, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('appointment_series')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function practiceTimeZone(scope: Scope): Promise<string> {
  const row = await scope.db
    .selectFrom('practices')
    .select('time_zone')
    .where('id', '=', scope.practiceId)
    .executeTakeFirstOrThrow();
  return row.time_zone;
}
