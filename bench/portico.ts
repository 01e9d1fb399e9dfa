import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';
import type { BenchDatabase } from './database.js';

export interface RunningPortico {
  url: string;
  stop(): Promise<void>;
}

/** The real server, as `npm start` runs it, on the bench database, with request logging off. */
export async function startPortico(database: BenchDatabase): Promise<RunningPortico> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
  };
  // The outbox stays empty in a read-only bench; no SMTP server is needed or wanted.
  delete env.SMTP_URL;
  const server = await startServer(loadConfig(env));
  // startServer reports "localhost", which may resolve to ::1 while the server listens on IPv4.
  return { url: server.url.replace('localhost', '127.0.0.1'), stop: server.stop };
}

/** Signs in over HTTP as a browser would and returns the Cookie header for later requests. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('portico_staff='));
  if (!cookie) throw new Error('sign-in answered without a portico_staff cookie');
  return cookie;
}

/** Fetches each path once, checking it works, and keeps the body for the bare baseline. */
export async function captureBodies(baseUrl: string, cookie: string, paths: readonly string[]): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for (const path of paths) {
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
    bodies.set(path, body);
  }
  return bodies;
}

/**
 * Waits until the server has worked through requests left over from a run. autocannon drops its
 * sockets when time is up, but handlers already started still run; their queries hold SQLite's
 * single connection (and the event loop, which the bare server shares), so the next run would pay
 * for them. The health check queues behind them and answers once they are done.
 */
export async function waitUntilIdle(baseUrl: string): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(300_000) });
  }
}
