import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Broad client searches in the list's order (decision 006). A search for "smith" sorted by name
 * had to sort every matching word (56,894 among a million clients) for one page, because the search
 * words are ordered by word, not by name. `client_search_prefixes` holds each client's distinct
 * word prefixes of one to three characters, with the copied list columns, keyed by prefix and then
 * by the list's order: the clients whose words start with "smi" are read already sorted by name, or
 * by creation time through the second index, and a page stops after its rows.
 *
 * There is no index by client: the rows of one client are found by their full key, its prefixes and
 * sort name being known from its search words (clients.queries.ts), which saves a third index the
 * size of the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('client_search_prefixes')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    // Compared bytewise on PostgreSQL, like the words they come from.
    .addColumn('prefix', 'text', (c) => (postgres ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .$call((table) =>
      // On SQLite the primary key's b-tree is the table (WITHOUT ROWID) and the other index holds
      // the key's columns, so either order is read from one b-tree; PostgreSQL's indexes include
      // the rest of the row instead. Reads never visit the table.
      postgres
        ? table
        : table.addPrimaryKeyConstraint('client_search_prefixes_pk', [
            'practice_id',
            'prefix',
            'sort_name',
            'client_id',
          ]),
    )
    .$call((table) => (postgres ? table : table.modifyEnd(sql`without rowid`)))
    .execute();
  if (postgres) {
    await sql`
      alter table client_search_prefixes
        add constraint client_search_prefixes_pk primary key (practice_id, prefix, sort_name, client_id)
          include (archived, created_at)
    `.execute(db);
    await sql`
      create index client_search_prefixes_created on client_search_prefixes (practice_id, prefix, created_at, client_id)
        include (archived, sort_name)
    `.execute(db);
  } else {
    await db.schema
      .createIndex('client_search_prefixes_created')
      .on('client_search_prefixes')
      .columns(['practice_id', 'prefix', 'created_at', 'client_id', 'archived'])
      .execute();
  }

  // The prefixes of the words there are. substr counts characters on both databases, as
  // wordPrefixes does (code points), so these are the rows the application would have written.
  await sql`
    insert into client_search_prefixes (practice_id, prefix, client_id, sort_name, created_at, archived)
    select distinct w.practice_id, substr(w.word, 1, n.length), w.client_id, w.sort_name, w.created_at, w.archived
    from client_search_words w
    cross join (select 1 as length union all select 2 union all select 3) n
    where length(w.word) >= n.length
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('client_search_prefixes').execute();
}
