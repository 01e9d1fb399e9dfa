import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../src/server/db/database.js';
import type {
  ClientsTable,
  ConversationsTable,
  Database,
  MessageSender,
  MessagesTable,
  PortalAccessTable,
} from '../src/server/db/schema.js';
import { previewOf } from '../src/server/modules/messaging/index.js';
import { insertInBatches } from './batch-insert.js';
import type { ClientRows } from './client-rows.js';
import type { Random } from './random.js';
import { messageBody, messageTimesBetween } from './seed-conversation.js';

const dayMs = 86_400_000;
const hourMs = 3_600_000;
/** Messages generated (and held in memory) before they are inserted. */
const rowsPerFlush = 10_000;

export interface PortalChunkOptions {
  practiceId: string;
  /** The chunk's clients to give active portal access (choosePortalClients). */
  chosen: readonly ClientsTable[];
  /** The staff member who writes the practice's side of every conversation. */
  staffId: string;
  staffName: string;
  /** Messages to spread over their conversations. */
  messages: number;
  random: Random;
  now: Date;
  rowsPerStatement?: number;
}

export interface PortalChunkResult {
  accesses: number;
  conversations: number;
  messages: number;
  /** The portal email addresses given access, in order. */
  emails: string[];
}

function primaryConsentingEmails(rows: ClientRows) {
  return new Map(
    rows.emails.filter((email) => email.is_primary === 1 && email.email_ok === 1).map((e) => [e.client_id, e]),
  );
}

/**
 * Picks `accesses` of a chunk's freshly generated clients for active portal access (active clients
 * whose primary email has Email OK on, picked evenly by selection sampling), leaving out `reserved`
 * (the seeded long conversation picks among them), and marks their rows' copy of the portal state,
 * so the clients and their search rows are inserted with it.
 */
export function choosePortalClients(
  rows: ClientRows,
  options: { reserved: ReadonlySet<string>; accesses: number; random: Random },
): ClientsTable[] {
  const primary = primaryConsentingEmails(rows);
  const eligible = rows.clients.filter(
    (client) => client.archived_at === null && primary.has(client.id) && !options.reserved.has(client.id),
  );
  // Selection sampling: each client is taken with probability (still needed) / (still left).
  const chosen: typeof eligible = [];
  let needed = Math.min(options.accesses, eligible.length);
  for (let i = 0; i < eligible.length && needed > 0; i++) {
    if (options.random.next() * (eligible.length - i) < needed) {
      const client = eligible[i];
      if (client) chosen.push(client);
      needed--;
    }
  }
  for (const client of chosen) client.portal_state = 'active';
  return chosen;
}

/**
 * Gives the chosen clients of a chunk (choosePortalClients, inserted already) active portal access
 * and spreads `messages` over their conversations with the practice: a few long ones, many short, some with
 * none. Each conversation row agrees with its messages (last message, unread counters), as the
 * server would have left it. Runs in the caller's transaction.
 */
export async function seedPortalChunk(
  db: Kysely<Database>,
  dialect: Dialect,
  rows: ClientRows,
  options: PortalChunkOptions,
): Promise<PortalChunkResult> {
  const { random, now, chosen } = options;
  const nowMs = now.getTime();
  const primary = primaryConsentingEmails(rows);
  if (chosen.length === 0) return { accesses: 0, conversations: 0, messages: 0, emails: [] };

  // Message counts: exponential weights, so most conversations are short and a few are long.
  const weights = chosen.map(() => -Math.log(1 - random.next()));
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const counts = weights.map((w) => Math.floor((options.messages * w) / weightSum));
  let left = options.messages - counts.reduce((sum, n) => sum + n, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i] = (counts[i] ?? 0) + 1;

  const iso = (ms: number): string => new Date(ms).toISOString();
  // Rows wait here until enough messages have piled up; conversations go in before their messages.
  let access: PortalAccessTable[] = [];
  let conversations: ConversationsTable[] = [];
  let pending: MessagesTable[] = [];
  const flush = async (): Promise<void> => {
    await insertInBatches(db, dialect, 'portal_access', access, options.rowsPerStatement);
    await insertInBatches(db, dialect, 'conversations', conversations, options.rowsPerStatement);
    await insertInBatches(db, dialect, 'messages', pending, options.rowsPerStatement);
    access = [];
    conversations = [];
    pending = [];
  };
  const emails: string[] = [];
  let accessTotal = 0;
  let conversationTotal = 0;
  let messageTotal = 0;
  for (const [index, client] of chosen.entries()) {
    const email = primary.get(client.id);
    if (!email) continue;
    emails.push(email.address);
    const count = counts[index] ?? 0;
    // The conversation runs from after they became a client (at most two years back) to some time in the last three months.
    const end = nowMs - random.int(2, 90 * 24) * hourMs;
    const start = Math.min(
      Math.max(Date.parse(client.created_at), nowMs - 730 * dayMs),
      end - Math.max(1, count) * 60_000,
    );
    const invitedAt = start - random.int(1, 14) * dayMs;
    const signedInAt = invitedAt + random.int(600, 3 * 86_400) * 1000;
    access.push({
      client_id: client.id,
      practice_id: options.practiceId,
      state: 'active',
      email_id: email.id,
      email_address: email.address,
      perm_appointments: 1,
      perm_messaging: 1,
      perm_billing: 1,
      perm_pay: 0,
      first_invited_at: iso(invitedAt),
      last_invited_at: iso(invitedAt),
      first_signed_in_at: iso(signedInAt),
      last_signed_in_at: iso(Math.max(signedInAt, end - random.int(1, 48) * hourMs)),
      disabled_at: null,
      updated_at: iso(signedInAt),
    });
    accessTotal++;
    if (count === 0) continue;

    const times = messageTimesBetween(random, count, start, end);
    const clientFirstName = client.preferred_name ?? client.first_name;
    // Mostly taking turns, now and then two in a row from one side.
    const senders: MessageSender[] = [];
    let sender: MessageSender = random.chance(0.6) ? 'client' : 'staff';
    for (let i = 0; i < count; i++) {
      senders.push(sender);
      if (random.chance(0.75)) sender = sender === 'client' ? 'staff' : 'client';
    }
    // Some conversations end with messages the other side has not read yet.
    const last = senders[count - 1] ?? 'client';
    let trailing = 0;
    while (trailing < count && senders[count - 1 - trailing] === last) trailing++;
    const unread = random.chance(last === 'client' ? 0.15 : 0.2) ? trailing : 0;
    const ids = Array.from({ length: count }, () => randomUUID());
    const conversationId = randomUUID();
    let lastBody = '';
    for (let i = 0; i < count; i++) {
      const from = senders[i] ?? 'client';
      const createdAt = times[i] ?? start;
      const nextAt = times[i + 1] ?? nowMs;
      const body = messageBody(random, from, clientFirstName, options.staffName);
      pending.push({
        id: ids[i] ?? randomUUID(),
        practice_id: options.practiceId,
        conversation_id: conversationId,
        client_id: client.id,
        sender: from,
        staff_id: from === 'staff' ? options.staffId : null,
        body,
        created_at: iso(createdAt),
        read_at:
          i >= count - unread ? null : iso(createdAt + Math.max(1, Math.floor(random.next() * (nextAt - createdAt)))),
      });
      lastBody = body;
    }
    conversations.push({
      id: conversationId,
      practice_id: options.practiceId,
      client_id: client.id,
      created_at: iso(times[0] ?? start),
      last_message_at: iso(times[count - 1] ?? end),
      last_message_id: ids[count - 1] ?? '',
      last_sender: last,
      last_preview: previewOf(lastBody, undefined),
      last_staff_id: senders.includes('staff') ? options.staffId : null,
      staff_unread: last === 'client' ? unread : 0,
      client_unread: last === 'staff' ? unread : 0,
      staff_notify_at: null,
      client_notify_at: null,
      // The recipient was emailed about the unread messages already: nothing is due.
      staff_notified: last === 'client' && unread > 0 ? 1 : 0,
      client_notified: last === 'staff' && unread > 0 ? 1 : 0,
    });
    conversationTotal++;
    messageTotal += count;
    if (pending.length >= rowsPerFlush) await flush();
  }
  await flush();
  return { accesses: accessTotal, conversations: conversationTotal, messages: messageTotal, emails };
}
