import type { AppointmentRequestsTable, AppointmentsTable, LocationsTable, ServicesTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/** The scheduling queries: every one is within the scope's practice. */

export type ServiceRow = ServicesTable;
export type LocationRow = LocationsTable;
export type AppointmentRow = AppointmentsTable;
export type AppointmentRequestRow = AppointmentRequestsTable;

export async function insertService(
  scope: Scope,
  row: Omit<ServiceRow, 'practice_id'>,
  clinicianIds: readonly string[],
): Promise<void> {
  await scope.db
    .insertInto('services')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
  if (clinicianIds.length === 0) return;
  await scope.db
    .insertInto('service_clinicians')
    .values(clinicianIds.map((staffId) => ({ practice_id: scope.practiceId, service_id: row.id, staff_id: staffId })))
    .execute();
}

export async function insertLocation(scope: Scope, row: Omit<LocationRow, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('locations')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function insertAppointment(scope: Scope, row: Omit<AppointmentRow, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('appointments')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function insertAppointmentRequest(
  scope: Scope,
  row: Omit<AppointmentRequestRow, 'practice_id'>,
): Promise<void> {
  await scope.db
    .insertInto('appointment_requests')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function listServices(scope: Scope): Promise<ServiceRow[]> {
  return scope.db
    .selectFrom('services')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findService(scope: Scope, id: string): Promise<ServiceRow | undefined> {
  return scope.db
    .selectFrom('services')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateService(
  scope: Scope,
  id: string,
  changes: Partial<Omit<ServiceRow, 'id' | 'practice_id' | 'created_at'>>,
): Promise<void> {
  await scope.db
    .updateTable('services')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}

/** Who offers each of the practice's services. */
export async function listServiceClinicians(scope: Scope): Promise<{ service_id: string; staff_id: string }[]> {
  return scope.db
    .selectFrom('service_clinicians')
    .select(['service_id', 'staff_id'])
    .where('practice_id', '=', scope.practiceId)
    .orderBy('service_id')
    .orderBy('staff_id')
    .execute();
}

export async function replaceServiceClinicians(
  scope: Scope,
  serviceId: string,
  clinicianIds: readonly string[],
): Promise<void> {
  await scope.db
    .deleteFrom('service_clinicians')
    .where('practice_id', '=', scope.practiceId)
    .where('service_id', '=', serviceId)
    .execute();
  if (clinicianIds.length === 0) return;
  await scope.db
    .insertInto('service_clinicians')
    .values(
      clinicianIds.map((staffId) => ({ practice_id: scope.practiceId, service_id: serviceId, staff_id: staffId })),
    )
    .execute();
}

/** The practice's active clinicians, by name. */
export async function listClinicians(scope: Scope): Promise<{ id: string; name: string }[]> {
  return scope.db
    .selectFrom('staff_memberships')
    .innerJoin('staff_users', 'staff_users.id', 'staff_memberships.staff_id')
    .select(['staff_users.id', 'staff_users.name'])
    .where('staff_memberships.practice_id', '=', scope.practiceId)
    .where('staff_memberships.clinician', '=', 1)
    .where('staff_memberships.status', '=', 'active')
    .orderBy('staff_users.name')
    .orderBy('staff_users.id')
    .execute();
}

export async function listLocations(scope: Scope): Promise<LocationRow[]> {
  return scope.db
    .selectFrom('locations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findLocation(scope: Scope, id: string): Promise<LocationRow | undefined> {
  return scope.db
    .selectFrom('locations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateLocation(
  scope: Scope,
  id: string,
  changes: Partial<Omit<LocationRow, 'id' | 'practice_id' | 'created_at'>>,
): Promise<void> {
  await scope.db
    .updateTable('locations')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}
