import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/helpers/test-app.js';
import type { DatabaseHandle } from '../src/server/db/database.js';
import { previewOf } from '../src/server/modules/messaging/index.js';
import { seedDatabase } from './seed-database.js';

let opened: { handle: DatabaseHandle; drop: () => Promise<void> } | null = null;
afterEach(async () => {
  await opened?.handle.close();
  await opened?.drop();
  opened = null;
});

describe('seedDatabase with portal accesses and messages', () => {
  it('gives clients active access and spreads the messages over consistent conversations', async () => {
    opened = await openTestDatabase();
    const { db, dialect } = opened.handle;
    const now = new Date('2026-03-02T15:00:00.000Z');
    const result = await seedDatabase(db, dialect, {
      practices: 2,
      clientsPerPractice: 300,
      // Several chunks, so each one's share is checked too.
      clientsPerTransaction: 70,
      portalAccessesPerPractice: 60,
      messagesPerPractice: 900,
      messagesInConversation: 40,
      rowsPerStatement: 97,
      now,
    });
    const [first, second] = result.practices;
    if (!first || !second) throw new Error('two practices were asked for');
    expect(first).toMatchObject({ portalAccesses: 60, messages: 900 });
    expect(second).toMatchObject({ portalAccesses: 60, messages: 900, conversation: null });
    expect(result).toMatchObject({ portalAccesses: 121, messages: 1840 });
    expect(first.portalEmails).toHaveLength(60);

    const access = await db
      .selectFrom('portal_access')
      .innerJoin('clients', 'clients.id', 'portal_access.client_id')
      .innerJoin('client_emails', 'client_emails.id', 'portal_access.email_id')
      .select([
        'portal_access.practice_id',
        'portal_access.state',
        'portal_access.email_address',
        'clients.archived_at',
      ])
      .select([
        'client_emails.address',
        'client_emails.is_primary',
        'client_emails.email_ok',
        'client_emails.client_id',
      ])
      .execute();
    expect(access).toHaveLength(121);
    for (const row of access) {
      expect(row).toMatchObject({
        state: 'active',
        archived_at: null,
        is_primary: 1,
        email_ok: 1,
        address: row.email_address,
      });
    }
    expect(new Set(first.portalEmails)).toEqual(
      new Set(
        access
          .filter((row) => row.practice_id === first.id && row.client_id !== first.conversation?.clientId)
          .map((r) => r.address),
      ),
    );

    const conversations = await db.selectFrom('conversations').selectAll().execute();
    const messages = await db.selectFrom('messages').selectAll().orderBy('created_at').orderBy('id').execute();
    expect(messages).toHaveLength(1840);
    expect(conversations.length).toBeGreaterThan(60);
    for (const conversation of conversations) {
      const own = messages.filter((m) => m.conversation_id === conversation.id);
      const last = own.at(-1);
      expect(own.length).toBeGreaterThan(0);
      expect(
        own.every((m) => m.client_id === conversation.client_id && m.practice_id === conversation.practice_id),
      ).toBe(true);
      expect(conversation).toMatchObject({
        created_at: own[0]?.created_at,
        last_message_at: last?.created_at,
        last_message_id: last?.id,
        last_sender: last?.sender,
        last_preview: previewOf(last?.body ?? '', undefined),
        staff_unread: own.filter((m) => m.sender === 'client' && m.read_at === null).length,
        client_unread: own.filter((m) => m.sender === 'staff' && m.read_at === null).length,
      });
      expect(
        own.every((m) => m.created_at < now.toISOString() && (m.read_at === null || m.read_at > m.created_at)),
      ).toBe(true);
    }
  });
});
