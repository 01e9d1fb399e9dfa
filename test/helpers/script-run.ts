import { spawn } from 'node:child_process';
import { repoRoot } from './paths.js';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a script (its path from the repository's root, e.g. `scripts/migrate.ts`) as an operator
 * runs it: a process of its own, configured by these variables alone (and PATH, HOME), so nothing
 * of the test runner's leaks in. Resolves when it exits, with what it printed.
 */
export function runScript(script: string, env: Record<string, string>, args: string[] = []): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A run's exit code and output, for an assertion's message. */
export const describeRun = (run: ScriptRun): string => `exit ${String(run.code)}\n${run.stdout}\n${run.stderr}`;
