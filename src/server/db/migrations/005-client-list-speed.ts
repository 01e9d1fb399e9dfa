import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The client list at 100,000 clients (bench/results): its total was a count(*) over the practice's
 * clients on every page, and a search read each matching word's table row for the copied sort
 * columns. Now:
 * - `practice_client_counts` keeps the number of active and archived clients per practice, changed
 *   in the transaction that creates, archives or restores a client, so the unfiltered list's total
 *   is one row read.
 * - The search words are read from the index alone: on SQLite the table becomes WITHOUT ROWID (the
 *   primary key's b-tree holds every column); on PostgreSQL the primary key index includes the copies.
 * - Every term after the first is checked per candidate through (client_id, word), instead of
 *   collecting all clients matching that term.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('practice_client_counts')
    .addColumn('practice_id', 'text', (c) => c.primaryKey().references('practices.id').onDelete('cascade'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    insert into practice_client_counts (practice_id, active, archived)
    select practice_id,
           sum(case when archived_at is null then 1 else 0 end),
           sum(case when archived_at is null then 0 else 1 end)
    from clients
    group by practice_id
  `.execute(db);

  if (postgres) {
    await db.schema.dropIndex('client_search_words_client').execute();
    await sql`create index client_search_words_client on client_search_words (client_id, word)`.execute(db);
    await sql`
      alter table client_search_words
        drop constraint client_search_words_pk,
        add constraint client_search_words_pk primary key (practice_id, word, client_id)
          include (archived, sort_name, created_at)
    `.execute(db);
    return;
  }

  await rebuildSqliteSearchWords(db, { withoutRowid: true, clientIndex: ['client_id', 'word'] });
}

/** SQLite cannot change a table's storage in place: the words move to a new table of the same name. */
async function rebuildSqliteSearchWords(
  db: Kysely<unknown>,
  shape: { withoutRowid: boolean; clientIndex: string[] },
): Promise<void> {
  await sql`
    create table client_search_words_rebuilt (
      practice_id text not null,
      word text not null,
      client_id text not null references clients (id) on delete cascade,
      sort_name text not null,
      created_at text not null,
      archived integer not null,
      constraint client_search_words_pk primary key (practice_id, word, client_id)
    ) ${shape.withoutRowid ? sql`without rowid` : sql``}
  `.execute(db);
  await sql`
    insert into client_search_words_rebuilt (practice_id, word, client_id, sort_name, created_at, archived)
    select practice_id, word, client_id, sort_name, created_at, archived from client_search_words
  `.execute(db);
  await sql`drop table client_search_words`.execute(db);
  await sql`alter table client_search_words_rebuilt rename to client_search_words`.execute(db);
  await db.schema
    .createIndex('client_search_words_client')
    .on('client_search_words')
    .columns(shape.clientIndex)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable('practice_client_counts').execute();
  if (postgres) {
    await sql`
      alter table client_search_words
        drop constraint client_search_words_pk,
        add constraint client_search_words_pk primary key (practice_id, word, client_id)
    `.execute(db);
    await db.schema.dropIndex('client_search_words_client').execute();
    await sql`create index client_search_words_client on client_search_words (client_id)`.execute(db);
    return;
  }
  await rebuildSqliteSearchWords(db, { withoutRowid: false, clientIndex: ['client_id'] });
}
