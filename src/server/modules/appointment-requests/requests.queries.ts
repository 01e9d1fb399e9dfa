import type { AppointmentRequestStatus, AppointmentRequestsTable, AppointmentStatus } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/** A service the client may request, with whether this clinician offers it. */
export async function findRequestableService(
  scope: Scope,
  serviceId: string,
  clinicianId: string,
): Promise<{ id: string; name: string; duration_minutes: number; offered: boolean } | undefined> {
  const service = await scope.db
    .selectFrom('services')
    .select(['id', 'name', 'duration_minutes'])
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', serviceId)
    .where('online_requests', '=', 1)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!service) return undefined;
  const offered = await scope.db
    .selectFrom('service_clinicians')
    .select('staff_id')
    .where('practice_id', '=', scope.practiceId)
    .where('service_id', '=', serviceId)
    .where('staff_id', '=', clinicianId)
    .executeTakeFirst();
  return { ...service, offered: offered !== undefined };
}

/** Whether the clinician is one of the client's assigned clinicians. */
export async function isAssignedClinician(scope: Scope, clientId: string, clinicianId: string): Promise<boolean> {
  const row = await scope.db
    .selectFrom('client_clinicians')
    .select('staff_id')
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('staff_id', '=', clinicianId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What the client may request: the services offered online, each with the client's assigned
 * clinicians who offer it (active clinicians only) and the locations of their blocks open to requests.
 */
export async function listRequestOptionRows(scope: Scope, clientId: string) {
  return scope.db
    .selectFrom('services')
    .innerJoin('service_clinicians', (join) =>
      join
        .onRef('service_clinicians.service_id', '=', 'services.id')
        .on('service_clinicians.practice_id', '=', scope.practiceId),
    )
    .innerJoin('client_clinicians', (join) =>
      join
        .onRef('client_clinicians.staff_id', '=', 'service_clinicians.staff_id')
        .on('client_clinicians.practice_id', '=', scope.practiceId)
        .on('client_clinicians.client_id', '=', clientId),
    )
    .innerJoin('staff_memberships', (join) =>
      join
        .onRef('staff_memberships.staff_id', '=', 'service_clinicians.staff_id')
        .on('staff_memberships.practice_id', '=', scope.practiceId)
        .on('staff_memberships.status', '=', 'active')
        .on('staff_memberships.clinician', '=', 1),
    )
    .innerJoin('staff_users', 'staff_users.id', 'service_clinicians.staff_id')
    .innerJoin('availability_blocks', (join) =>
      join
        .onRef('availability_blocks.clinician_id', '=', 'service_clinicians.staff_id')
        .on('availability_blocks.practice_id', '=', scope.practiceId)
        .on('availability_blocks.allow_requests', '=', 1),
    )
    .innerJoin('locations', (join) =>
      join.onRef('locations.id', '=', 'availability_blocks.location_id').on('locations.archived_at', 'is', null),
    )
    .select([
      'services.id as service_id',
      'services.name as service_name',
      'services.duration_minutes',
      'staff_users.id as clinician_id',
      'staff_users.name as clinician_name',
      'locations.id as location_id',
      'locations.name as location_name',
      'locations.kind as location_kind',
      'availability_blocks.service_ids',
    ])
    .where('services.practice_id', '=', scope.practiceId)
    .where('services.online_requests', '=', 1)
    .where('services.archived_at', 'is', null)
    .orderBy('services.name')
    .orderBy('staff_users.name')
    .orderBy('locations.name')
    .execute();
}

/** A location of the practice (not archived). */
export async function findLocation(scope: Scope, locationId: string) {
  return scope.db
    .selectFrom('locations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', locationId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

function requestsWithNames(scope: Scope) {
  return scope.db
    .selectFrom('appointment_requests as r')
    .innerJoin('services', 'services.id', 'r.service_id')
    .innerJoin('staff_users', 'staff_users.id', 'r.clinician_id')
    .innerJoin('locations', 'locations.id', 'r.location_id')
    .innerJoin('clients', 'clients.id', 'r.client_id')
    .selectAll('r')
    .select([
      'services.name as service_name',
      'staff_users.name as clinician_name',
      'locations.name as location_name',
      'clients.first_name',
      'clients.last_name',
      'clients.preferred_name',
    ])
    .where('r.practice_id', '=', scope.practiceId);
}

export type RequestWithNames = Awaited<ReturnType<typeof findRequestWithNames>> & object;

export async function findRequestWithNames(scope: Scope, requestId: string) {
  return requestsWithNames(scope).where('r.id', '=', requestId).executeTakeFirst();
}

/** The client's requests, newest first. */
export async function listClientRequests(scope: Scope, clientId: string, limit: number) {
  return requestsWithNames(scope)
    .where('r.client_id', '=', clientId)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many pending requests still hold their time; only one clinician's when `clinicianId` is set. */
export async function countPendingRequests(scope: Scope, now: string, clinicianId: string | null): Promise<number> {
  let query = scope.db
    .selectFrom('appointment_requests')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('practice_id', '=', scope.practiceId)
    .where('status', '=', 'pending')
    .where('hold_expires_at', '>', now);
  if (clinicianId !== null) query = query.where('clinician_id', '=', clinicianId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Pending requests still holding their time, oldest first; only one clinician's when `clinicianId` is set. */
export async function listPendingRequests(scope: Scope, now: string, clinicianId: string | null) {
  let query = requestsWithNames(scope).where('r.status', '=', 'pending').where('r.hold_expires_at', '>', now);
  if (clinicianId !== null) query = query.where('r.clinician_id', '=', clinicianId);
  return query.orderBy('r.created_at').orderBy('r.id').execute();
}

/**
 * Moves a request on from `pending`, only if it still is (and, when `holdingAt` is given, its hold
 * has not run out by then): true when this call made the change. Two staff answering at once, or
 * an answer racing the expiry job, cannot both succeed.
 */
export async function answerPendingRequest(
  scope: Scope,
  requestId: string,
  changes: Partial<
    Pick<AppointmentRequestsTable, 'decline_reason' | 'appointment_id' | 'answered_at' | 'answered_by'>
  > & {
    status: Exclude<AppointmentRequestStatus, 'pending'>;
  },
  options: { holdingAt?: string; clientId?: string } = {},
): Promise<boolean> {
  let query = scope.db
    .updateTable('appointment_requests')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', requestId)
    .where('status', '=', 'pending');
  if (options.holdingAt !== undefined) query = query.where('hold_expires_at', '>', options.holdingAt);
  if (options.clientId !== undefined) query = query.where('client_id', '=', options.clientId);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setRequestAppointment(scope: Scope, requestId: string, appointmentId: string): Promise<void> {
  await scope.db
    .updateTable('appointment_requests')
    .set({ appointment_id: appointmentId })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', requestId)
    .execute();
}

/** The client's appointments with what the portal shows of them, by start. */
export async function listClientAppointments(scope: Scope, clientId: string) {
  return scope.db
    .selectFrom('appointments as a')
    .innerJoin('services', 'services.id', 'a.service_id')
    .innerJoin('staff_users', 'staff_users.id', 'a.clinician_id')
    .innerJoin('locations', 'locations.id', 'a.location_id')
    .select([
      'a.id',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      'a.video_link',
      'services.name as service_name',
      'staff_users.name as clinician_name',
      'locations.name as location_name',
      'locations.kind as location_kind',
      'locations.address',
      'locations.video_link as location_video_link',
    ])
    .where('a.practice_id', '=', scope.practiceId)
    .where('a.client_id', '=', clientId)
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
}

/** Cancels the client's scheduled appointment, only if it is still scheduled; true when it did. */
export async function cancelClientAppointment(
  scope: Scope,
  clientId: string,
  appointmentId: string,
  now: string,
): Promise<boolean> {
  const status: AppointmentStatus = 'cancelled_by_client';
  const result = await scope.db
    .updateTable('appointments')
    .set({ status, updated_at: now, updated_by: null })
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', '=', appointmentId)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findClientAppointment(scope: Scope, clientId: string, appointmentId: string) {
  return scope.db
    .selectFrom('appointments')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', '=', appointmentId)
    .executeTakeFirst();
}

export async function findClientTimeZone(scope: Scope, clientId: string): Promise<string | null> {
  const row = await scope.db
    .selectFrom('client_time_zones')
    .select('time_zone')
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.time_zone ?? null;
}

export async function saveClientTimeZone(scope: Scope, clientId: string, timeZone: string, now: string): Promise<void> {
  await scope.db
    .insertInto('client_time_zones')
    .values({ client_id: clientId, practice_id: scope.practiceId, time_zone: timeZone, updated_at: now })
    .onConflict((oc) => oc.column('client_id').doUpdateSet({ time_zone: timeZone, updated_at: now }))
    .execute();
}

/** A staff member's name and sign-in email, for the "a request is waiting" note. */
export async function findStaffContact(scope: Scope, staffId: string) {
  return scope.db
    .selectFrom('staff_users')
    .innerJoin('staff_memberships', 'staff_memberships.staff_id', 'staff_users.id')
    .select(['staff_users.name', 'staff_users.email'])
    .where('staff_memberships.practice_id', '=', scope.practiceId)
    .where('staff_memberships.status', '=', 'active')
    .where('staff_users.id', '=', staffId)
    .executeTakeFirst();
}

/** Marks a pending request expired if its hold has run out by `now`; true when this call did. */
export async function expirePendingRequest(scope: Scope, requestId: string, now: string): Promise<boolean> {
  const result = await scope.db
    .updateTable('appointment_requests')
    .set({ status: 'expired', answered_at: now })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', requestId)
    .where('status', '=', 'pending')
    .where('hold_expires_at', '<=', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Claims the reminder of an appointment: true for the one call that records it first. */
export async function claimReminder(scope: Scope, appointmentId: string, now: string): Promise<boolean> {
  const result = await scope.db
    .insertInto('appointment_reminders')
    .values({ appointment_id: appointmentId, practice_id: scope.practiceId, sent_at: now })
    .onConflict((oc) => oc.column('appointment_id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** A scheduled appointment with its client's names and where it is, for the reminder. */
export async function findAppointmentForReminder(scope: Scope, appointmentId: string) {
  return scope.db
    .selectFrom('appointments as a')
    .innerJoin('clients', 'clients.id', 'a.client_id')
    .innerJoin('locations', 'locations.id', 'a.location_id')
    .innerJoin('services', 'services.id', 'a.service_id')
    .select([
      'a.id',
      'a.client_id',
      'a.starts_at',
      'a.status',
      'a.video_link',
      'services.name as service_name',
      'clients.first_name',
      'clients.preferred_name',
      'locations.name as location_name',
      'locations.kind as location_kind',
      'locations.address',
      'locations.video_link as location_video_link',
    ])
    .where('a.practice_id', '=', scope.practiceId)
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
}
