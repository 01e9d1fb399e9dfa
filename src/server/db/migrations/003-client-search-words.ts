import { PostgresAdapter, type Kysely } from 'kysely';
import { sql } from 'kysely';
import { searchWordRows } from './frozen/search-words.js';
import type { ClientSearchWordsTable, Database } from '../schema.js';

/**
 * Search by word prefix through an index instead of scanning every client with LIKE '%…%'.
 * The word column compares bytewise (C collation) on PostgreSQL, as SQLite's default does, so a
 * prefix is a plain range on both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('client_search_words')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('word', 'text', (c) => (postgres ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    // Copies of the client's list columns, so a search is counted and sorted from this index alone.
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_search_words_pk', ['practice_id', 'word', 'client_id'])
    .execute();
  await db.schema.createIndex('client_search_words_client').on('client_search_words').column('client_id').execute();

  // The list filters by status before it sorts; these indexes answer both, and its count.
  await db.schema
    .createIndex('clients_practice_status_sort')
    .on('clients')
    .columns(['practice_id', 'archived_at', 'sort_name', 'id'])
    .execute();
  await db.schema
    .createIndex('clients_practice_status_created')
    .on('clients')
    .columns(['practice_id', 'archived_at', 'created_at', 'id'])
    .execute();

  // Queries filter by practice first (tenancy); these let SQLite's planner keep using an index
  // after that equality instead of scanning all of the practice's emails or audit rows.
  await db.schema
    .createIndex('client_emails_practice_client')
    .on('client_emails')
    .columns(['practice_id', 'client_id', 'position'])
    .execute();
  await db.schema
    .createIndex('audit_practice_client_created')
    .on('audit_log')
    .columns(['practice_id', 'client_id', 'created_at'])
    .execute();

  const typed = db as unknown as Kysely<Pick<Database, 'clients'>>;
  // The table as this migration made it (migration 019 later added the portal state).
  const insertable = db as unknown as Kysely<{ client_search_words: Omit<ClientSearchWordsTable, 'portal_state'> }>;
  let after = '';
  for (;;) {
    const batch = await typed
      .selectFrom('clients')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (batch.length === 0) break;
    const rows = searchWordRows(batch);
    for (let i = 0; i < rows.length; i += 300) {
      await insertable
        .insertInto('client_search_words')
        .values(rows.slice(i, i + 300))
        .execute();
    }
    after = batch.at(-1)?.id ?? after;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_practice_client_created').execute();
  await db.schema.dropIndex('client_emails_practice_client').execute();
  await db.schema.dropIndex('clients_practice_status_created').execute();
  await db.schema.dropIndex('clients_practice_status_sort').execute();
  await db.schema.dropTable('client_search_words').execute();
}
