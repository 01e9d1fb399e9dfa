import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const directories: string[] = [];

/**
 * A temporary folder of the test's own. Not under .vitest-tmp: every Vitest run empties that at
 * start, and a server process reopening a database by path would then quietly make a new one.
 */
export function privateDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'portico-faults-'));
  directories.push(directory);
  return directory;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** What the process wrote to stdout and stderr so far. */
  readonly output: () => string;
  readonly kill: (signal: NodeJS.Signals) => void;
  readonly exited: Promise<Exit>;
  readonly alive: boolean;
}

const running = new Set<ServerProcess>();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real server entry (`src/server/main.ts`) in a process of its own, one Node process (tsx as a
 * loader, not its CLI, so a signal reaches the server itself). Resolves once /healthz answers, or
 * at once with `waitUntilReady: false`.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { waitUntilReady = true }: { waitUntilReady?: boolean } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server', 'main.ts')], {
    cwd: repoRoot,
    // A clean environment: nothing of the test runner's (DATABASE_URL and the like) leaks in.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // As deployed: production mode, logging warnings and errors (a 500 shows its cause here).
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: privateDirectory(),
      PUBLIC_URL: 'http://portico.test',
      SESSION_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      OUTBOX_POLL_MS: '50',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let alive = true;
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    }),
  );
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output: () => output,
    kill: (signal) => {
      if (alive) child.kill(signal);
    },
    exited,
    get alive() {
      return alive;
    },
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  if (!waitUntilReady) return server;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!alive) throw new Error(`server process exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`server process not ready within 60 s:\n${output}`);
    }
    try {
      const response = await fetch(`${server.url}/healthz`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Kills whatever a test left running (call in afterEach). */
export async function killServerProcesses(): Promise<void> {
  const left = [...running];
  for (const server of left) server.kill('SIGKILL');
  await Promise.all(left.map((server) => server.exited));
}

/** Removes the folders `privateDirectory` made (call in afterEach, once databases are closed). */
export function removePrivateDirectories(): void {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
}
