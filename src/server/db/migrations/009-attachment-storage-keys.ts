import type { Kysely } from 'kysely';

/**
 * The attachment store is swept of files no message refers to (decision 011): it asks which of a
 * batch of storage keys an attachment row names, which without this index reads the whole table
 * for every batch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('message_attachments_storage_key')
    .on('message_attachments')
    .column('storage_key')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('message_attachments_storage_key').execute();
}
