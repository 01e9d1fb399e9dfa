import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, lstat, mkdir, opendir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  checkKey,
  FileStoreError,
  Measure,
  type FileStore,
  type ListedFile,
  type OpenedFile,
  type PutOptions,
  type StoredFile,
} from './file-store.js';
import { newId } from './tokens.js';

const segmentPattern = /^[a-z0-9-]+$/;
/** What `put` writes before it renames: `<last key segment>.<id>.partial`. */
const partialPattern = /^[a-z0-9-]+\.[a-z0-9-]+\.partial$/;

/**
 * Files in a folder on this machine's disk, one per key (by default `<DATA_DIR>/attachments`).
 * Several servers can share it only if the folder is on a disk they all mount.
 */
export class DiskFileStore implements FileStore {
  readonly description: string;
  constructor(private readonly root: string) {
    this.description = `disk ${root}`;
  }

  private fileFor(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredFile> {
    const file = this.fileFor(key);
    // Written beside and renamed, so a reader never sees half a file.
    const partial = `${file}.${newId()}.partial`;
    const measure = new Measure(body, options.size);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await pipeline(measure, createWriteStream(partial, { mode: 0o600 }));
      await rename(partial, file);
    } catch (error) {
      measure.release();
      await rm(partial, { force: true }).catch(() => undefined);
      throw (
        measure.sourceError ?? new FileStoreError(`the disk failed storing a file: ${String(error)}`, { cause: error })
      );
    }
    return measure.result();
  }

  async get(key: string): Promise<OpenedFile | null> {
    const file = this.fileFor(key);
    const stats = await stat(file).catch(() => null);
    if (!stats?.isFile()) return null;
    return { stream: createReadStream(file), size: stats.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileFor(key), { force: true });
  }

  /**
   * Walks the folder a directory at a time (never listing it all at once). Only the store's own
   * files are listed: a name that is not a key, a symbolic link, or a write under way is not.
   */
  async *list(options: { signal?: AbortSignal } = {}): AsyncIterable<ListedFile> {
    for await (const { file, segments } of this.filesUnder(this.root, [], options.signal)) {
      if (!segments.every((s) => segmentPattern.test(s))) continue;
      const stats = await lstat(file).catch(() => null);
      if (!stats?.isFile()) continue;
      yield { key: segments.join('/'), size: stats.size, modifiedAt: stats.mtime };
    }
  }

  /** Removes `put`'s partial files last written before `before` (a crash inside a write leaves one). */
  async removeUnfinished(before: Date, options: { signal?: AbortSignal } = {}): Promise<number> {
    let removed = 0;
    for await (const { file, segments } of this.filesUnder(this.root, [], options.signal)) {
      if (!partialPattern.test(segments.at(-1) ?? '')) continue;
      const stats = await lstat(file).catch(() => null);
      if (!stats?.isFile() || stats.mtimeMs >= before.getTime()) continue;
      await rm(file, { force: true });
      removed++;
    }
    return removed;
  }

  /** The folder exists (it is made if need be) and this process may write in it. */
  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.R_OK | constants.W_OK);
  }

  close(): void {
    // Nothing held open between calls.
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
