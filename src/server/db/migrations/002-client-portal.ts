import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per practice: the portal switch, defaults for new clients and the welcome message.
  await db.schema
    .createTable('portal_settings')
    .addColumn('practice_id', 'text', (c) => c.primaryKey().references('practices.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('welcome_message', 'text', (c) => c.notNull())
    .addColumn('default_appointments', 'integer', (c) => c.notNull())
    .addColumn('default_messaging', 'integer', (c) => c.notNull())
    .addColumn('default_billing', 'integer', (c) => c.notNull())
    .addColumn('default_pay', 'integer', (c) => c.notNull())
    .addColumn('payments_active', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A client's portal access; no row means "not invited" too (a row exists once permissions are saved).
  await db.schema
    .createTable('portal_access')
    .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('email_id', 'text')
    .addColumn('email_address', 'text')
    .addColumn('perm_appointments', 'integer', (c) => c.notNull())
    .addColumn('perm_messaging', 'integer', (c) => c.notNull())
    .addColumn('perm_billing', 'integer', (c) => c.notNull())
    .addColumn('perm_pay', 'integer', (c) => c.notNull())
    .addColumn('first_invited_at', 'text')
    .addColumn('last_invited_at', 'text')
    .addColumn('first_signed_in_at', 'text')
    .addColumn('last_signed_in_at', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portal_access_practice_email')
    .on('portal_access')
    .columns(['practice_id', 'email_address'])
    .execute();

  // One-time sign-in links and codes. Only hashes are stored.
  await db.schema
    .createTable('portal_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('code_hash', 'text')
    .addColumn('email_address', 'text')
    .addColumn('code_attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('code_expires_at', 'text')
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('outbox_id', 'text')
    .execute();
  await db.schema
    .createIndex('portal_tokens_client_created')
    .on('portal_tokens')
    .columns(['client_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('portal_tokens').execute();
  await db.schema.dropTable('portal_access').execute();
  await db.schema.dropTable('portal_settings').execute();
}
