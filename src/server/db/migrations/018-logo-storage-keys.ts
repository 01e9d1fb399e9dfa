import { sql, type Kysely } from 'kysely';

/**
 * A practice's logo names its file-store key, as an attachment row does (docs/decisions/021): new
 * logos are stored as `<practice id>/logos/<logo id>`, and logos stored before keep the key they
 * were stored under, `practice-logos/<practice id>/<logo id>`, written here. The index serves the
 * orphan sweep's question of which keys a logo names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('practices').addColumn('logo_storage_key', 'text').execute();
  await sql`update practices set logo_storage_key = 'practice-logos/' || id || '/' || logo_id where logo_id is not null`.execute(
    db,
  );
  await db.schema.createIndex('practices_logo_storage_key').on('practices').column('logo_storage_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('practices_logo_storage_key').execute();
  await db.schema.alterTable('practices').dropColumn('logo_storage_key').execute();
}
