import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Location } from '../../src/server/platform/file-store-s3.js';
import { newId } from '../../src/server/platform/tokens.js';
import { tmpRoot } from './paths.js';

/** s3rver's own key pair: it checks every request's signature against it. */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface ObjectStorage {
  /** Where the server answers, e.g. http://127.0.0.1:41234. */
  endpoint: string;
  bucket: string;
  /** A place in the bucket, under a prefix of its own when one is given. */
  s3: (prefix?: string) => S3Location;
  /** FILES_URL naming the bucket, for a server process (credentials go in AWS_* variables). */
  filesUrl: (prefix?: string) => string;
  /** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for a server process. */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

/**
 * An S3-compatible server (s3rver) on loopback with one empty bucket, its objects in a folder of
 * its own: what the object-storage file store is tested against, with no internet.
 */
export async function startObjectStorage(directory = path.join(tmpRoot, 's3', newId())): Promise<ObjectStorage> {
  await mkdir(directory, { recursive: true });
  const bucket = 'portico-files';
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const s3 = (prefix = ''): S3Location => ({
    bucket,
    prefix,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: s3rverCredentials,
  });
  return {
    endpoint,
    bucket,
    s3,
    filesUrl: (prefix = '') =>
      `s3://${bucket}${prefix ? `/${prefix}` : ''}?region=us-east-1&endpoint=${encodeURIComponent(endpoint)}&forcePathStyle=true`,
    env: { AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey },
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
