import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { startServer } from '../src/server/main.js';
import { buildWebIfMissing } from './build-web.js';
import { seedDemoPractice, type DemoSeedResult } from '../seed/demo-practice.js';

// A throw-away instance: its own temporary data directory, a seeded demo practice, gone on exit.
await buildWebIfMissing();

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-demo-'));
let removed = false;
function removeDataDir(): void {
  if (removed) return;
  removed = true;
  rmSync(dataDir, { recursive: true, force: true });
}
// Last resort for crashes: 'exit' handlers run synchronously, which rmSync is.
process.once('exit', removeDataDir);

// DATABASE_URL is dropped so a demo never writes into a real database named in the environment.
// Request logs would bury the sign-in details below, so they are off unless LOG_LEVEL asks for them.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: process.env.PORT ?? '3000',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
delete env.DATABASE_URL;
const config = loadConfig(env);

async function prepareDatabase(url: string): Promise<DemoSeedResult> {
  const database = openDatabase(url);
  try {
    await migrateToLatest(database.db);
    return await seedDemoPractice(database.db, database.dialect);
  } finally {
    await database.close();
  }
}

const seeded = await prepareDatabase(config.databaseUrl);

const server = await startServer(config);
console.log(`
  Portico demo — ${seeded.practice.name}, ${seeded.clients} clients
  ─────────────────────────────────────────────────────────────
  Open      ${server.url}
  Email     ${seeded.ownerEmail}   (owner; clinician@demo.portico.test also works)
  Password  ${seeded.password}

  Data lives in ${dataDir}
  and is deleted when you stop the demo (Ctrl+C).
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.stop().then(
      () => {
        removeDataDir();
        console.log('Demo stopped; its data was deleted.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        removeDataDir();
        process.exit(1);
      },
    );
  });
}
