import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/server/config.js';
import { startServer } from '../../../src/server/main.js';
import { OffsetClock } from '../../../src/server/platform/clock.js';
import { SmtpSink } from '../../helpers/smtp-sink.js';

export interface Portico {
  url: string;
  mail: SmtpSink;
  /** The server's SQLite database, for tests that must reach behind the UI (an expired link). */
  databasePath: string;
  /** The server's clock: real time until a test moves it forward (`clock.advanceMinutes`). */
  clock: OffsetClock;
  stop(): Promise<void>;
}

/**
 * A port no one listens on, as the system hands out: a port drawn at random could be the one the
 * worker's shared server already holds, while a spec starts a server of its own beside it.
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface PorticoOptions {
  /** How often the appointment jobs (hold expiry, reminders) run; the server's minute unless said. */
  appointmentJobsEveryMs?: number;
}

/**
 * The real server on a temporary SQLite database, delivering email over SMTP to a loopback sink
 * that the tests read like a client's inbox, on a clock the test can move forward.
 */
export async function startPortico(env: Record<string, string> = {}, options: PorticoOptions = {}): Promise<Portico> {
  const mail = new SmtpSink();
  const smtpUrl = await mail.start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-'));
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: `http://localhost:${port}`,
    SMTP_URL: smtpUrl,
    OUTBOX_POLL_MS: '100',
    SESSION_SECRET: 'e2e-secret-that-is-at-least-32-characters',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const clock = new OffsetClock();
  const server = await startServer(config, { clock, appointmentJobsEveryMs: options.appointmentJobsEveryMs });
  return {
    url: `http://localhost:${port}`,
    mail,
    databasePath: config.databaseUrl,
    clock,
    stop: async () => {
      await server.stop();
      await mail.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
