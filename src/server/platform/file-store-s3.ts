import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import {
  checkKey,
  FileStoreError,
  keyPattern,
  Measure,
  type FileStore,
  type ListedFile,
  type OpenedFile,
  type PutOptions,
  type StoredFile,
} from './file-store.js';

/** Where the files are: FILES_URL's `s3://<bucket>[/<prefix>]?region=…&endpoint=…&forcePathStyle=true`. */
export interface S3Location {
  bucket: string;
  /** Prepended to every key (without a trailing slash); empty for the bucket's root. */
  prefix: string;
  region: string;
  /** For S3-compatible services (R2, MinIO, B2); absent for AWS S3 itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** From AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; absent: the SDK's own chain (instance roles and the like). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface S3Tuning {
  /** How long one request may wait for an answer before it fails (ms). */
  requestTimeoutMs?: number;
  /** Attempts per request, retries of throttling and 5xx answers included. */
  maxAttempts?: number;
  /** Bytes per part of a multipart upload: what one upload holds in memory at most, per part in flight. */
  partSize?: number;
}

const checkTimeoutMs = 5_000;

/** The smallest part S3 accepts; files smaller than it go up in one request. */
const minPartSize = 5 * 1024 * 1024;

/**
 * Files as objects in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Backblaze B2). The
 * bucket stays private: Portico streams each download itself, after its own checks.
 */
export class S3FileStore implements FileStore {
  readonly description: string;
  private readonly client: S3Client;
  private readonly partSize: number;

  constructor(
    private readonly settings: S3Location,
    tuning: S3Tuning = {},
  ) {
    this.description = `s3 ${settings.bucket}${settings.prefix ? `/${settings.prefix}` : ''}`;
    this.partSize = Math.max(tuning.partSize ?? minPartSize, minPartSize);
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      maxAttempts: tuning.maxAttempts ?? 3,
      // A request that goes quiet fails (without throwOnRequestTimeout the SDK only warns and waits on).
      requestHandler: {
        connectionTimeout: 5_000,
        requestTimeout: tuning.requestTimeoutMs ?? 30_000,
        throwOnRequestTimeout: true,
      },
      // Checksums only where S3 requires them: several S3-compatible services refuse the newer
      // trailing checksums. Portico checks its own SHA-256 of every file instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    checkKey(key);
    return this.settings.prefix ? `${this.settings.prefix}/${key}` : key;
  }

  async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredFile> {
    const measure = new Measure(body, options.size);
    // One part in flight at a time: an upload holds at most two parts in memory, whatever its size.
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.settings.bucket,
        Key: this.objectKey(key),
        Body: measure,
        ContentType: options.contentType,
      },
      partSize: this.partSize,
      queueSize: 1,
      // A failed multipart upload is aborted, so no parts are left behind.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      measure.release();
      // An upload that failed stored nothing, unless the store kept it and its answer was lost:
      // that object is deleted too, without holding up the answer to the sender.
      void this.delete(key).catch(() => undefined);
      throw measure.sourceError ?? storeError('storing a file', error);
    }
    return measure.result();
  }

  async get(key: string): Promise<OpenedFile | null> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
      );
      if (!(answer.Body instanceof Readable)) throw new FileStoreError('the object storage answered no stream');
      return { stream: answer.Body, size: answer.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw storeError('reading a file', error);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw storeError('deleting a file', error);
    }
  }

  async *list(options: { signal?: AbortSignal } = {}): AsyncIterable<ListedFile> {
    const prefix = this.settings.prefix ? `${this.settings.prefix}/` : '';
    let token: string | undefined;
    do {
      options.signal?.throwIfAborted();
      const page = await this.client
        .send(
          new ListObjectsV2Command({
            Bucket: this.settings.bucket,
            ...(prefix ? { Prefix: prefix } : {}),
            ...(token ? { ContinuationToken: token } : {}),
          }),
          { abortSignal: options.signal },
        )
        .catch((error: unknown) => {
          throw storeError('listing files', error);
        });
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(prefix.length) ?? '';
        // Only objects Portico could have stored; anything else in the bucket is left alone.
        if (!object.Key?.startsWith(prefix) || !keyPattern.test(key)) continue;
        yield { key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date() };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * A multipart upload that fails is aborted by `put`; one a crash interrupts is no object (never
   * listed, never downloadable) and is removed by the bucket's lifecycle rule for incomplete
   * multipart uploads (README), as S3-compatible services offer it.
   */
  async removeUnfinished(): Promise<number> {
    return 0;
  }

  async check(): Promise<void> {
    try {
      // A readiness check answers within seconds, whatever the requests' own timeout.
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }), {
        abortSignal: AbortSignal.timeout(checkTimeoutMs),
      });
    } catch (error) {
      throw storeError(`reaching bucket ${this.settings.bucket}`, error);
    }
  }

  /** Closes the client's connections. */
  close(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}

function storeError(doing: string, error: unknown): FileStoreError {
  if (error instanceof FileStoreError) return error;
  const status = error instanceof S3ServiceException ? ` (HTTP ${error.$metadata.httpStatusCode ?? '?'})` : '';
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new FileStoreError(`object storage failed ${doing}${status}: ${reason}`, { cause: error });
}
