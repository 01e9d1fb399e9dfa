import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { phoneSearchWords } from './frozen/phone-search-words.js';
import { clientSearchWords, wordPrefixes } from './frozen/search-words.js';

/**
 * Client search by phone number (docs/decisions/027, "Phone numbers"). Every client with a phone
 * gets its phone's digit words (every tail of its digits, and its national form's digits) after the
 * other words of its search text; its search document is made again from that text, and in a
 * practice that keeps search rows (1,000 clients or more) the words and prefixes it did not have
 * are added. Down takes the phone's words off the end of the text again and removes the rows only
 * they gave. Both read the clients with a phone in batches of their ids.
 */
const batch = 1000;
/** Search rows written per statement. */
const rowsPerInsert = 500;

interface ClientWithPhone {
  id: string;
  practice_id: string;
  phone: string;
  search_text: string;
  sort_name: string;
  created_at: string;
  archived_at: string | null;
  portal_state: string;
  search_rows: number | string;
}

function searchDocument(searchText: string): string {
  return clientSearchWords(searchText)
    .map((word) => ` ${word}`)
    .join('');
}

/** What one client's rewrite changes: its text and document, and the search rows only its phone gives. */
function rewriteOf(client: ClientWithPhone, direction: 'up' | 'down') {
  const phoneText = phoneSearchWords(client.phone).join(' ').toLowerCase();
  if (!phoneText) return null;
  const tail = ` ${phoneText}`;
  let without = client.search_text;
  if (direction === 'down') {
    if (!without.endsWith(tail)) return null;
    without = without.slice(0, -tail.length);
  }
  const withPhone = without + tail;
  const text = direction === 'up' ? withPhone : without;
  const before = new Set(clientSearchWords(without));
  const words = clientSearchWords(withPhone).filter((word) => !before.has(word));
  const prefixesBefore = new Set(wordPrefixes([...before]));
  const prefixes = wordPrefixes(clientSearchWords(withPhone)).filter((prefix) => !prefixesBefore.has(prefix));
  return { text, document: searchDocument(text), words, prefixes };
}

async function rewrite(db: Kysely<unknown>, direction: 'up' | 'down'): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (let after = ''; ;) {
    const { rows: clients } = await sql<ClientWithPhone>`
      select c.id, c.practice_id, c.phone, c.search_text, c.sort_name, c.created_at, c.archived_at,
             c.portal_state, coalesce(p.search_rows, 0) as search_rows
      from clients c left join practice_client_counts p on p.practice_id = c.practice_id
      where c.phone is not null and c.id > ${after}
      order by c.id
      limit ${batch}
    `.execute(db);
    const last = clients.at(-1);
    if (!last) return;
    after = last.id;

    const changes = clients.flatMap((client) => {
      const change = rewriteOf(client, direction);
      return change ? [{ client, ...change }] : [];
    });
    if (changes.length === 0) continue;
    if (postgres) {
      await sql`
        update clients as c set search_text = v.text, search_document = v.document
        from (values ${sql.join(changes.map((c) => sql`(${c.client.id}, ${c.text}, ${c.document})`))})
          as v(id, text, document)
        where c.id = v.id
      `.execute(db);
    } else {
      for (const change of changes) {
        await sql`
          update clients set search_text = ${change.text}, search_document = ${change.document}
          where id = ${change.client.id}
        `.execute(db);
      }
    }

    const withRows = changes.filter((change) => Number(change.client.search_rows) === 1);
    if (direction === 'down') {
      for (const { client, words, prefixes } of withRows) {
        if (words.length > 0) {
          await sql`
            delete from client_search_words
            where practice_id = ${client.practice_id} and client_id = ${client.id}
              and word in (${sql.join(words)})
          `.execute(db);
        }
        if (prefixes.length > 0) {
          await sql`
            delete from client_search_prefixes
            where practice_id = ${client.practice_id} and sort_name = ${client.sort_name}
              and client_id = ${client.id} and prefix in (${sql.join(prefixes)})
          `.execute(db);
        }
      }
      continue;
    }
    const copies = (client: ClientWithPhone) =>
      sql`${client.id}, ${client.sort_name}, ${client.created_at}, ${client.archived_at === null ? 0 : 1}, ${client.portal_state}`;
    const wordRows = withRows.flatMap(({ client, words }) =>
      words.map((word) => sql`(${client.practice_id}, ${word}, ${copies(client)})`),
    );
    for (let i = 0; i < wordRows.length; i += rowsPerInsert) {
      await sql`
        insert into client_search_words (practice_id, word, client_id, sort_name, created_at, archived, portal_state)
        values ${sql.join(wordRows.slice(i, i + rowsPerInsert))}
        on conflict do nothing
      `.execute(db);
    }
    const prefixRows = withRows.flatMap(({ client, prefixes }) =>
      prefixes.map((prefix) => sql`(${client.practice_id}, ${prefix}, ${copies(client)})`),
    );
    for (let i = 0; i < prefixRows.length; i += rowsPerInsert) {
      await sql`
        insert into client_search_prefixes (practice_id, prefix, client_id, sort_name, created_at, archived, portal_state)
        values ${sql.join(prefixRows.slice(i, i + rowsPerInsert))}
        on conflict do nothing
      `.execute(db);
    }
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rewrite(db, 'up');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rewrite(db, 'down');
}
