import type { Kysely } from 'kysely';

/**
 * Secure messaging: one conversation per client, its messages and their attachments. The
 * conversation row keeps what the lists show (last message, unread counts) and when an unread
 * notification is due, so neither the inbox nor the notifier reads the messages table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('portal_settings')
    .addColumn('messaging_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().unique().references('clients.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addColumn('last_message_id', 'text', (c) => c.notNull())
    .addColumn('last_sender', 'text', (c) => c.notNull())
    .addColumn('last_preview', 'text', (c) => c.notNull())
    .addColumn('last_staff_id', 'text')
    .addColumn('staff_unread', 'integer', (c) => c.notNull())
    .addColumn('client_unread', 'integer', (c) => c.notNull())
    .addColumn('staff_notify_at', 'text')
    .addColumn('client_notify_at', 'text')
    .addColumn('staff_notified', 'integer', (c) => c.notNull())
    .addColumn('client_notified', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversations_practice_last')
    .on('conversations')
    .columns(['practice_id', 'last_message_at', 'id'])
    .execute();
  await db.schema
    .createIndex('conversations_practice_unread')
    .on('conversations')
    .columns(['practice_id', 'staff_unread'])
    .execute();
  await db.schema.createIndex('conversations_staff_notify').on('conversations').column('staff_notify_at').execute();
  await db.schema.createIndex('conversations_client_notify').on('conversations').column('client_notify_at').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('messages_conversation_time')
    .on('messages')
    .columns(['conversation_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('messages_conversation_unread')
    .on('messages')
    .columns(['conversation_id', 'sender', 'read_at'])
    .execute();

  await db.schema
    .createTable('message_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_attachments_message').on('message_attachments').column('message_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_attachments').execute();
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('conversations').execute();
  await db.schema.alterTable('portal_settings').dropColumn('messaging_enabled').execute();
}
