import type { Kysely } from 'kysely';

/**
 * Two-factor sign-in for staff (docs/decisions/022). Two-factor belongs to the person, in a row
 * of their own: the TOTP secret (kept from when set-up starts, in force once `enabled_at` is set)
 * and the last time step a code was accepted for, so a code replayed within its window is refused.
 * Backup codes are kept hashed, one row each, used once. A pending sign-in (password right, code
 * still needed) is a short-lived single-use token kept hashed, not a session. A practice may
 * require two-factor of everyone (since `two_factor_required_at`); a session opened there for
 * someone without it is limited to setting it up (`limited_to`) until they have.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_two_factor')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff_users.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'text')
    .addColumn('last_step', 'integer')
    .execute();
  await db.schema
    .createTable('staff_backup_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_backup_codes_staff_code')
    .on('staff_backup_codes')
    .columns(['staff_id', 'code_hash'])
    .execute();
  await db.schema
    .createTable('two_factor_challenges')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('wrong_codes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('two_factor_challenges_staff').on('two_factor_challenges').column('staff_id').execute();
  await db.schema.alterTable('practices').addColumn('two_factor_required_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('limited_to', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('limited_to').execute();
  await db.schema.alterTable('practices').dropColumn('two_factor_required_at').execute();
  await db.schema.dropTable('two_factor_challenges').execute();
  await db.schema.dropTable('staff_backup_codes').execute();
  await db.schema.dropTable('staff_two_factor').execute();
}
