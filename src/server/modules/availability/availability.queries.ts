import type { AvailabilityBlocksTable, SchedulingSettingsTable, TimeOffTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';
import { timeHoldingStatuses } from '../scheduling/index.js';

/** Whether the practice has an active clinician of this id. */
export async function findActiveClinician(
  scope: Scope,
  staffId: string,
): Promise<{ id: string; name: string } | undefined> {
  return scope.db
    .selectFrom('staff_memberships')
    .innerJoin('staff_users', 'staff_users.id', 'staff_memberships.staff_id')
    .select(['staff_users.id', 'staff_users.name'])
    .where('staff_memberships.practice_id', '=', scope.practiceId)
    .where('staff_memberships.staff_id', '=', staffId)
    .where('staff_memberships.clinician', '=', 1)
    .where('staff_memberships.status', '=', 'active')
    .executeTakeFirst();
}

export async function listBlocks(scope: Scope, clinicianId: string): Promise<AvailabilityBlocksTable[]> {
  return scope.db
    .selectFrom('availability_blocks')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('clinician_id', '=', clinicianId)
    .orderBy('weekday')
    .orderBy('start_time')
    .orderBy('id')
    .execute();
}

/** Replaces the clinician's weekly blocks with `rows`. Call in a transaction. */
export async function replaceBlocks(
  scope: Scope,
  clinicianId: string,
  rows: readonly Omit<AvailabilityBlocksTable, 'practice_id' | 'clinician_id'>[],
): Promise<void> {
  await scope.db
    .deleteFrom('availability_blocks')
    .where('practice_id', '=', scope.practiceId)
    .where('clinician_id', '=', clinicianId)
    .execute();
  if (rows.length === 0) return;
  await scope.db
    .insertInto('availability_blocks')
    .values(rows.map((row) => ({ ...row, practice_id: scope.practiceId, clinician_id: clinicianId })))
    .execute();
}

/** The clinician's time off that ends after `after` (what still matters), by start. */
export async function listTimeOff(scope: Scope, clinicianId: string, after: string): Promise<TimeOffTable[]> {
  return scope.db
    .selectFrom('time_off')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('clinician_id', '=', clinicianId)
    .where('ends_at', '>', after)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export async function insertTimeOff(scope: Scope, row: Omit<TimeOffTable, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('time_off')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

/** Removes one span of the clinician's time off; false when there is none of that id. */
export async function deleteTimeOff(scope: Scope, clinicianId: string, id: string): Promise<boolean> {
  const result = await scope.db
    .deleteFrom('time_off')
    .where('practice_id', '=', scope.practiceId)
    .where('clinician_id', '=', clinicianId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Which of these locations the practice has (not archived). */
export async function findLocations(
  scope: Scope,
  ids: readonly string[],
): Promise<{ id: string; name: string; kind: 'in_person' | 'telehealth' }[]> {
  if (ids.length === 0) return [];
  return scope.db
    .selectFrom('locations')
    .select(['id', 'name', 'kind'])
    .where('practice_id', '=', scope.practiceId)
    .where('id', 'in', ids)
    .where('archived_at', 'is', null)
    .execute();
}

/** Which of these services the practice has (not archived). */
export async function findServices(scope: Scope, ids: readonly string[]): Promise<{ id: string }[]> {
  if (ids.length === 0) return [];
  return scope.db
    .selectFrom('services')
    .select(['id'])
    .where('practice_id', '=', scope.practiceId)
    .where('id', 'in', ids)
    .where('archived_at', 'is', null)
    .execute();
}

/**
 * What holds the clinician's time and starts before `to` and ends after `from`: appointments with a
 * time-holding status and pending requests whose hold outlasts `now`.
 */
export async function listBusyTime(
  scope: Scope,
  clinicianId: string,
  from: string,
  to: string,
  now: string,
): Promise<{ starts_at: string; ends_at: string }[]> {
  // Nothing lasts over a day (the booking guard's rule), so the start index bounds the scan.
  const earliest = new Date(Date.parse(from) - 24 * 60 * 60_000).toISOString();
  const booked = scope.db
    .selectFrom('appointments')
    .select(['starts_at', 'ends_at'])
    .where('practice_id', '=', scope.practiceId)
    .where('clinician_id', '=', clinicianId)
    .where('starts_at', '>=', earliest)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .where('status', 'in', timeHoldingStatuses);
  const held = scope.db
    .selectFrom('appointment_requests')
    .select(['starts_at', 'ends_at'])
    .where('practice_id', '=', scope.practiceId)
    .where('clinician_id', '=', clinicianId)
    .where('status', '=', 'pending')
    .where('starts_at', '>=', earliest)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .where('hold_expires_at', '>', now);
  return booked.unionAll(held).execute();
}

export async function findSchedulingSettings(scope: Scope): Promise<SchedulingSettingsTable | undefined> {
  return scope.db
    .selectFrom('scheduling_settings')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .executeTakeFirst();
}

/** Saves the scope's practice's settings (the row's practice is the scope's, whatever it says). */
export async function saveSchedulingSettings(scope: Scope, row: SchedulingSettingsTable): Promise<void> {
  const { practice_id: _id, ...changes } = row;
  await scope.db
    .insertInto('scheduling_settings')
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(changes))
    .execute();
}
