import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { AppDeps } from './deps.js';
import { systemClock, type Clock } from './platform/clock.js';
import { openFileStore } from './platform/open-file-store.js';
import { InProcessEventBus, PostgresEventBus } from './platform/live-events.js';
import { MailWorker } from './platform/mail-worker.js';
import { AppointmentJobs } from './modules/appointment-requests/index.js';
import { AttachmentSweeper, MessageNotifier } from './modules/messaging/index.js';
import { countPractices } from './modules/practices/index.js';

export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export interface RunningServer {
  url: string;
  /** The one line a person starting Portico reads: where it runs and what to do first. */
  welcome: string;
  stop: () => Promise<void>;
}

/**
 * What a test running the whole server may change: the clock every part reads (so it can move time
 * forward) and how often the appointment jobs run. Production passes none of them.
 */
export interface ServerTestHooks {
  clock?: Clock;
  appointmentJobsEveryMs?: number;
}

/** The process: config, database, migrations, HTTP server, mail worker and graceful shutdown. */
export async function startServer(config: Config = readConfig(), hooks: ServerTestHooks = {}): Promise<RunningServer> {
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const live = database.dialect === 'postgres' ? new PostgresEventBus(config.databaseUrl) : new InProcessEventBus();
  if (live instanceof PostgresEventBus) await live.start();
  const deps: AppDeps = {
    config,
    db: database.db,
    dialect: database.dialect,
    clock: hooks.clock ?? systemClock,
    files: openFileStore(config.files),
    live,
  };
  const app = await buildApp(deps, { webRoot: defaultWebRoot, logger: config.env !== 'test' });
  const worker = new MailWorker(deps);
  const notifier = new MessageNotifier(deps);
  const sweeper = new AttachmentSweeper(deps);
  const appointmentJobs = new AppointmentJobs(deps);
  await app.listen({ port: config.port, host: config.host });
  worker.start();
  notifier.start();
  sweeper.start(app.log);
  appointmentJobs.start(app.log, hooks.appointmentJobsEveryMs);
  // Said at once; /healthz keeps answering 503 until the store can be reached.
  deps.files.check().catch((error: unknown) => app.log.warn({ err: error }, 'the file store is not reachable'));
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await app.close();
      await sweeper.stop();
      await appointmentJobs.stop();
      await notifier.stop();
      await worker.stop();
      await live.close();
      deps.files.close();
      await database.close();
    })();
    return stopping;
  };
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${config.tls ? 'https' : 'http'}://localhost:${port}`;
  const firstStep = (await countPractices(database.db)) === 0 ? 'to create your practice' : 'to sign in';
  return { url, welcome: `Portico is running at ${url} — open it ${firstStep}`, stop };
}

const isEntryPoint = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const server = await startServer();
  console.log(server.welcome);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      server.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
