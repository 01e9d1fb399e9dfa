import type { Config } from './app-config.js';
import type { Db, Dialect } from '../db/database.js';
import type { FileStore } from './file-store.js';
import type { Clock } from './clock.js';
import type { LiveEventBus } from './live-events.js';

/** Everything the app needs from outside, built by main.ts or by the test helpers. */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  /** Where file bytes live (attachments, logos): the disk or object storage, by FILES_URL. */
  files: FileStore;
  live: LiveEventBus;
}
