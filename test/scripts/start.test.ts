/**
 * What a person sees after `npm start`: the server process (src/server/main.ts, which scripts/start.ts
 * runs once the web apps are built) prints one line saying where Portico runs and what to do first,
 * and in development no JSON line per request unless LOG_LEVEL=info asks for them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { createPractice } from '../factories/practices.js';
import { repoRoot, tmpRoot } from '../helpers/paths.js';

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

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

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/**
 * Starts the server as `npm start` does, with only these variables (and PATH, HOME): no NODE_ENV, so
 * development. Once it has said it runs, makes a few requests, then stops it with SIGTERM.
 */
async function startAndBrowse(dataDir: string, env: Record<string, string> = {}): Promise<Run & { port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server', 'main.ts')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!stdout.includes('Portico is running at')) {
      if (child.exitCode !== null) throw new Error(`server exited before it was ready:\n${stdout}\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const base = `http://127.0.0.1:${port}`;
    for (const url of ['/healthz', '/api/session', '/api/no-such-route', '/']) await (await fetch(base + url)).text();
  } finally {
    child.kill('SIGTERM');
  }
  const code = await exited;
  return { stdout, stderr, code, port };
}

const requestLogLines = (output: string): string[] =>
  output.split('\n').filter((line) => line.includes('"req":') || line.includes('"res":'));

it(
  'prints one line saying where Portico runs and to create the practice, and no request logs by default',
  { timeout: 90_000 },
  async () => {
    const dataDir = mkdtempSync(path.join(tmpRoot, 'start-'));
    directories.push(dataDir);
    const run = await startAndBrowse(dataDir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      `Portico is running at http://localhost:${run.port} — open it to create your practice`,
    ]);
    expect(run.stderr).toBe('');
  },
);

it(
  'says to sign in once a practice exists, and LOG_LEVEL=info brings the request logs back',
  { timeout: 90_000 },
  async () => {
    const dataDir = mkdtempSync(path.join(tmpRoot, 'start-'));
    directories.push(dataDir);
    // The first start creates and migrates the database; a practice is then added to it.
    await startAndBrowse(dataDir);
    const database = openDatabase(path.join(dataDir, 'portico.db'));
    try {
      await createPractice({ db: database.db, clock: systemClock });
    } finally {
      await database.close();
    }

    const quiet = await startAndBrowse(dataDir);
    expect(quiet.stdout.trim().split('\n')).toEqual([
      `Portico is running at http://localhost:${quiet.port} — open it to sign in`,
    ]);

    const verbose = await startAndBrowse(dataDir, { LOG_LEVEL: 'info' });
    expect(verbose.code, verbose.stdout + verbose.stderr).toBe(0);
    expect(verbose.stdout).toContain(`Portico is running at http://localhost:${verbose.port} — open it to sign in`);
    const logged = requestLogLines(verbose.stdout).join('\n');
    expect(logged).toContain('"url":"/healthz"');
    expect(logged).toContain('"url":"/api/session"');
  },
);
