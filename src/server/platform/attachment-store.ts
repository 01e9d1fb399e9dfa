import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { newId } from './tokens.js';

/**
 * Where attachment bytes live. The database keeps only the key, so an object store can replace
 * the disk by implementing these three calls.
 */
export interface AttachmentStore {
  put(key: string, data: Buffer): Promise<void>;
  /** Null when nothing is stored under the key. */
  open(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

const keyPattern = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

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
}
