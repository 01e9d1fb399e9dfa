/**
 * `npm run migrate`: brings the database named by DATABASE_URL (or the SQLite file in DATA_DIR) up
 * to date with the migrations the server runs at start, without starting the server. It prints
 * each migration it applied, or that there was nothing to do, and exits 1 with the reason when the
 * configuration is invalid, the database cannot be reached or a migration fails.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { ConfigError, loadDatabaseUrl } from '../src/server/config.js';
import { isPostgresUrl, openDatabase, type DatabaseHandle } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';

/** The database as it may be printed: a PostgreSQL URL without its password, a SQLite file's full path. */
function shown(url: string): string {
  if (!isPostgresUrl(url)) return path.resolve(url);
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function migrate(): Promise<number> {
  let url: string;
  try {
    url = loadDatabaseUrl();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  console.log(`Migrating ${shown(url)}`);
  let database: DatabaseHandle | null = null;
  try {
    database = openDatabase(url, { poolSize: 1 });
    // A URL may choose its schema (`?options=-c search_path=…`); the migration tables live there too.
    const schema =
      database.dialect === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema
        : undefined;
    const applied = await migrateToLatest(database.db, schema === 'public' ? undefined : schema);
    if (applied.length === 0) {
      console.log('The database is up to date: no migration to apply.');
    } else {
      for (const name of applied) console.log(`  applied ${name}`);
      console.log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}.`);
    }
    return 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Could not migrate ${shown(url)}: ${reason}`);
    return 1;
  } finally {
    await database?.close();
  }
}

process.exitCode = await migrate();
