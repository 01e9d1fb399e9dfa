import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import type { AppDeps } from '../../src/server/deps.js';
import { openFileStore } from '../../src/server/platform/open-file-store.js';
import { ManualClock } from '../../src/server/platform/clock.js';
import { InProcessEventBus } from '../../src/server/platform/live-events.js';
import { newId } from '../../src/server/platform/tokens.js';
import { templatePath, tmpRoot } from './paths.js';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps & { clock: ManualClock };
  /** A DATABASE_URL naming this app's database, for a server process of its own on the same data. */
  databaseUrl: string;
  close(): Promise<void>;
}

export const testDatabaseKind = process.env.PORTICO_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: tmpRoot,
    PUBLIC_URL: 'http://portico.test',
    SESSION_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    ...overrides,
  });
}

export interface TestDatabaseOptions {
  /**
   * Where the SQLite copy goes (default: the shared temporary folder, which the next Vitest run
   * empties). Tests whose server processes reopen the file by path keep it in a folder of their own.
   */
  directory?: string;
  /** Kysely plugins every query of the app goes through (test/request-cost.test.ts counts statements with one). */
  plugins?: KyselyPlugin[];
}

/**
 * A fresh database of its own: a copy of the migrated SQLite template, or a new PostgreSQL schema.
 * `url` names it for another process (the schema travels as the connection's search_path).
 */
export async function openTestDatabase(
  options: TestDatabaseOptions = {},
): Promise<{ handle: DatabaseHandle; url: string; drop: () => Promise<void> }> {
  if (testDatabaseKind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is required for the postgres project');
    const schema = `t_${newId().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const handle = openDatabase(url, { searchPath: schema, poolSize: 5 });
    await migrateToLatest(handle.db, schema);
    const withSchema = new URL(url);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    return {
      handle,
      url: withSchema.toString(),
      drop: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      },
    };
  }
  const file = path.join(options.directory ?? tmpRoot, `${newId()}.db`);
  copyFileSync(templatePath, file);
  return { handle: openDatabase(file), url: file, drop: () => Promise.resolve() };
}

export async function buildTestApp(
  configOverrides: Record<string, string> = {},
  databaseOptions: TestDatabaseOptions = {},
): Promise<TestApp> {
  const { handle, url, drop } = await openTestDatabase(databaseOptions);
  const clock = new ManualClock(new Date('2026-03-02T15:00:00.000Z'));
  // Each app stores files in a folder of its own, unless FILES_URL names a bucket.
  const config = testConfig({
    ...(configOverrides.FILES_URL ? {} : { ATTACHMENTS_DIR: path.join(tmpRoot, 'attachments', newId()) }),
    ...configOverrides,
  });
  const deps = {
    config,
    db: (databaseOptions.plugins ?? []).reduce((db, plugin) => db.withPlugin(plugin), handle.db),
    dialect: handle.dialect,
    clock,
    files: openFileStore(config.files),
    live: new InProcessEventBus(),
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    databaseUrl: url,
    close: async () => {
      await app.close();
      await deps.live.close();
      deps.files.close();
      await handle.close();
      await drop();
    },
  };
}

/** A test database's PostgreSQL schema (it travels in the URL's search_path), undefined on SQLite: what migrateTo needs. */
export function testSchemaOf(url: string): string | undefined {
  if (!url.startsWith('postgres')) return undefined;
  return new URL(url).searchParams.get('options')?.replace('-c search_path=', '');
}
