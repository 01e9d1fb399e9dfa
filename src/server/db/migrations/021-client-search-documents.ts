import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Client search for many small practices and a few large ones (docs/decisions/027). Every client
 * gets a search document: its search words, each after a space (" ada lovelace lovelace.ada@…"),
 * made here from the words it has. Only practices with at least 1,000 clients keep their
 * client_search_words and client_search_prefixes rows (`practice_client_counts.search_rows` = 1);
 * a smaller practice's searches read its clients in the list's order and match the document, so
 * its rows (about 27 per client, 16 KB on PostgreSQL) are deleted. The application builds a
 * practice's rows when it reaches 1,000 clients.
 *
 * Down writes the rows again for every client of the practices without them, from the documents
 * (which hold exactly the words), and their prefixes as migration 007 derives them.
 */
const searchRowsFromClients = 1000;

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('clients')
    .addColumn('search_document', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('practice_client_counts')
    .addColumn('search_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A word never holds a space: the search text is split on white space into its words.
  await (
    postgres
      ? sql`
        update clients c
        set search_document = w.document
        from (select client_id, string_agg(' ' || word, '' order by word) as document
              from client_search_words group by client_id) w
        where w.client_id = c.id
      `
      : sql`
        update clients
        set search_document = coalesce(
          (select group_concat(' ' || word, '')
           from (select word from client_search_words w where w.client_id = clients.id order by word)),
          '')
      `
  ).execute(db);
  await sql`
    update practice_client_counts set search_rows = 1
    where active + archived >= ${searchRowsFromClients}
  `.execute(db);
  for (const table of ['client_search_prefixes', 'client_search_words']) {
    await sql`
      delete from ${sql.table(table)}
      where practice_id not in (select practice_id from practice_client_counts where search_rows = 1)
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const withRows = sql`(select practice_id from practice_client_counts where search_rows = 1)`;
  // Each word of a document: the text between one space and the next.
  await (
    postgres
      ? sql`
        insert into client_search_words (practice_id, word, client_id, sort_name, created_at, archived, portal_state)
        select c.practice_id, w.word, c.id, c.sort_name, c.created_at,
               case when c.archived_at is null then 0 else 1 end, c.portal_state
        from clients c
        cross join lateral unnest(string_to_array(substr(c.search_document, 2), ' ')) as w(word)
        where c.practice_id not in ${withRows} and c.search_document <> ''
      `
      : sql`
        with recursive split(client_id, word, rest) as (
          select id, '', substr(search_document, 2) || ' '
          from clients
          where practice_id not in ${withRows} and search_document <> ''
          union all
          select client_id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
          from split where rest <> ''
        )
        insert into client_search_words (practice_id, word, client_id, sort_name, created_at, archived, portal_state)
        select c.practice_id, s.word, c.id, c.sort_name, c.created_at,
               case when c.archived_at is null then 0 else 1 end, c.portal_state
        from split s join clients c on c.id = s.client_id
        where s.word <> ''
      `
  ).execute(db);
  // The prefixes of those words, as migration 007 derives them (substr counts code points).
  await sql`
    insert into client_search_prefixes (practice_id, prefix, client_id, sort_name, created_at, archived, portal_state)
    select distinct w.practice_id, substr(w.word, 1, n.length), w.client_id, w.sort_name, w.created_at, w.archived,
           w.portal_state
    from client_search_words w
    cross join (select 1 as length union all select 2 union all select 3) n
    where length(w.word) >= n.length and w.practice_id not in ${withRows}
  `.execute(db);
  await db.schema.alterTable('practice_client_counts').dropColumn('search_rows').execute();
  await db.schema.alterTable('clients').dropColumn('search_document').execute();
}
