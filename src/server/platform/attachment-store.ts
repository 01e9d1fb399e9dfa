import { createReadStream } from 'node:fs';
import { lstat, mkdir, opendir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { newId } from './tokens.js';

/** What a sweep of the store removed. */
export interface SweepResult {
  /** Complete files that nothing referenced. */
  files: number;
  /** Files a write left unfinished (the process died inside `put`). */
  unfinished: number;
}

export interface SweepOptions {
  /** Which of these keys something still references; asked a batch at a time. */
  referenced: (keys: string[]) => Promise<ReadonlySet<string>>;
  /** Keys per `referenced` call. */
  batchSize?: number;
  /** Stops the sweep between files (when the server shuts down). */
  signal?: AbortSignal;
}

/**
 * Where attachment bytes live. The database keeps only the key, so an object store can replace
 * the disk by implementing these calls.
 */
export interface AttachmentStore {
  put(key: string, data: Buffer): Promise<void>;
  /** Null when nothing is stored under the key. */
  open(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
  /**
   * Deletes what was last written before `before` and is referenced by nothing: unfinished writes
   * always, and complete files whose keys `referenced` does not answer. A key `referenced` fails
   * for is kept. For what a crash leaves between storing a file and writing the row naming it.
   */
  deleteUnreferenced(before: Date, options: SweepOptions): Promise<SweepResult>;
}

const keyPattern = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;
const segmentPattern = /^[a-z0-9-]+$/;
/** What `put` writes before it renames: `<last key segment>.<id>.partial`. */
const partialPattern = /^[a-z0-9-]+\.[a-z0-9-]+\.partial$/;
const defaultBatchSize = 500;

/** Files under a directory (by default `<DATA_DIR>/attachments`), one per key. */
export class DiskAttachmentStore implements AttachmentStore {
  constructor(private readonly root: string) {}

  private fileFor(key: string): string {
    // Keys are made by the server from ids; the check keeps a bad key from leaving the root.
    if (!keyPattern.test(key)) throw new Error(`invalid attachment key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.fileFor(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside and renamed, so a reader never sees half a file.
    const partial = `${file}.${newId()}.partial`;
    await writeFile(partial, data, { mode: 0o600 });
    await rename(partial, file);
  }

  async open(key: string): Promise<Readable | null> {
    const file = this.fileFor(key);
    try {
      await stat(file);
    } catch {
      return null;
    }
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileFor(key), { force: true });
  }

  /**
   * Walks the folder a directory at a time (never listing it all at once). Only the store's own
   * files are touched: a name that is neither a key nor a `put` leftover, a symbolic link, or
   * anything changed since `before` stays where it is.
   */
  async deleteUnreferenced(before: Date, options: SweepOptions): Promise<SweepResult> {
    const result: SweepResult = { files: 0, unfinished: 0 };
    const batchSize = options.batchSize ?? defaultBatchSize;
    let batch: string[] = [];
    const flush = async () => {
      const keys = batch;
      batch = [];
      if (keys.length === 0) return;
      const referenced = await options.referenced(keys);
      for (const key of keys) {
        if (referenced.has(key)) continue;
        await rm(this.fileFor(key), { force: true });
        result.files++;
      }
    };
    for await (const { file, segments } of this.filesUnder(this.root, [], options.signal)) {
      const name = segments.at(-1) ?? '';
      const isPartial = partialPattern.test(name);
      if (!isPartial && !segments.every((s) => segmentPattern.test(s))) continue;
      const stats = await lstat(file).catch(() => null);
      if (!stats?.isFile() || stats.mtimeMs >= before.getTime()) continue;
      if (isPartial) {
        await rm(file, { force: true });
        result.unfinished++;
        continue;
      }
      batch.push(segments.join('/'));
      if (batch.length >= batchSize) await flush();
    }
    options.signal?.throwIfAborted();
    await flush();
    return result;
  }

  private async *filesUnder(
    directory: string,
    segments: string[],
    signal: AbortSignal | undefined,
  ): AsyncGenerator<{ file: string; segments: string[] }> {
    let entries;
    try {
      entries = await opendir(directory);
    } catch (error) {
      // Nothing stored yet, or a folder removed meanwhile.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for await (const entry of entries) {
      signal?.throwIfAborted();
      const file = path.join(directory, entry.name);
      if (entry.isDirectory() && segmentPattern.test(entry.name)) {
        yield* this.filesUnder(file, [...segments, entry.name], signal);
      } else if (entry.isFile()) {
        yield { file, segments: [...segments, entry.name] };
      }
    }
  }
}
