import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL schema to use (tests give each file its own). */
  searchPath?: string;
  poolSize?: number;
}

/**
 * Kysely begins SQLite transactions with a deferred BEGIN, which takes no lock until the first
 * write. A transaction that reads before it writes (sending a message does) then fails at once with
 * SQLITE_BUSY or SQLITE_BUSY_SNAPSHOT, busy_timeout or not, when another process wrote in between:
 * its snapshot is stale and waiting cannot help. BEGIN IMMEDIATE takes the write lock first,
 * waiting up to busy_timeout for it. Within one process the single connection already runs
 * transactions one at a time, so this costs nothing there (test/faults/sqlite-writers.test.ts).
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateTransactionDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateTransactionDriver(this.settings);
  }
}

/** Statements kept compiled per SQLite connection: the queries the app runs, with room for IN-lists of many lengths. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query afresh, and better-sqlite3 compiles a statement on every prepare():
 * under load that compilation was a twelfth of the server's time (docs/decisions/015). The same
 * SQL text is the same statement, so it is compiled once and kept, least recently used first out.
 * A statement still iterating (a streamed query) is busy and cannot be reused until it finishes;
 * its SQL then gets a statement of its own.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      const cached = statements.get(text);
      if (cached && !cached.busy) {
        // Map order is insertion order: moving it to the end keeps the least recently used first.
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      if (cached) return statement;
      statements.set(text, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Opens the database named by the URL: a postgres:// URL, or else a SQLite file path. */
export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (url !== ':memory:') mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Concurrent writers wait instead of answering SQLITE_BUSY to users.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new ImmediateTransactionDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
