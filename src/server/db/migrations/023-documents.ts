import { sql, type Kysely } from 'kysely';

/**
 * Documents (docs/decisions/032): templates the practice writes, the versions it shares, the packets
 * it shares with a client, each shared document's life from sent to completed, and files staff
 * upload for a client to download.
 *
 * - A template's content lives in its versions, which never change: editing writes a new version
 *   and moves `current_version_id`; a shared document points at the exact version it was shared
 *   with. `starter_key` marks the starter templates Portico writes for each practice (one each).
 * - A share is the packet staff send at once (due date, message); its shared documents are its
 *   items in order. Answers are JSON text read through the shared template schema: the draft as the
 *   client goes, the submitted answers once completed (then nothing about the row changes but a
 *   cancellation that is refused for completed ones).
 * - Files (a client's upload to a file question, staff's file to download) keep the attachment
 *   rules' columns: name, content-checked type, size, file-store key and SHA-256.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('current_version_id', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('starter_key', 'text')
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema
    .createIndex('document_templates_practice_name')
    .on('document_templates')
    .columns(['practice_id', 'archived_at', 'name'])
    .execute();
  await db.schema
    .createIndex('document_templates_practice_starter')
    .on('document_templates')
    .columns(['practice_id', 'starter_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('document_template_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('template_id', 'text', (c) => c.notNull().references('document_templates.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_template_versions_template_version')
    .on('document_template_versions')
    .columns(['template_id', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('document_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('due_date', 'text')
    .addColumn('message', 'text')
    .addColumn('created_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** 1 when this share also invited the client to the portal (the invite-while-sharing flow). */
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('document_shares_client')
    .on('document_shares')
    .columns(['practice_id', 'client_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('shared_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('share_id', 'text', (c) => c.notNull().references('document_shares.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull().references('document_templates.id'))
    .addColumn('template_version_id', 'text', (c) => c.notNull().references('document_template_versions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('viewed_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('last_reminded_at', 'text')
    .addColumn('draft_answers', 'text')
    .addColumn('draft_saved_at', 'text')
    .addColumn('answers', 'text')
    .addColumn('signer_name', 'text')
    .addColumn('signature_storage_key', 'text')
    .addColumn('signer_ip', 'text')
    .addColumn('signer_user_agent', 'text')
    .addColumn('signed_at', 'text')
    /** SHA-256 of the signed content (the version and the answers), printed on the PDF. */
    .addColumn('content_sha256', 'text')
    .addColumn('pdf_storage_key', 'text')
    .addColumn('pdf_sha256', 'text')
    .addCheckConstraint(
      'shared_documents_status',
      sql`status in ('sent', 'viewed', 'in_progress', 'completed', 'cancelled')`,
    )
    .execute();
  await db.schema
    .createIndex('shared_documents_client_status')
    .on('shared_documents')
    .columns(['practice_id', 'client_id', 'status'])
    .execute();
  await db.schema
    .createIndex('shared_documents_share_position')
    .on('shared_documents')
    .columns(['share_id', 'position'])
    .unique()
    .execute();

  await db.schema
    .createTable('shared_document_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('shared_document_id', 'text', (c) => c.notNull().references('shared_documents.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shared_document_files_document')
    .on('shared_document_files')
    .columns(['shared_document_id', 'question_id'])
    .execute();

  await db.schema
    .createTable('client_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('first_downloaded_at', 'text')
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createIndex('client_files_client')
    .on('client_files')
    .columns(['practice_id', 'client_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('client_files').execute();
  await db.schema.dropTable('shared_document_files').execute();
  await db.schema.dropTable('shared_documents').execute();
  await db.schema.dropTable('document_shares').execute();
  await db.schema.dropTable('document_template_versions').execute();
  await db.schema.dropTable('document_templates').execute();
}
