import { sql, type Kysely } from 'kysely';

/**
 * Scheduling (issue 18, docs/decisions/030): what a practice books, where, and the appointments
 * and the clients' requests for them.
 *
 * - `services`: name, optional CPT code, duration in minutes, default fee in integer minor units
 *   (cents), whether clients may request it online, archived. `service_clinicians`: who offers it.
 * - `locations`: in person (name and address) or telehealth (name, optional default video link).
 * - `appointments`: one client, service, clinician (a team member), location; `starts_at` and
 *   `ends_at` are UTC instants (ISO text, as every timestamp: decision 002). The status says whether
 *   the time is still taken: scheduled, attended and no_show hold it; late_cancelled,
 *   cancelled_by_client and cancelled_by_practice free it.
 * - `appointment_series`: a recurrence kept as the wall-clock start (`starts_on` + `start_time`)
 *   in an IANA zone and an RFC 5545 rule (weekly or every other week, with UNTIL or COUNT), so
 *   10:00 stays 10:00 across daylight-saving changes; its appointments carry `series_id`.
 * - `appointment_requests`: a client's request from the Client Portal: pending (holding its time
 *   until `hold_expires_at`), accepted (with the appointment made), declined (with a reason),
 *   cancelled or expired.
 * - `scheduling_settings`: one row per practice for online requests and reminders, read with the
 *   column defaults when a practice has no row yet.
 *
 * A clinician's time is claimed only through the scheduling module's booking guard, which
 * serialises per clinician by locking their `staff_memberships` row and then checks overlap with
 * the time-holding appointments and the pending, unexpired requests. Appointments and requests
 * last at most a day (`maxAppointmentMinutes`), so the overlap check reads the index from one day
 * before the start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cpt_code', 'text')
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('fee_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('online_requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('services_practice_name').on('services').columns(['practice_id', 'name']).execute();

  await db.schema
    .createTable('service_clinicians')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addPrimaryKeyConstraint('service_clinicians_pk', ['practice_id', 'service_id', 'staff_id'])
    .execute();
  await db.schema
    .createIndex('service_clinicians_staff')
    .on('service_clinicians')
    .columns(['practice_id', 'staff_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('locations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('video_link', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('locations_practice_name').on('locations').columns(['practice_id', 'name']).execute();

  await db.schema
    .createTable('appointment_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('rrule', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('video_link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff_users.id'))
    .execute();
  await db.schema
    .createIndex('appointment_series_client')
    .on('appointment_series')
    .columns(['practice_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('video_link', 'text')
    .addColumn('series_id', 'text', (c) => c.references('appointment_series.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff_users.id'))
    .execute();
  // A clinician's appointments between two instants: the calendar and the booking guard.
  await db.schema
    .createIndex('appointments_clinician_time')
    .on('appointments')
    .columns(['practice_id', 'clinician_id', 'starts_at'])
    .execute();
  // The practice's calendar for every clinician, and a client's appointments.
  await db.schema
    .createIndex('appointments_practice_time')
    .on('appointments')
    .columns(['practice_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('appointments_client_time')
    .on('appointments')
    .columns(['practice_id', 'client_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('appointments_series').on('appointments').columns(['series_id', 'starts_at']).execute();

  await db.schema
    .createTable('appointment_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('hold_expires_at', 'text', (c) => c.notNull())
    .addColumn('client_message', 'text')
    .addColumn('client_time_zone', 'text', (c) => c.notNull())
    .addColumn('decline_reason', 'text')
    .addColumn('appointment_id', 'text', (c) => c.references('appointments.id'))
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Pending requests of a clinician, by time: what the booking guard and free slots subtract.
  await db.schema
    .createIndex('appointment_requests_pending_clinician')
    .on('appointment_requests')
    .columns(['practice_id', 'clinician_id', 'starts_at'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  // The Requests inbox (pending first, by arrival) and a client's requests.
  await db.schema
    .createIndex('appointment_requests_practice_status')
    .on('appointment_requests')
    .columns(['practice_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('appointment_requests_client')
    .on('appointment_requests')
    .columns(['practice_id', 'client_id', 'created_at'])
    .execute();
  // Holds due to expire, across practices (the expiry worker).
  await db.schema
    .createIndex('appointment_requests_hold_expiry')
    .on('appointment_requests')
    .column('hold_expires_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('scheduling_settings')
    .addColumn('practice_id', 'text', (c) => c.primaryKey().references('practices.id'))
    .addColumn('requests_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_notice_minutes', 'integer', (c) => c.notNull().defaultTo(1440))
    .addColumn('booking_window_days', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('slot_interval_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('buffer_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hold_minutes', 'integer', (c) => c.notNull().defaultTo(4320))
    .addColumn('client_cancel_allowed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('client_cancel_notice_minutes', 'integer', (c) => c.notNull().defaultTo(1440))
    .addColumn('reminder_minutes', 'integer', (c) => c.notNull().defaultTo(1440))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scheduling_settings').execute();
  await db.schema.dropTable('appointment_requests').execute();
  await db.schema.dropTable('appointments').execute();
  await db.schema.dropTable('appointment_series').execute();
  await db.schema.dropTable('locations').execute();
  await db.schema.dropTable('service_clinicians').execute();
  await db.schema.dropTable('services').execute();
}
