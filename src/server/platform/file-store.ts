import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { newId } from './tokens.js';

/**
 * Where Portico keeps file bytes (message attachments, practice logos; documents and PDFs as they
 * arrive): the local disk or S3-compatible object storage, chosen by FILES_URL
 * (docs/decisions/021). The database keeps only a file's key, which the server generates:
 * `<practice id>/<kind>/<random id>`, never a user's file name.
 */
export interface FileStore {
  /** What the store is, for logs and `npm run files:migrate`: `disk /path` or `s3 bucket/prefix`. */
  readonly description: string;
  /**
   * Stores the bytes of `body` under `key`, streaming (never the whole file in memory). Answers
   * their size and SHA-256 as read. Either the whole file is stored or nothing is: a stream that
   * fails or ends short of `size`, or a store that fails, leaves no file under the key.
   */
  put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredFile>;
  /** The file as a stream, with its size; null when nothing is stored under the key. */
  get(key: string): Promise<OpenedFile | null>;
  /** Removes the file; a key with no file is no error. */
  delete(key: string): Promise<void>;
  /** Every stored file, a page at a time (the orphan sweep walks it); writes under way are not listed. */
  list(options?: { signal?: AbortSignal }): AsyncIterable<ListedFile>;
  /**
   * Removes what writes cut short by a crash left (begun before `before`); answers how many. A
   * store whose unfinished writes are invisible and cleaned by the store itself answers 0.
   */
  removeUnfinished(before: Date, options?: { signal?: AbortSignal }): Promise<number>;
  /** Resolves when the store can be written and read (the readiness check); rejects saying why not. */
  check(): Promise<void>;
  /** Lets go of connections (when the server stops). */
  close(): void;
}

export interface PutOptions {
  /** The content type the file is stored with (object storage keeps it beside the bytes). */
  contentType: string;
  /** The exact size, when known in advance: a stream that ends at another size stores nothing. */
  size?: number;
}

export interface StoredFile {
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

export interface OpenedFile {
  stream: Readable;
  size: number;
}

export interface ListedFile {
  key: string;
  size: number;
  /** When the file was last written. */
  modifiedAt: Date;
}

/** A store that could not do what was asked (unreachable, refusing, too slow); not a caller's mistake. */
export class FileStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileStoreError';
  }
}

/** What a file is: the middle segment of its key. New kinds join as features store files. */
export type FileKind = 'attachments' | 'logos' | 'documents';

const segment = '[a-z0-9-]+';
/** Keys are lowercase segments of letters, digits and dashes, joined by slashes. */
export const keyPattern = new RegExp(`^${segment}(/${segment})*$`);

/**
 * A key for a new file of a practice: `<practice id>/<kind>/<random id>`; the id may be that of
 * the row naming the file (itself random), which makes a stored file easy to trace.
 */
export function newFileKey(practiceId: string, kind: FileKind, id: string = newId()): string {
  return `${practiceId}/${kind}/${id}`;
}

/** Refuses a key the server could not have made (so no key leaves a store's folder or prefix). */
export function checkKey(key: string): string {
  if (!keyPattern.test(key)) throw new Error(`invalid file key: ${key}`);
  return key;
}

/**
 * The bytes on their way to a store: counted and hashed as they pass, checked against the stated
 * size. A failure of the source (an upload cut off) or a wrong size is kept in `sourceError`, so a
 * store can tell it from its own failure.
 */
export class Measure extends Transform {
  /** Not `size`: the S3 uploader reads a body's `size` as its length. */
  private bytes = 0;
  sourceError: Error | undefined = undefined;
  private readonly hash = createHash('sha256');
  private readonly source: Readable;

  constructor(
    body: Readable | Buffer,
    private readonly expectedSize?: number,
  ) {
    super();
    this.source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    this.source.once('error', (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.sourceError ??= failure;
      this.destroy(failure);
    });
    // Consumers see an error through their pipeline or iterator; none goes unhandled here.
    this.on('error', () => undefined);
    this.source.pipe(this);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (this.expectedSize !== undefined && this.bytes > this.expectedSize) {
      callback(this.refuse(`the file is longer than its stated ${this.expectedSize} bytes`));
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.expectedSize !== undefined && this.bytes !== this.expectedSize) {
      callback(this.refuse(`the file ended at ${this.bytes} of its stated ${this.expectedSize} bytes`));
      return;
    }
    callback();
  }

  private refuse(message: string): Error {
    const error = new Error(message);
    this.sourceError ??= error;
    return error;
  }

  /** After a failed store: the rest of the source is read and dropped, so its producer is not left waiting. */
  release(): void {
    this.source.unpipe(this);
    if (!this.source.destroyed) this.source.resume();
  }

  result(): StoredFile {
    return { size: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** What a sweep of the store removed. */
export interface SweepResult {
  /** Complete files that nothing referenced. */
  files: number;
  /** What writes a crash cut short left. */
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

const defaultBatchSize = 500;

/**
 * Deletes what was last written before `before` and is referenced by nothing: unfinished writes
 * always, and complete files whose keys `referenced` does not answer. A key `referenced` fails
 * for is kept. For what a crash leaves between storing a file and writing the row naming it.
 */
export async function sweepUnreferenced(store: FileStore, before: Date, options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { files: 0, unfinished: 0 };
  result.unfinished = await store.removeUnfinished(before, { signal: options.signal });
  const batchSize = options.batchSize ?? defaultBatchSize;
  let batch: string[] = [];
  const flush = async () => {
    const keys = batch;
    batch = [];
    if (keys.length === 0) return;
    const referenced = await options.referenced(keys);
    for (const key of keys) {
      if (referenced.has(key)) continue;
      await store.delete(key);
      result.files++;
    }
  };
  for await (const file of store.list({ signal: options.signal })) {
    options.signal?.throwIfAborted();
    if (file.modifiedAt.getTime() >= before.getTime()) continue;
    batch.push(file.key);
    if (batch.length >= batchSize) await flush();
  }
  options.signal?.throwIfAborted();
  await flush();
  return result;
}
