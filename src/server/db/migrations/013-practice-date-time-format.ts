import { sql, type Kysely } from 'kysely';

/**
 * One date and time format per practice: the order of day and month, and the clock. Both stay
 * null until the owner chooses; until then the practice's time zone decides (United States zones:
 * month first and 12-hour; all others: day first and 24-hour — src/shared/date-time-format.ts), so
 * existing and new practices start alike and nothing is backfilled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('practices')
    .addColumn('date_order', 'text', (col) => col.check(sql`date_order in ('day-first', 'month-first')`))
    .execute();
  await db.schema
    .alterTable('practices')
    .addColumn('clock', 'text', (col) => col.check(sql`clock in ('24-hour', '12-hour')`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('practices').dropColumn('clock').execute();
  await db.schema.alterTable('practices').dropColumn('date_order').execute();
}
