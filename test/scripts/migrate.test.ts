/**
 * `npm run migrate` (scripts/migrate.ts) as an operator runs it: a process of its own, configured
 * only by the environment, against an empty SQLite file or, in the PostgreSQL project, an empty
 * schema. It must build the same tables the server's start-up migration does, say what it applied,
 * do nothing the second time, and fail with a non-zero exit and a message that says why.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/platform/tokens.js';
import { tmpRoot } from '../helpers/paths.js';
import { describeRun, runScript } from '../helpers/script-run.js';
import { openTestDatabase, testDatabaseKind, testSchemaOf } from '../helpers/test-app.js';

/** Runs the script with only these variables (and PATH, HOME): nothing of the test runner's leaks in. */
const runMigrate = (env: Record<string, string>) => runScript(path.join('scripts', 'migrate.ts'), env);

const postgresUrl = process.env.TEST_DATABASE_URL ?? '';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function onPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database of this project's kind, with a way to run SQL in it and list its tables. */
async function emptyDatabase(): Promise<{
  url: string;
  dataDir: string;
  exec: (statement: string) => Promise<void>;
  tables: () => Promise<string[]>;
}> {
  const dataDir = mkdtempSync(path.join(tmpRoot, 'migrate-'));
  if (testDatabaseKind === 'postgres') {
    const schema = `m_${newId().replaceAll('-', '')}`;
    await onPostgres(postgresUrl, (client) => client.query(`create schema ${schema}`));
    cleanups.push(() =>
      onPostgres(postgresUrl, (client) => client.query(`drop schema ${schema} cascade`)).then(() => undefined),
    );
    const url = new URL(postgresUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      url: url.toString(),
      dataDir,
      exec: (statement) => onPostgres(url.toString(), (client) => client.query(statement)).then(() => undefined),
      tables: () => tablesInSchema(schema),
    };
  }
  const file = path.join(dataDir, 'portico.db');
  const withFile = <T>(work: (db: SQLite.Database) => T): T => {
    const db = new SQLite(file);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    url: file,
    dataDir,
    exec: (statement) => Promise.resolve(withFile((db) => void db.exec(statement))),
    tables: () => Promise.resolve(withFile((db) => sqliteTables(db))),
  };
}

function sqliteTables(db: SQLite.Database): string[] {
  const rows = db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  return rows.map((row) => row.name);
}

async function tablesInSchema(schema: string): Promise<string[]> {
  const result = await onPostgres(postgresUrl, (client) =>
    client.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by table_name',
      [schema],
    ),
  );
  return result.rows.map((row) => row.table_name);
}

/** The tables the server's own start-up migration makes (the test databases are migrated by it). */
async function tablesMadeAtStart(): Promise<string[]> {
  const { handle, url, drop } = await openTestDatabase();
  await handle.close();
  try {
    const schema = testSchemaOf(url);
    if (schema) return await tablesInSchema(schema);
    const db = new SQLite(url, { readonly: true });
    try {
      return sqliteTables(db);
    } finally {
      db.close();
    }
  } finally {
    await drop();
  }
}

describe(`npm run migrate on ${testDatabaseKind}`, () => {
  it(
    'applies every migration to an empty database, printing each one, and a second run applies none',
    { timeout: 60_000 },
    async () => {
      const database = await emptyDatabase();
      // As a migration job runs it: production, with only the database's address, no session secret.
      const env = { NODE_ENV: 'production', DATABASE_URL: database.url, DATA_DIR: database.dataDir };

      const first = await runMigrate(env);
      expect(first.code, describeRun(first)).toBe(0);
      const applied = [...first.stdout.matchAll(/^ {2}applied (\S+)$/gm)].map((match) => match[1]);
      expect(applied[0], describeRun(first)).toBe('001-foundation');
      expect(first.stdout).toContain(`Applied ${applied.length} migrations.`);
      const tables = await database.tables();
      expect(tables).toEqual(await tablesMadeAtStart());
      expect(tables).toEqual(
        expect.arrayContaining(['practices', 'staff_users', 'clients', 'sessions', 'outbox', 'kysely_migration']),
      );
      // It needed no secret and wrote none, unlike a server starting outside production.
      expect(existsSync(path.join(database.dataDir, 'session-secret'))).toBe(false);

      const second = await runMigrate(env);
      expect(second.code, describeRun(second)).toBe(0);
      expect(second.stdout).toContain('The database is up to date: no migration to apply.');
      expect(second.stdout).not.toMatch(/applied/i);
      expect(await database.tables()).toEqual(tables);
    },
  );

  it('exits 1 naming the migration that failed and why', { timeout: 60_000 }, async () => {
    const database = await emptyDatabase();
    // A table in the way: the first migration cannot create it.
    await database.exec('create table practices (id text)');
    const run = await runMigrate({ DATABASE_URL: database.url, DATA_DIR: database.dataDir });
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toMatch(/^Could not migrate .+: migration 001-foundation failed: .*practices.* already exists/m);
    expect(run.stdout).not.toMatch(/Applied/);
  });

  it.runIf(testDatabaseKind === 'sqlite')(
    'exits 1 with the reason when the database cannot be reached or the configuration is invalid, never printing a password',
    { timeout: 60_000 },
    async () => {
      const dataDir = mkdtempSync(path.join(tmpRoot, 'migrate-'));
      const unreachable = await runMigrate({
        DATABASE_URL: 'postgres://portico:hunter2-secret@127.0.0.1:1/portico',
        DATA_DIR: dataDir,
      });
      expect(unreachable.code, describeRun(unreachable)).toBe(1);
      expect(unreachable.stderr).toMatch(
        /^Could not migrate postgres:\/\/portico:\*\*\*@127\.0\.0\.1:1\/portico: .*ECONNREFUSED/m,
      );
      expect(`${unreachable.stdout}${unreachable.stderr}`).not.toContain('hunter2-secret');

      const invalid = await runMigrate({ DATABASE_URL: '', DATA_DIR: dataDir });
      expect(invalid.code, describeRun(invalid)).toBe(1);
      expect(invalid.stderr).toMatch(/Invalid configuration:\n {2}DATABASE_URL: /);
    },
  );
});
