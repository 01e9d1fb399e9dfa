import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The client list filters by Client Portal state (docs/decisions/023). Each client carries a copy of
 * its access state (`portal_state`: not_invited, invited, active, disabled), and so do its search
 * words and prefixes, as they already carry the archived flag; the portal-access module changes
 * all of them in the transaction that changes the access. So:
 * - the list without a search reads one index, (practice_id, portal_state, archived_at, sort_name or
 *   created_at, id) for a status, (practice_id, portal_state, sort_name or created_at, id) for all,
 *   in the list's order, and stops after its page;
 * - a search filters its words and prefixes on the copy read from the same index entries it reads
 *   already (PostgreSQL's INCLUDE lists, SQLite's WITHOUT ROWID b-trees), never visiting a table;
 * - `practice_portal_state_counts` keeps the number of active and archived clients per practice and
 *   state, so the filtered list's total is a row read, as practice_client_counts is for the list.
 * Existing rows are filled in from portal_access (a client without an access row is not_invited).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  for (const table of ['clients', 'client_search_words', 'client_search_prefixes']) {
    await db.schema
      .alterTable(table)
      .addColumn('portal_state', 'text', (c) => c.notNull().defaultTo('not_invited'))
      .execute();
  }
  await sql`
    update clients
    set portal_state = (select pa.state from portal_access pa where pa.client_id = clients.id)
    where id in (select client_id from portal_access where state <> 'not_invited')
  `.execute(db);
  for (const table of ['client_search_words', 'client_search_prefixes']) {
    await sql`
      update ${sql.table(table)}
      set portal_state = (select c.portal_state from clients c where c.id = ${sql.ref(`${table}.client_id`)})
      where client_id in (select client_id from portal_access where state <> 'not_invited')
    `.execute(db);
  }

  for (const [name, columns] of clientIndexes) {
    await db.schema.createIndex(name).on('clients').columns(columns).execute();
  }

  if (postgres) {
    await sql`
      alter table client_search_words
        drop constraint client_search_words_pk,
        add constraint client_search_words_pk primary key (practice_id, word, client_id)
          include (archived, sort_name, created_at, portal_state)
    `.execute(db);
    await sql`
      alter table client_search_prefixes
        drop constraint client_search_prefixes_pk,
        add constraint client_search_prefixes_pk primary key (practice_id, prefix, sort_name, client_id)
          include (archived, created_at, portal_state)
    `.execute(db);
    await sql`drop index client_search_prefixes_created`.execute(db);
    await sql`
      create index client_search_prefixes_created on client_search_prefixes (practice_id, prefix, created_at, client_id)
        include (archived, sort_name, portal_state)
    `.execute(db);
  } else {
    // The WITHOUT ROWID tables' key b-trees hold the new column already; the index by creation
    // time holds only its columns and the key's, so it takes the copy as its last column.
    await db.schema.dropIndex('client_search_prefixes_created').execute();
    await db.schema
      .createIndex('client_search_prefixes_created')
      .on('client_search_prefixes')
      .columns(['practice_id', 'prefix', 'created_at', 'client_id', 'archived', 'portal_state'])
      .execute();
  }

  await db.schema
    .createTable('practice_portal_state_counts')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('portal_state', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('practice_portal_state_counts_pk', ['practice_id', 'portal_state'])
    .execute();
  await sql`
    insert into practice_portal_state_counts (practice_id, portal_state, active, archived)
    select practice_id, portal_state,
           sum(case when archived_at is null then 1 else 0 end),
           sum(case when archived_at is null then 0 else 1 end)
    from clients
    group by practice_id, portal_state
  `.execute(db);
}

const clientIndexes: [string, string[]][] = [
  ['clients_practice_portal_status_sort', ['practice_id', 'portal_state', 'archived_at', 'sort_name', 'id']],
  ['clients_practice_portal_status_created', ['practice_id', 'portal_state', 'archived_at', 'created_at', 'id']],
  ['clients_practice_portal_sort', ['practice_id', 'portal_state', 'sort_name', 'id']],
  ['clients_practice_portal_created', ['practice_id', 'portal_state', 'created_at', 'id']],
];

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable('practice_portal_state_counts').execute();
  for (const [name] of clientIndexes) await db.schema.dropIndex(name).execute();
  if (postgres) {
    await sql`
      alter table client_search_words
        drop constraint client_search_words_pk,
        add constraint client_search_words_pk primary key (practice_id, word, client_id)
          include (archived, sort_name, created_at)
    `.execute(db);
    await sql`
      alter table client_search_prefixes
        drop constraint client_search_prefixes_pk,
        add constraint client_search_prefixes_pk primary key (practice_id, prefix, sort_name, client_id)
          include (archived, created_at)
    `.execute(db);
    await sql`drop index client_search_prefixes_created`.execute(db);
    await sql`
      create index client_search_prefixes_created on client_search_prefixes (practice_id, prefix, created_at, client_id)
        include (archived, sort_name)
    `.execute(db);
  } else {
    await db.schema.dropIndex('client_search_prefixes_created').execute();
    await db.schema
      .createIndex('client_search_prefixes_created')
      .on('client_search_prefixes')
      .columns(['practice_id', 'prefix', 'created_at', 'client_id', 'archived'])
      .execute();
  }
  for (const table of ['clients', 'client_search_words', 'client_search_prefixes']) {
    await db.schema.alterTable(table).dropColumn('portal_state').execute();
  }
}
