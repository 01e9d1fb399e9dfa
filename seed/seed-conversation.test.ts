import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/helpers/test-app.js';
import type { DatabaseHandle } from '../src/server/db/database.js';
import { loadMessagingSituation, messagingStatus } from '../src/server/modules/messaging/index.js';
import { previewOf } from '../src/server/modules/messaging/index.js';
import { systemScope } from '../src/server/platform/request-context.js';
import { seedDatabase } from './seed-database.js';

// On the test database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): the conversation's
// rows must satisfy what the messaging server assumes of them on either.
let opened: { handle: DatabaseHandle; drop: () => Promise<void> } | null = null;
afterEach(async () => {
  await opened?.handle.close();
  await opened?.drop();
  opened = null;
});

describe('seedDatabase with messagesInConversation', () => {
  it('gives one active client a consistent conversation, alternating and spread over two years', async () => {
    opened = await openTestDatabase();
    const { db, dialect } = opened.handle;
    const now = new Date('2026-03-02T15:00:00.000Z');
    const result = await seedDatabase(db, dialect, {
      practices: 2,
      clientsPerPractice: 40,
      messagesInConversation: 500,
      rowsPerStatement: 120,
      now,
    });
    const [first, second] = result.practices;
    const seeded = first?.conversation;
    if (!first || !seeded) throw new Error('no conversation was seeded');
    expect(second?.conversation).toBeNull();
    expect(seeded).toMatchObject({ messages: 500, unread: 3 });

    const access = await db.selectFrom('portal_access').selectAll().execute();
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      client_id: seeded.clientId,
      practice_id: first.id,
      state: 'active',
      perm_messaging: 1,
    });
    const email = await db
      .selectFrom('client_emails')
      .selectAll()
      .where('id', '=', access[0]?.email_id ?? '')
      .executeTakeFirstOrThrow();
    expect(email).toMatchObject({ client_id: seeded.clientId, address: access[0]?.email_address, is_primary: 1 });
    // Staff can write to this client with no portal_settings row (the defaults are on).
    const situation = await loadMessagingSituation(
      { ...systemScope(db, first.id), clock: { now: () => now } },
      seeded.clientId,
    );
    expect(messagingStatus(situation).canSend).toBe(true);

    const messages = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', seeded.conversationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(messages).toHaveLength(500);
    expect(messages.every((m) => m.client_id === seeded.clientId && m.practice_id === first.id)).toBe(true);
    const times = messages.map((m) => Date.parse(m.created_at));
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? Infinity))).toBe(true);
    expect(times[0]).toBeLessThan(now.getTime() - 700 * 86_400_000);
    expect(times.at(-1)).toBeLessThan(now.getTime());
    expect(messages.every((m) => m.body.length >= 20 && m.body.length <= 600)).toBe(true);
    expect(new Set(messages.map((m) => m.body.length)).size).toBeGreaterThan(50);
    // Turns alternate until the client's unread follow-ups at the end.
    expect(messages.slice(0, 496).every((m, i) => m.sender === (i % 2 === 0 ? 'client' : 'staff'))).toBe(true);
    expect(messages.slice(-3).map((m) => [m.sender, m.read_at])).toEqual([
      ['client', null],
      ['client', null],
      ['client', null],
    ]);
    expect(
      messages
        .slice(0, -3)
        .every((m) => m.read_at !== null && m.read_at > m.created_at && m.read_at <= now.toISOString()),
    ).toBe(true);
    expect(messages.filter((m) => m.sender === 'staff').every((m) => m.staff_id === first.owner.id)).toBe(true);
    expect(messages.filter((m) => m.sender === 'client').every((m) => m.staff_id === null)).toBe(true);

    const conversation = await db.selectFrom('conversations').selectAll().executeTakeFirstOrThrow();
    const last = messages.at(-1);
    expect(conversation).toMatchObject({
      id: seeded.conversationId,
      practice_id: first.id,
      client_id: seeded.clientId,
      created_at: messages[0]?.created_at,
      last_message_at: last?.created_at,
      last_message_id: last?.id,
      last_sender: 'client',
      last_preview: previewOf(last?.body ?? '', undefined),
      last_staff_id: first.owner.id,
      staff_unread: 3,
      client_unread: 0,
      staff_notify_at: null,
      client_notify_at: null,
    });
  });
});
