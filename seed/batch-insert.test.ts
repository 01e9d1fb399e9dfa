import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabaseKind } from '../test/helpers/test-app.js';
import type { DatabaseHandle, Dialect } from '../src/server/db/database.js';
import type { ClientsTable, ConversationsTable, Database, MessagesTable } from '../src/server/db/schema.js';
import { copyValue, insertInBatches } from './batch-insert.js';

// On the test database: COPY on PostgreSQL, multi-row INSERTs on SQLite; both must store exactly what they were given.
let opened: { handle: DatabaseHandle; drop: () => Promise<void> } | null = null;
afterEach(async () => {
  await opened?.handle.close();
  await opened?.drop();
  opened = null;
});

const awkward = [
  'tab\there',
  'two\nlines',
  'windows\r\nline',
  'back\\slash',
  'ends in a backslash\\',
  '\\N',
  '\\.',
  '\\t is not a tab',
  "O'Connor",
  '"quoted", with a comma; and | bar',
  'Østergaard',
  'Nguyễn Thị Minh Khai',
  '日本語のテキスト',
  'emoji 🙂👩🏽‍⚕️',
  '',
  '  spaces around  ',
  '\t\n\\\r',
  '\u00a0non-breaking\u2028separator\u0001control',
];
const at = '2026-03-02T15:00:00.000Z';
const practiceId = randomUUID();
const staffId = randomUUID();

function clientRows(count: number): ClientsTable[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    practice_id: practiceId,
    first_name: awkward[i % awkward.length] ?? '',
    last_name: `${awkward[(i + 7) % awkward.length] ?? ''} ${i}`,
    preferred_name: i % 3 === 0 ? null : (awkward[(i + 3) % awkward.length] ?? null),
    date_of_birth: i % 2 === 0 ? null : '1990-01-31',
    phone: i % 5 === 0 ? '\\N' : null,
    search_text: (awkward[i % awkward.length] ?? '').repeat(3),
    search_document: ` ${awkward[(i + 5) % awkward.length] ?? ''}`,
    sort_name: `${i}`,
    archived_at: null,
    created_at: at,
    updated_at: at,
    portal_state: 'not_invited',
  }));
}

async function insertPracticeAndOwner(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  await insertInBatches(db, dialect, 'practices', [
    {
      id: practiceId,
      name: "Ørsted & O'Brien\tCounselling",
      slug: `p-${practiceId}`,
      time_zone: 'Europe/Copenhagen',
      created_at: at,
    },
  ]);
  await insertInBatches(db, dialect, 'staff_users', [
    {
      id: staffId,
      practice_id: practiceId,
      name: 'Dr. Zoë\nBackslash\\',
      email: `${staffId}@x.test`,
      password_hash: 'x',
      created_at: at,
      last_sign_in_at: null,
    },
  ]);
}

describe('copyValue (PostgreSQL COPY text format)', () => {
  it('writes NULL as \\N and escapes backslash, tab, newline and carriage return', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('Østergaard O\'Connor "x" 🙂')).toBe('Østergaard O\'Connor "x" 🙂');
    expect(copyValue(0)).toBe('0');
    expect(copyValue(-12.5)).toBe('-12.5');
    expect(copyValue(9007199254740993n)).toBe('9007199254740993');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(new Date(at))).toBe(at);
    expect(() => copyValue(Number.NaN)).toThrow(TypeError);
    expect(() => copyValue({ a: 1 })).toThrow(TypeError);
  });
});

describe('insertInBatches', () => {
  it('stores text with tabs, newlines, backslashes, quotes, unicode and nulls exactly, across many chunks', async () => {
    opened = await openTestDatabase();
    const { db, dialect } = opened.handle;
    // 3,000 rows: several 64 KiB chunks of COPY text on PostgreSQL, several statements on SQLite.
    const clients = clientRows(3_000);
    const conversationId = randomUUID();
    const conversation: ConversationsTable = {
      id: conversationId,
      practice_id: practiceId,
      client_id: clients[0]?.id ?? '',
      created_at: at,
      last_message_at: at,
      last_message_id: 'm-last',
      last_sender: 'staff',
      last_preview: awkward.join(' '),
      last_staff_id: staffId,
      staff_unread: 0,
      client_unread: 2_147_483_647,
      staff_notify_at: null,
      client_notify_at: null,
      staff_notified: 1,
      client_notified: 0,
    };
    const messages: MessagesTable[] = awkward.map((text, i) => ({
      id: `m-${i}`,
      practice_id: practiceId,
      conversation_id: conversationId,
      client_id: clients[0]?.id ?? '',
      sender: i % 2 === 0 ? 'client' : 'staff',
      staff_id: i % 2 === 0 ? null : staffId,
      body: `Hi,\n\n${text}\n\t— ${awkward.join('\r\n')}\n`,
      created_at: at,
      read_at: i % 3 === 0 ? null : at,
    }));
    await db.transaction().execute(async (trx) => {
      await insertPracticeAndOwner(trx, dialect);
      await insertInBatches(trx, dialect, 'clients', clients, 250);
      await insertInBatches(trx, dialect, 'conversations', [conversation]);
      await insertInBatches(trx, dialect, 'messages', messages, 7);
    });

    const columns = [
      'id',
      'practice_id',
      'first_name',
      'last_name',
      'preferred_name',
      'date_of_birth',
      'phone',
      'search_text',
      'search_document',
      'sort_name',
      'archived_at',
      'created_at',
      'updated_at',
      'portal_state',
    ] as const;
    const storedClients = await db.selectFrom('clients').select(columns).execute();
    const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    expect(storedClients.sort(byId)).toEqual([...clients].sort(byId));
    expect(
      await db
        .selectFrom('messages')
        .selectAll()
        .execute()
        .then((rows) => rows.sort(byId)),
    ).toEqual([...messages].sort(byId));
    expect(await db.selectFrom('conversations').selectAll().executeTakeFirst()).toEqual(conversation);
    expect(await db.selectFrom('staff_users').select('name').executeTakeFirst()).toEqual({
      name: 'Dr. Zoë\nBackslash\\',
    });
    // The literal text "\N" is text, not NULL.
    expect(await db.selectFrom('clients').select('id').where('phone', '=', '\\N').execute()).toHaveLength(600);
  });

  it('takes back everything in the transaction when a row is refused, and the connection stays usable', async () => {
    opened = await openTestDatabase();
    const { db, dialect } = opened.handle;
    const clients = clientRows(2_000);
    const [duplicate] = clientRows(1).map((client) => ({ ...client, id: clients[1]?.id ?? '' }));
    if (!duplicate) throw new Error('no row');
    await expect(
      db.transaction().execute(async (trx) => {
        await insertPracticeAndOwner(trx, dialect);
        // Early on, so on PostgreSQL the server refuses it while the rest of the COPY is still on its way.
        await insertInBatches(trx, dialect, 'clients', [...clients.slice(0, 3), duplicate, ...clients.slice(3)]);
      }),
    ).rejects.toThrow(/duplicate key|UNIQUE constraint/);
    expect(await db.selectFrom('practices').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('clients').select('id').execute()).toEqual([]);

    await db.transaction().execute(async (trx) => {
      await insertPracticeAndOwner(trx, dialect);
      await insertInBatches(trx, dialect, 'clients', clients);
    });
    expect(
      await db
        .selectFrom('clients')
        .select(({ fn }) => fn.countAll<number | string>().as('n'))
        .executeTakeFirst(),
    ).toEqual({
      n: dialect === 'postgres' ? '2000' : 2000,
    });
  });

  it.runIf(testDatabaseKind === 'postgres')(
    'cancels the COPY when a value cannot be written, and the transaction rolls back',
    async () => {
      opened = await openTestDatabase();
      const { db, dialect } = opened.handle;
      const clients = clientRows(2_000);
      // Past the first chunk, so the COPY is under way when the bad value comes up.
      const bad = clients.map((client, i) =>
        i === 1_900 ? { ...client, phone: { not: 'text' } as unknown as string } : client,
      );
      await expect(
        db.transaction().execute(async (trx) => {
          await insertPracticeAndOwner(trx, dialect);
          await insertInBatches(trx, dialect, 'clients', bad);
        }),
      ).rejects.toThrow(/cannot write a object value/);
      expect(await db.selectFrom('practices').select('id').execute()).toEqual([]);
      await insertPracticeAndOwner(db, dialect);
      // Outside a transaction too: the COPY holds one pooled connection until it is done.
      await insertInBatches(db, dialect, 'clients', clients);
      expect(await db.selectFrom('clients').select('id').execute()).toHaveLength(2_000);
    },
  );
});
