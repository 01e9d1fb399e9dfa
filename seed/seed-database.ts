import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../src/server/db/database.js';
import type { Database } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/platform/passwords.js';
import { systemScope } from '../src/server/platform/request-context.js';
import { changeClientCounts, changePortalStateCounts } from '../src/server/modules/clients/index.js';
import { portalStates } from '../src/shared/schemas/portal-access.js';
import {
  keepSearchRows,
  searchPrefixRows,
  searchRowsFromClients,
  searchWordRows,
} from '../src/server/modules/clients/index.js';
import { insertInBatches } from './batch-insert.js';
import { generateClientRows } from './client-rows.js';
import { firstNames, lastNames } from './names.js';
import { insertPractice } from './practice.js';
import { Random } from './random.js';
import { seedConversation, type SeededConversation } from './seed-conversation.js';
import { choosePortalClients, seedPortalChunk } from './seed-portal.js';

export const seedPassword = 'portico-seed-pass';

export interface SeedOptions {
  practices: number;
  clientsPerPractice: number;
  /** Every seeded owner's password. */
  password?: string;
  /** PRNG seed: the same seed gives the same names, dates and emails. */
  seed?: number;
  now?: Date;
  /** Rows per INSERT statement (shrunk if the dialect's variable limit needs it). */
  rowsPerStatement?: number;
  /** Clients committed per transaction: large enough to be fast, small enough to bound memory. */
  clientsPerTransaction?: number;
  onProgress?: (clientsDone: number, clientsTotal: number) => void;
  /**
   * Gives one active client of the first practice portal access and a conversation of this many
   * messages with the owner (see seedConversation). Absent or 0: no messaging data.
   */
  messagesInConversation?: number;
  /**
   * Clients per practice given active portal access (active clients whose primary email has
   * Email OK on; fewer if not enough qualify). Absent or 0: none (apart from the conversation above).
   */
  portalAccessesPerPractice?: number;
  /** Messages per practice, spread over the conversations of the clients with portal access. */
  messagesPerPractice?: number;
}

/** How many portal email addresses a seeded practice reports, for sign-in requests in the bench. */
const portalEmailSample = 20_000;

/** A search term that hits: a surname and how many of the practice's clients carry it. */
export interface SearchTerm {
  term: string;
  clientsWithLastName: number;
}

export interface SeededPractice {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  owner: { id: string; name: string; email: string };
  /** Up to 20 active clients, for profile requests. */
  clientIds: string[];
  /** The most common surname, one from the middle and a rare one. */
  searchTerms: SearchTerm[];
  /** The seeded conversation (its client has active portal access), when messagesInConversation asked for one. */
  conversation: SeededConversation | null;
  /** Clients given portal access by portalAccessesPerPractice, their conversations and messages. */
  portalAccesses: number;
  conversations: number;
  messages: number;
  /** Up to 20,000 of those clients' portal email addresses. */
  portalEmails: string[];
}

export interface SeedResult {
  practices: SeededPractice[];
  password: string;
  clients: number;
  emails: number;
  /** Portal accesses and messages over all practices, the long conversation included. */
  portalAccesses: number;
  messages: number;
  durationMs: number;
}

const placeNames = [
  'Harbour',
  'Cedar Grove',
  'Riverbend',
  'Maple Hill',
  'Lakeside',
  'Northgate',
  'Willow Creek',
  'Stonebridge',
];
const practiceKinds = ['Counselling', 'Therapy Collective', 'Psychology Group', 'Wellness Centre', 'Family Therapy'];
const timeZones = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'Europe/London',
];

/**
 * After a bulk load PostgreSQL has no statistics for the planner and no visibility map, so index-only
 * scans (client search reads only its index) still visit the table for every row until autovacuum
 * gets round to it, in the middle of whatever runs next. Its manual says to VACUUM ANALYZE after
 * populating a database; this is the state a running database settles in.
 */
async function vacuumSeededTables(db: Kysely<Database>): Promise<void> {
  await sql`
    vacuum (analyze) practices, staff_users, clients, client_emails, client_search_words, client_search_prefixes,
      practice_client_counts, practice_portal_state_counts, portal_access, conversations, messages
  `.execute(db);
}

/**
 * Random UUID keys land all over the B-trees; SQLite's default 2 MB page cache then rewrites the
 * same pages again and again. A 64 MB cache while seeding saves 10–30 % (measured at 60k clients).
 */
async function enlargeSqliteCache(db: Kysely<Database>): Promise<() => Promise<void>> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const previous = rows[0]?.cache_size ?? -2000;
  await sql`pragma cache_size = -65536`.execute(db);
  return async () => {
    await sql.raw(`pragma cache_size = ${Math.trunc(previous)}`).execute(db);
  };
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Fills the database with practices, their owners and generated clients, fast (batched, in transactions). */
export async function seedDatabase(db: Kysely<Database>, dialect: Dialect, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const password = options.password ?? seedPassword;
  const run: SeedRun = {
    db,
    dialect,
    options,
    random: new Random(options.seed ?? 1),
    now: options.now ?? new Date(),
    passwordHash: await hashPassword(password),
    total: options.practices * options.clientsPerPractice,
    clientsDone: 0,
    emails: 0,
  };
  const restoreCache = dialect === 'sqlite' ? await enlargeSqliteCache(db) : null;
  try {
    // Slugs and staff emails are unique: a second seed into the same database picks fresh ones.
    const takenSlugs = new Set((await db.selectFrom('practices').select('slug').execute()).map((row) => row.slug));
    const practices: SeededPractice[] = [];
    for (let p = 0; p < options.practices; p++) practices.push(await seedPractice(run, p, takenSlugs));
    if (dialect === 'postgres') await vacuumSeededTables(db);
    const sum = (of: (practice: SeededPractice) => number): number =>
      practices.reduce((total, practice) => total + of(practice), 0);
    return {
      practices,
      password,
      clients: run.clientsDone,
      emails: run.emails,
      portalAccesses: sum((p) => p.portalAccesses + (p.conversation ? 1 : 0)),
      messages: sum((p) => p.messages + (p.conversation?.messages ?? 0)),
      durationMs: performance.now() - started,
    };
  } finally {
    await restoreCache?.();
  }
}

interface SeedRun {
  db: Kysely<Database>;
  dialect: Dialect;
  options: SeedOptions;
  random: Random;
  now: Date;
  passwordHash: string;
  total: number;
  clientsDone: number;
  emails: number;
}

async function seedPractice(run: SeedRun, index: number, takenSlugs: Set<string>): Promise<SeededPractice> {
  const { db, dialect, options, random } = run;
  const name = `${placeNames[index % placeNames.length] ?? 'Harbour'} ${practiceKinds[index % practiceKinds.length] ?? 'Counselling'}`;
  let slug = slugify(name);
  for (let n = 2; takenSlugs.has(slug); n++) slug = `${slugify(name)}-${n}`;
  takenSlugs.add(slug);
  const practice = await insertPractice(db, {
    name,
    slug,
    timeZone: timeZones[index % timeZones.length] ?? 'UTC',
    passwordHash: run.passwordHash,
    staff: [
      {
        name: `Dr. ${random.pick(firstNames)} ${random.pick(lastNames)}`,
        email: `owner@${slug}.portico.test`,
        roles: ['owner', 'clinician'],
      },
    ],
    now: run.now,
  });
  const owner = practice.staff[0];
  if (!owner) throw new Error('the practice was inserted without its owner');

  const perTransaction = options.clientsPerTransaction ?? 10_000;
  const usedAddresses = new Set<string>();
  const lastNameCounts = new Map<string, number>();
  const clientIds: string[] = [];
  const accessTarget = options.portalAccessesPerPractice ?? 0;
  const messageTarget = options.messagesPerPractice ?? 0;
  // A generator of its own, so the clients do not depend on the portal data.
  const portalRandom = new Random((options.seed ?? 1) + 0x706f7274 + index);
  const portal = { accesses: 0, conversations: 0, messages: 0, emails: [] as string[] };
  // A practice as large as those that keep search rows is marked first and given its clients' rows
  // with them; a smaller one's searches read the clients' documents (decision 027).
  const searchRows = options.clientsPerPractice >= searchRowsFromClients;
  if (searchRows) await keepSearchRows(systemScope(db, practice.id));
  for (let done = 0; done < options.clientsPerPractice; done += perTransaction) {
    const count = Math.min(perTransaction, options.clientsPerPractice - done);
    const rows = generateClientRows(random, practice.id, count, run.now, usedAddresses);
    for (const client of rows.clients) {
      lastNameCounts.set(client.last_name, (lastNameCounts.get(client.last_name) ?? 0) + 1);
      if (clientIds.length < 20 && client.archived_at === null) clientIds.push(client.id);
    }
    // Each chunk's share of the accesses and messages, in proportion to the clients so far.
    const share = (target: number): number => Math.round((target * (done + count)) / options.clientsPerPractice);
    // The clients given portal access are chosen first, so every row is written with their state.
    const chosen =
      accessTarget > 0
        ? choosePortalClients(rows, {
            reserved: new Set(clientIds),
            accesses: share(accessTarget) - portal.accesses,
            random: portalRandom,
          })
        : [];
    await db.transaction().execute(async (trx) => {
      await insertInBatches(trx, dialect, 'clients', rows.clients, options.rowsPerStatement);
      await insertInBatches(trx, dialect, 'client_emails', rows.emails, options.rowsPerStatement);
      // Every client has a primary clinician: the practice's owner, its one clinician here.
      await insertInBatches(
        trx,
        dialect,
        'client_clinicians',
        rows.clients.map((client) => ({
          practice_id: practice.id,
          client_id: client.id,
          staff_id: owner.id,
          is_primary: 1 as const,
          created_at: client.created_at,
        })),
        options.rowsPerStatement,
      );
      if (searchRows) {
        await insertInBatches(
          trx,
          dialect,
          'client_search_words',
          searchWordRows(rows.clients),
          options.rowsPerStatement,
        );
        await insertInBatches(
          trx,
          dialect,
          'client_search_prefixes',
          searchPrefixRows(rows.clients),
          options.rowsPerStatement,
        );
      }
      const scope = systemScope(trx, practice.id);
      const archived = rows.clients.filter((client) => client.archived_at !== null).length;
      await changeClientCounts(scope, { active: rows.clients.length - archived, archived });
      for (const state of portalStates) {
        const inState = rows.clients.filter((client) => client.portal_state === state);
        const archivedInState = inState.filter((client) => client.archived_at !== null).length;
        await changePortalStateCounts(scope, state, {
          active: inState.length - archivedInState,
          archived: archivedInState,
        });
      }
      if (chosen.length > 0) {
        const seeded = await seedPortalChunk(trx, dialect, rows, {
          practiceId: practice.id,
          chosen,
          staffId: owner.id,
          staffName: owner.name,
          messages: share(messageTarget) - portal.messages,
          random: portalRandom,
          now: run.now,
          rowsPerStatement: options.rowsPerStatement,
        });
        portal.accesses += seeded.accesses;
        portal.conversations += seeded.conversations;
        portal.messages += seeded.messages;
        portal.emails.push(...seeded.emails.slice(0, portalEmailSample - portal.emails.length));
      }
    });
    run.emails += rows.emails.length;
    run.clientsDone += count;
    options.onProgress?.(run.clientsDone, run.total);
  }

  const byFrequency = [...lastNameCounts.entries()].sort((a, b) => b[1] - a[1]);
  const picks = [byFrequency[0], byFrequency[Math.floor(byFrequency.length / 2)], byFrequency.at(-1)];
  const searchTerms = [...new Map(picks.filter((pick) => pick !== undefined)).entries()].map(([term, clients]) => ({
    term,
    clientsWithLastName: clients,
  }));
  const messages = options.messagesInConversation ?? 0;
  const conversation =
    index === 0 && messages > 0
      ? await seedConversation(db, dialect, {
          practiceId: practice.id,
          staffId: owner.id,
          candidateClientIds: clientIds,
          messages,
          // A generator of its own, so the clients of later practices do not depend on the messages.
          random: new Random((options.seed ?? 1) + 0x6d657373),
          now: run.now,
          rowsPerStatement: options.rowsPerStatement,
        })
      : null;
  return {
    id: practice.id,
    name,
    slug,
    timeZone: practice.timeZone,
    owner: { id: owner.id, name: owner.name, email: owner.email },
    clientIds,
    searchTerms,
    conversation,
    portalAccesses: portal.accesses,
    conversations: portal.conversations,
    messages: portal.messages,
    portalEmails: portal.emails,
  };
}
