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
