import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { systemScope } from '../src/server/platform/request-context.js';
import { issuePortalToken } from '../src/server/modules/portal-access/index.js';
import { systemClock } from '../src/server/platform/clock.js';
import { seedDatabase, type SeedResult } from '../seed/seed-database.js';

export interface BenchData {
  clients: number;
  /** Clients with active portal access, and the messages spread over their conversations. */
  accesses: number;
  messages: number;
  /** The one long conversation (its client gets portal access too); 0 for none. */
  conversation: number;
}

export interface BenchDatabase {
  dialect: 'sqlite' | 'postgres';
  /** What the server's DATABASE_URL is set to. */
  url: string;
  /** A temporary DATA_DIR (the development session secret is written there). */
  dataDir: string;
  seed: SeedResult;
  /**
   * A page cursor (`created_at|id`) from the middle of the seeded conversation, newest first,
   * for a deep page; null without one.
   */
  middleCursor: string | null;
  /** An unused sign-in link for the long conversation's client, to open a portal session with; null without one. */
  portalLinkToken: string | null;
  dispose(): Promise<void>;
}

/**
 * A fresh database for one bench run: a temporary SQLite file, or on PostgreSQL a throw-away
 * schema (selected through the URL's `options=-c search_path=…`) so the bench never touches the
 * database's existing tables, and can drop everything it made.
 */
export async function prepareBenchDatabase(postgresUrl: string | undefined, data: BenchData): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-bench-'));
  let url = path.join(dataDir, 'bench.db');
  let dropSchema = async (): Promise<void> => {};
  let schema: string | undefined;
  if (postgresUrl) {
    schema = `bench_${randomBytes(4).toString('hex')}`;
    await withPg(postgresUrl, (client) => client.query(`create schema ${schema}`));
    const withSchema = new URL(postgresUrl);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    url = withSchema.toString();
    dropSchema = () => withPg(postgresUrl, (client) => client.query(`drop schema ${schema} cascade`));
  }
  const dispose = async (): Promise<void> => {
    await dropSchema();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const database = openDatabase(url);
    try {
      // Named, as other schemas of the database (a kept tenancy) hold migration tables too.
      await migrateToLatest(database.db, schema);
      const seed = await seedDatabase(database.db, database.dialect, {
        practices: 1,
        clientsPerPractice: data.clients,
        portalAccessesPerPractice: data.accesses,
        messagesPerPractice: data.messages,
        messagesInConversation: data.conversation,
      });
      const practice = seed.practices[0];
      const conversation = practice?.conversation;
      let middleCursor: string | null = null;
      let portalLinkToken: string | null = null;
      if (practice && conversation) {
        const middle = await database.db
          .selectFrom('messages')
          .select(['created_at', 'id'])
          .where('conversation_id', '=', conversation.conversationId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .offset(Math.floor(conversation.messages / 2))
          .limit(1)
          .executeTakeFirstOrThrow();
        middleCursor = `${middle.created_at}|${middle.id}`;
        // As if the client had asked for a link: the server's own config (the same DATA_DIR, so the
        // same secret) issues it, and the bench redeems it over HTTP.
        const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url });
        const access = await database.db
          .selectFrom('portal_access')
          .select('email_address')
          .where('client_id', '=', conversation.clientId)
          .executeTakeFirstOrThrow();
        const scope = { ...systemScope(database.db, practice.id), clock: systemClock, deps: { config } };
        const issued = await issuePortalToken(scope, {
          clientId: conversation.clientId,
          kind: 'link',
          emailAddress: access.email_address,
        });
        portalLinkToken = issued.token;
      }
      return { dialect: database.dialect, url, dataDir, seed, middleCursor, portalLinkToken, dispose };
    } finally {
      await database.close();
    }
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function withPg(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
