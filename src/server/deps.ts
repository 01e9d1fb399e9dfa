import type { Config } from './config.js';
import type { Db, Dialect } from './db/database.js';
import type { Clock } from './platform/clock.js';

/** Everything the app needs from outside, built by main.ts or by the test helpers. */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
}
