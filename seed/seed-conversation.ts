import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../src/server/db/database.js';
import type { ConversationsTable, Database, MessageSender, MessagesTable } from '../src/server/db/schema.js';
import { previewOf } from '../src/server/modules/messaging/index.js';
import { setClientPortalState } from '../src/server/modules/clients/index.js';
import { systemScope } from '../src/server/platform/request-context.js';
import { insertInBatches } from './batch-insert.js';
import type { Random } from './random.js';

export interface ConversationSeedOptions {
  practiceId: string;
  /** The staff member who writes the practice's side. */
  staffId: string;
  /** Active clients to choose from; the first one known for over two years is preferred. */
  candidateClientIds: readonly string[];
  messages: number;
  /** The trailing client messages staff have not read yet. */
  unread?: number;
  random: Random;
  now: Date;
  rowsPerStatement?: number;
}

export interface SeededConversation {
  clientId: string;
  conversationId: string;
  messages: number;
  /** Client messages staff have not read (the conversation's staff_unread). */
  unread: number;
}

const dayMs = 86_400_000;
const spanMs = 730 * dayMs;
/** Messages generated (and held in memory) at a time; all of them commit in one transaction. */
const rowsPerChunk = 10_000;

const staffOpenings = [
  'Hi {name},',
  'Hello {name},',
  'Good morning {name},',
  'Thanks for your message, {name}.',
  '{name},',
];
const staffSentences = [
  'I have moved our Thursday session to 3:30 pm as you asked.',
  'Just a reminder that we meet next Tuesday at 10:00.',
  'It was good to see you this week, and I hope the rest of it went smoothly.',
  'When you have a moment, could you fill in the short questionnaire before our next appointment?',
  'I have attached the worksheet we talked about; there is no need to finish it all before we meet.',
  'Your insurer confirmed that the next twelve sessions are covered.',
  'If the evenings stay difficult, we can spend some of our next session on a plan for them.',
  'Please let me know if the new time does not work and we will find another one.',
  'The breathing exercise works best when you practise it for a few minutes each day, even on good days.',
  'I will be away the week of the 14th; Dr. Haddad can see you if anything comes up.',
  'Thank you for letting me know, that is really helpful to hear.',
  'There is no need to apologise for cancelling; these things happen.',
  'We can keep the same time every other week from now on if that suits you.',
  'Try writing down the three moments from your day that we talked about, and bring the notes along.',
  'Your receipt for last month is available in the portal under Billing.',
  'I have sent the letter to your GP, and they should have it by Friday.',
  'If you ever feel unsafe, please call 988 or go to your nearest emergency department straight away.',
  'That sounds like real progress compared with how things were in the spring.',
];
const staffClosings = ['Best wishes,', 'Take care,', 'Kind regards,', 'See you soon,', 'Warmly,'];

const clientSentences = [
  'Thanks, that time works for me.',
  'Could we move next week to the afternoon? I have a work meeting in the morning.',
  'I tried the breathing exercise a few times and it helped a bit before bed.',
  'Sorry for the late reply, it has been a busy week with the kids.',
  'I filled in the questionnaire this morning.',
  'Is it possible to have the session by video instead? My car is in the garage.',
  'Things have been a little better since we last spoke.',
  'I had a hard day on Sunday but I managed to use some of what we practised.',
  'Can you send me the worksheet again? I cannot find the one from last time.',
  'My new insurance card arrived, so I will bring it to the next appointment.',
  'I will be about ten minutes late today, the bus is running behind.',
  'Thank you for your help last week, it meant a lot.',
  'I would like to talk about my sleep next time, it has been getting worse again.',
  'Do I need to pay the copay before the session or after?',
  'My partner would like to join one of the sessions, is that something we could do?',
  'I wrote down the three moments like you suggested.',
  'See you on Tuesday, then.',
  'I am not sure the new routine is working yet, but I am sticking with it.',
];

function fill(template: string, name: string): string {
  return template.replace('{name}', name);
}

/** A message of about 20–600 characters: mostly short replies, now and then a longer note. */
export function messageBody(
  random: Random,
  sender: MessageSender,
  clientFirstName: string,
  staffFirstLine: string,
): string {
  const target = random.chance(0.55)
    ? random.int(20, 140)
    : random.chance(0.7)
      ? random.int(140, 350)
      : random.int(350, 600);
  const sentences = sender === 'staff' ? staffSentences : clientSentences;
  const parts: string[] = [];
  let length = 0;
  const add = (text: string, separator: string): boolean => {
    const extra = (parts.length > 0 ? separator.length : 0) + text.length;
    if (parts.length > 0 && length + extra > target) return false;
    parts.push(parts.length > 0 ? `${separator}${text}` : text);
    length += extra;
    return true;
  };
  const long = target > 140;
  const greeted = sender === 'staff' && long && add(fill(random.pick(staffOpenings), clientFirstName), '');
  let misses = 0;
  while (length < target && misses < 3) {
    // The greeting on a line of its own, and a new paragraph now and then in longer messages.
    const separator = (greeted && parts.length === 1) || (long && random.chance(0.25)) ? '\n\n' : ' ';
    if (!add(random.pick(sentences), separator)) misses++;
  }
  if (sender === 'staff' && long) add(`${random.pick(staffClosings)}\n${staffFirstLine}`, '\n\n');
  const body = parts.join('');
  // Every sentence has at least 20 characters, and nothing is added past a target of at most 600.
  return body;
}

/**
 * `count` strictly increasing times over the two years before `now`, with random gaps (bursts
 * and quiet months), the last one a couple of hours ago.
 */
function messageTimes(random: Random, count: number, now: Date): Float64Array {
  const end = now.getTime() - 2 * 3_600_000;
  return messageTimesBetween(random, count, end - spanMs, end);
}

/** `count` strictly increasing times (ms) from about `start` to `end`, with random gaps: bursts and quiet spells. */
export function messageTimesBetween(random: Random, count: number, start: number, end: number): Float64Array {
  const gaps = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    // Exponential gaps: mostly short, a few long.
    gaps[i] = -Math.log(1 - random.next()) + 0.05;
    total += gaps[i] ?? 0;
  }
  const span = end - start;
  const times = new Float64Array(count);
  let cumulative = 0;
  let previous = -Infinity;
  for (let i = 0; i < count; i++) {
    cumulative += gaps[i] ?? 0;
    const time = Math.max(Math.round(start + (cumulative / total) * span), previous + 1);
    times[i] = time;
    previous = time;
  }
  return times;
}

/** The client to give the conversation: active, with an email, and ideally a client for over two years. */
async function pickClient(db: Kysely<Database>, options: ConversationSeedOptions) {
  if (options.candidateClientIds.length === 0) throw new Error('no active client to give a conversation');
  const candidates = await db
    .selectFrom('clients')
    .innerJoin('client_emails', 'client_emails.client_id', 'clients.id')
    .select([
      'clients.id',
      'clients.first_name',
      'clients.preferred_name',
      'clients.created_at',
      'client_emails.id as email_id',
      'client_emails.address',
    ])
    .where('clients.practice_id', '=', options.practiceId)
    .where('clients.id', 'in', options.candidateClientIds)
    .where('clients.archived_at', 'is', null)
    .where('client_emails.is_primary', '=', 1)
    .execute();
  const order = new Map(options.candidateClientIds.map((id, index) => [id, index]));
  candidates.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const twoYearsAgo = new Date(options.now.getTime() - spanMs - dayMs).toISOString();
  const [first] = candidates;
  if (!first) throw new Error('no active client with an email to give a conversation');
  return candidates.find((c) => c.created_at < twoYearsAgo) ?? first;
}

/**
 * Gives one client portal access (active, messaging allowed) and a conversation of
 * `options.messages` messages: the client and the practice take turns, spread over the past two
 * years, all read except the client's last few. The conversation row's last message and unread
 * counters match the messages, as the server would have left them; the practice was already
 * emailed about the unread ones, so nothing is due. Everything commits in one transaction.
 */
export async function seedConversation(
  db: Kysely<Database>,
  dialect: Dialect,
  options: ConversationSeedOptions,
): Promise<SeededConversation> {
  const { random, now } = options;
  const count = options.messages;
  if (count < 1) throw new Error('a seeded conversation needs at least one message');
  const unread = Math.min(options.unread ?? 3, count);
  const client = await pickClient(db, options);
  const staff = await db
    .selectFrom('staff_users')
    .select('name')
    .where('id', '=', options.staffId)
    .executeTakeFirstOrThrow();
  const staffSignature = staff.name;
  const clientFirstName = client.preferred_name ?? client.first_name;

  const times = messageTimes(random, count, now);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const firstAt = times[0] ?? now.getTime();
  const lastAt = times[count - 1] ?? now.getTime();
  // The two sides take turns; the last `unread` messages are the client's, waiting for staff.
  const senderOf = (i: number): MessageSender => (i >= count - unread || i % 2 === 0 ? 'client' : 'staff');
  const conversationId = randomUUID();
  let lastStaffIndex = -1;
  for (let i = count - 1; i >= 0 && lastStaffIndex < 0; i--) if (senderOf(i) === 'staff') lastStaffIndex = i;

  // Access from a little before the first message; last signed in when they last wrote.
  const invitedAt = iso(firstAt - random.int(1, 14) * dayMs);
  const signedInMs = firstAt - random.int(60, 3_600) * 1000;
  const signedInAt = iso(signedInMs);
  const access = {
    client_id: client.id,
    practice_id: options.practiceId,
    state: 'active' as const,
    email_id: client.email_id,
    email_address: client.address,
    perm_appointments: 1 as const,
    perm_messaging: 1 as const,
    perm_billing: 1 as const,
    perm_pay: 0 as const,
    first_invited_at: invitedAt,
    last_invited_at: invitedAt,
    first_signed_in_at: signedInAt,
    last_signed_in_at: iso(Math.max(signedInMs, lastAt - random.int(1, 120) * 1000)),
    disabled_at: null,
    updated_at: signedInAt,
  };

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('portal_access').values(access).execute();
    // The client list's copy of the state, its search rows' and the practice's counts follow.
    await setClientPortalState(systemScope(trx, options.practiceId), client.id, 'active');
    // The conversation row first (messages reference it), with the last message's id known ahead.
    const ids: string[] = Array.from({ length: count }, () => randomUUID());
    let lastBody = '';
    const conversation: ConversationsTable = {
      id: conversationId,
      practice_id: options.practiceId,
      client_id: client.id,
      created_at: iso(firstAt),
      last_message_at: iso(lastAt),
      last_message_id: ids[count - 1] ?? '',
      last_sender: senderOf(count - 1),
      last_preview: '',
      last_staff_id: lastStaffIndex >= 0 ? options.staffId : null,
      staff_unread: unread,
      client_unread: 0,
      staff_notify_at: null,
      client_notify_at: null,
      staff_notified: unread > 0 ? 1 : 0,
      client_notified: 0,
    };
    await trx.insertInto('conversations').values(conversation).execute();
    for (let start = 0; start < count; start += rowsPerChunk) {
      const rows: MessagesTable[] = [];
      for (let i = start; i < Math.min(count, start + rowsPerChunk); i++) {
        const sender = senderOf(i);
        const createdAt = times[i] ?? 0;
        const nextAt = times[i + 1] ?? now.getTime();
        // Read by the other side before they answered; the trailing client messages are unread.
        const readAt =
          i >= count - unread ? null : iso(createdAt + Math.max(1, Math.floor(random.next() * (nextAt - createdAt))));
        const body = messageBody(random, sender, clientFirstName, staffSignature);
        rows.push({
          id: ids[i] ?? randomUUID(),
          practice_id: options.practiceId,
          conversation_id: conversationId,
          client_id: client.id,
          sender,
          staff_id: sender === 'staff' ? options.staffId : null,
          body,
          created_at: iso(createdAt),
          read_at: readAt,
        });
        lastBody = body;
      }
      await insertInBatches(trx, dialect, 'messages', rows, options.rowsPerStatement);
    }
    await trx
      .updateTable('conversations')
      .set({ last_preview: previewOf(lastBody, undefined) })
      .where('id', '=', conversationId)
      .execute();
  });
  return { clientId: client.id, conversationId, messages: count, unread };
}
