import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadResult, type LoadJob, type LoadResult } from './load-protocol.js';

const reply = z.union([
  z.object({ ok: z.literal(true), result: loadResult }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Drives the forked load process (bench/load-process.ts), one job at a time. */
export class LoadGenerator {
  private readonly child: ChildProcess;

  constructor() {
    // fork inherits process.execArgv, so the child gets tsx's loader just as this process did.
    this.child = fork(fileURLToPath(new URL('./load-process.ts', import.meta.url)), [], { stdio: 'inherit' });
  }

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`the load process exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (message: unknown) => {
        this.child.off('exit', onExit);
        const parsed = reply.safeParse(message);
        if (!parsed.success) reject(new Error(`unexpected message from the load process: ${parsed.error.message}`));
        else if (parsed.data.ok) resolve(parsed.data.result);
        else reject(new Error(parsed.data.error));
      });
      this.child.send(job);
    });
  }

  stop(): void {
    this.child.kill();
  }
}
