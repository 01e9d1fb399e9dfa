import type { AppDeps } from '../../deps.js';
import { sweepUnreferenced, type SweepOptions, type SweepResult } from '../../platform/file-store.js';
import { findReferencedDocumentKeys } from '../documents/index.js';
import { findReferencedLogoKeys } from '../practices/index.js';
import { findReferencedStorageKeys } from './messaging.unscoped.js';

/**
 * How old an unreferenced file must be to go. A message's files are stored before the
 * transaction that writes its rows, so a file being sent right now has no row yet; an hour is far
 * longer than any upload's transaction, and far shorter than a disk fills up.
 */
export const orphanMinAgeMs = 60 * 60_000;

const sweepEveryMs = 60 * 60_000;

export interface SweepLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Removes attachment files no message refers to: those a crash left between storing a message's
 * files and committing its rows, and writes a crash cut short. Runs when the server starts and
 * hourly after, on a timer that does not keep the process alive; several servers sharing one
 * store may sweep at once, which costs a few lookups and removes nothing twice. File ages are
 * read from the file system, so they are measured against the wall clock, not `deps.clock`.
 */
export class AttachmentSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;

  constructor(
    private readonly deps: Pick<AppDeps, 'db' | 'files'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Sweeps at once and then every `everyMs`; results and failures go to `log`, never thrown. */
  start(log: SweepLog, everyMs = sweepEveryMs): void {
    clearInterval(this.timer);
    this.abort?.abort();
    const controller = new AbortController();
    this.abort = controller;
    const run = () => {
      // One sweep at a time: a slow one is not joined by the next.
      this.running ??= this.sweep({ signal: controller.signal })
        .then(
          (result) => {
            if (result.files + result.unfinished > 0)
              log.info({ ...result }, 'removed attachment files no message refers to');
          },
          (error: unknown) => {
            if (!controller.signal.aborted)
              log.warn({ err: error }, 'sweeping attachment files no message refers to failed');
          },
        )
        .finally(() => {
          this.running = null;
        });
    };
    run();
    this.timer = setInterval(run, everyMs);
    // A sweep due is no reason to keep the process alive.
    this.timer.unref();
  }

  /** Stops the timer and the sweep in progress (between files); resolves once it has stopped. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.abort = null;
    await this.running;
  }

  /** One sweep: deletes what nothing refers to and was last written over `orphanMinAgeMs` ago. */
  async sweep(options: Omit<SweepOptions, 'referenced'> = {}): Promise<SweepResult> {
    const before = new Date(this.now().getTime() - orphanMinAgeMs);
    return sweepUnreferenced(this.deps.files, before, {
      ...options,
      // The store also holds the practices' logos and the documents' files: those in use stay.
      referenced: async (keys) => {
        const [messages, logos, documents] = await Promise.all([
          findReferencedStorageKeys(this.deps.db, keys),
          findReferencedLogoKeys(this.deps.db, keys),
          findReferencedDocumentKeys(this.deps.db, keys),
        ]);
        return new Set([...messages, ...logos, ...documents]);
      },
    });
  }
}
