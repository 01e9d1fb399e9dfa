import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { templatePath, tmpParent, tmpRoot } from './paths.js';

/** A run that crashed leaves its folder behind; one untouched this long is not running any more. */
const staleAfterMs = 24 * 60 * 60 * 1000;

function removeStaleRuns(): void {
  let names: string[];
  try {
    names = readdirSync(tmpParent);
  } catch {
    return;
  }
  for (const name of names) {
    const folder = path.join(tmpParent, name);
    if (Date.now() - statSync(folder).mtimeMs > staleAfterMs) rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Gives this run a scratch folder of its own (the workers read its path from the environment)
 * and migrates one SQLite template there; each test app copies it instead of migrating again.
 */
export async function setup(): Promise<() => void> {
  removeStaleRuns();
  process.env.PORTICO_TEST_TMP = tmpRoot;
  mkdirSync(tmpRoot, { recursive: true });
  const handle = openDatabase(templatePath);
  await migrateToLatest(handle.db);
  await handle.close();
  return () => rmSync(tmpRoot, { recursive: true, force: true });
}
