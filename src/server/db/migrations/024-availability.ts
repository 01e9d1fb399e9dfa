import type { Kysely } from 'kysely';

/**
 * Availability and the client's side of requests (issue 18, docs/decisions/031), on the scheduling
 * model of migration 022.
 *
 * - `availability_blocks`: a clinician's weekly hours as local wall-clock time in the practice's
 *   zone (ISO weekday 1–7, `HH:MM` start and end; an end at or before the start crosses midnight),
 *   at one of the practice's locations for the services listed in `service_ids` (a JSON array of ids; empty: every
 *   service the clinician offers), with the switch Allow online appointment requests.
 * - `time_off`: one-off spans (UTC instants) in which a clinician takes nothing.
 * - `client_time_zones`: the IANA zone a client chose to see times in, in the portal.
 * - `appointment_reminders`: the appointments whose reminder has been written to the outbox, so
 *   the reminder job sends each once.
 * - `outbox.attachments`: files an email carries (a JSON array of name, type and text content),
 *   such as the calendar file of a confirmed appointment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('availability_blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('service_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('allow_requests', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('availability_blocks_clinician')
    .on('availability_blocks')
    .columns(['practice_id', 'clinician_id', 'weekday', 'start_time'])
    .execute();

  await db.schema
    .createTable('time_off')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('time_off_clinician')
    .on('time_off')
    .columns(['practice_id', 'clinician_id', 'ends_at'])
    .execute();

  await db.schema
    .createTable('client_time_zones')
    .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appointment_reminders')
    .addColumn('appointment_id', 'text', (c) => c.primaryKey().references('appointments.id'))
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('outbox').addColumn('attachments', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('attachments').execute();
  await db.schema.dropTable('appointment_reminders').execute();
  await db.schema.dropTable('client_time_zones').execute();
  await db.schema.dropTable('time_off').execute();
  await db.schema.dropTable('availability_blocks').execute();
}
