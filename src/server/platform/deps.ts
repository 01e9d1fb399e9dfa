import type { Config } from './app-config.js';
import type { Db, Dialect } from '../db/database.js';
import type { AttachmentStore } from './attachment-store.js';
import type { Clock } from './clock.js';
import type { LiveEventBus } from './live-events.js';

/** Everything the app needs from outside, built by main.ts or by the test helpers. */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  attachments: AttachmentStore;
  live: LiveEventBus;
}
