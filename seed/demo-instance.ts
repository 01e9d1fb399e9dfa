import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_FILE, loadConfig, type Config } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { DemoSettings } from '../src/server/platform/app-config.js';
import { openFileStore } from '../src/server/platform/open-file-store.js';
import { ManualClock } from '../src/server/platform/clock.js';
import { InProcessEventBus } from '../src/server/platform/live-events.js';
import { seedDemoPractice, type DemoSeedResult } from './demo-practice.js';

/**
 * Seeds the demo practice into the (empty) database `env` names, writes the demo's settings file
 * beside it and answers the server's configuration in demo mode (DEMO=1), which reads that file:
 * what `npm run demo` and the demo's browser test start the server with.
 */
export async function prepareDemo(env: NodeJS.ProcessEnv): Promise<{ config: Config; seeded: DemoSeedResult }> {
  const plain = loadConfig({ ...env, DEMO: 'false' });
  const database = openDatabase(plain.databaseUrl);
  const live = new InProcessEventBus();
  let seeded: DemoSeedResult;
  try {
    await migrateToLatest(database.db);
    seeded = await seedDemoPractice({
      config: plain,
      db: database.db,
      dialect: database.dialect,
      clock: new ManualClock(),
      files: openFileStore(plain.files),
      live,
    });
  } finally {
    await live.close();
    await database.close();
  }
  const settings: DemoSettings = {
    practiceId: seeded.practice.id,
    staffEmail: seeded.ownerEmail,
    password: seeded.password,
    portalClientId: seeded.portalClient.id,
  };
  writeFileSync(path.join(plain.dataDir, DEMO_FILE), JSON.stringify(settings, null, 2), { mode: 0o600 });
  return { config: loadConfig({ ...env, DEMO: '1' }), seeded };
}
