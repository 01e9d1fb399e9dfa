import type { Kysely } from 'kysely';

/**
 * Settings → Practice profile and My account: the practice's address, phone and logo (the logo's
 * bytes live in the attachment store under `practice-logos/<practice>/<logo id>`; the row keeps
 * the id and the type read from the bytes), and the one-time links that confirm a staff member's
 * new sign-in email (only the token's hash is kept; the change happens when the link is used).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('practices').addColumn('address', 'text').execute();
  await db.schema.alterTable('practices').addColumn('phone', 'text').execute();
  await db.schema.alterTable('practices').addColumn('logo_id', 'text').execute();
  await db.schema.alterTable('practices').addColumn('logo_content_type', 'text').execute();
  await db.schema
    .createTable('email_changes')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('new_email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('email_changes_staff').on('email_changes').column('staff_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_changes').execute();
  await db.schema.alterTable('practices').dropColumn('logo_content_type').execute();
  await db.schema.alterTable('practices').dropColumn('logo_id').execute();
  await db.schema.alterTable('practices').dropColumn('phone').execute();
  await db.schema.alterTable('practices').dropColumn('address').execute();
}
