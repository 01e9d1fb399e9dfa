import { mkdirSync, rmSync } from 'node:fs';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { templatePath, tmpRoot } from './paths.js';

/** Migrates one SQLite template; each test app copies it instead of migrating again. */
export async function setup(): Promise<void> {
  rmSync(tmpRoot, { recursive: true, force: true });
  mkdirSync(tmpRoot, { recursive: true });
  const handle = openDatabase(templatePath);
  await migrateToLatest(handle.db);
  await handle.close();
}
