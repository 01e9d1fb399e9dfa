import type { Kysely } from 'kysely';

/**
 * Appointment reminders leave the service's name out unless the practice chooses otherwise: a name
 * like "Couples therapy" in an inbox can reveal the kind of care. The flag is off for every practice,
 * so reminders read as they did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('scheduling_settings')
    .addColumn('reminder_names_service', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scheduling_settings').dropColumn('reminder_names_service').execute();
}
