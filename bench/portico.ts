import { z } from 'zod';
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';
import type { BenchDatabase } from './database.js';
import type { LoadRequest } from './load-protocol.js';

export interface RunningPortico {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real server, as `npm start` runs it, on the bench database, with request logging off;
 * `env` adds to its settings (FILES_URL for the files figures).
 */
export async function startPortico(
  database: Pick<BenchDatabase, 'url' | 'dataDir'>,
  env: Record<string, string> = {},
): Promise<RunningPortico> {
  const settings: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    // As behind a reverse proxy on this machine (the load process connects from 127.0.0.1): the client
    // address comes from X-Forwarded-For, so the sign-in scenario can come from many clients, each
    // within the per-address limit, as it would in use. Each request carries a single entry, which
    // is the one the proxy saw.
    TRUST_PROXY: '127.0.0.1',
    ...env,
  };
  // No SMTP server is needed or wanted. The send scenario schedules one "message waiting" email to
  // the client, due after MESSAGE_NOTIFY_SECONDS (5 minutes); without SMTP_URL it is never sent.
  delete settings.SMTP_URL;
  // FILES_URL names the store when given; the older ATTACHMENTS_DIR is refused beside it.
  if (env.FILES_URL) delete settings.ATTACHMENTS_DIR;
  const server = await startServer(loadConfig(settings));
  // startServer reports "localhost", which may resolve to ::1 while the server listens on IPv4.
  return { url: server.url.replace('localhost', '127.0.0.1'), stop: server.stop };
}

export interface Session {
  /** The Cookie header for later requests. */
  cookie: string;
  /** What mutating requests carry in `x-csrf-token`. */
  csrfToken: string;
}

/** Signs in over HTTP as a browser would: the session cookie, and the CSRF token from the JSON body. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    // `__Host-portico_staff` when the server is served over https.
    .find((pair) => /^(__Host-)?portico_staff=/.test(pair));
  if (!cookie) throw new Error('sign-in answered without a portico_staff cookie');
  const { csrfToken } = sessionBody.parse(await response.json());
  return { cookie, csrfToken };
}

const sessionBody = z.object({ csrfToken: z.string().min(1) });

/** Opens a client's portal session by redeeming an emailed sign-in link, as the portal's link page does. */
export async function signInClient(baseUrl: string, slug: string, token: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/portal/${slug}/sign-in/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw new Error(`portal sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => /^(__Host-)?portico_client=/.test(pair));
  if (!cookie) throw new Error('portal sign-in answered without a portico_client cookie');
  const { csrfToken } = sessionBody.parse(await response.json());
  return { cookie, csrfToken };
}

/** A response as captured from Portico, for the bare server to send back verbatim. */
export interface CapturedResponse {
  status: number;
  body: string;
}

/** The key captured responses are stored under: method and URL, as the bare server sees them. */
export const captureKey = (method: string, url: string): string => `${method} ${url}`;

/**
 * Sends each request once, checking it succeeds (2xx), and keeps the status and body for the bare
 * baseline. A captured POST really happens: a sent message stays sent.
 */
export async function captureResponses(
  baseUrl: string,
  headers: Record<string, string>,
  requests: readonly LoadRequest[],
): Promise<Map<string, CapturedResponse>> {
  const captured = new Map<string, CapturedResponse>();
  for (const request of requests) {
    const key = captureKey(request.method, request.path);
    if (captured.has(key)) continue;
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: { ...headers, ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const body = await response.text();
    if (response.status < 200 || response.status > 299)
      throw new Error(`${key} answered ${response.status}: ${body.slice(0, 300)}`);
    captured.set(key, { status: response.status, body });
  }
  return captured;
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
