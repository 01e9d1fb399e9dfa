/**
 * `npm run files:migrate` (scripts/files-migrate.ts) as an operator runs it: a process of its own,
 * configured by the environment, copying a disk store's files into a bucket (s3rver on loopback).
 * Every file arrives with the same key and bytes; a second run finds them there; a file that
 * differs in the bucket is copied again; bad settings and an unreachable bucket exit 1 saying why.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileStore } from '../../src/server/platform/file-store-disk.js';
import { S3FileStore } from '../../src/server/platform/file-store-s3.js';
import { newFileKey } from '../../src/server/platform/file-store.js';
import { newId } from '../../src/server/platform/tokens.js';
import { bytesOf } from '../helpers/file-store.js';
import { startObjectStorage, type ObjectStorage } from '../helpers/object-storage.js';
import { tmpRoot } from '../helpers/paths.js';
import { describeRun, runScript } from '../helpers/script-run.js';

const runFilesMigrate = (env: Record<string, string>, args: string[] = []) =>
  runScript(path.join('scripts', 'files-migrate.ts'), env, args);

let storage: ObjectStorage;
beforeAll(async () => {
  storage = await startObjectStorage();
});
afterAll(async () => {
  await storage.stop();
});

describe('npm run files:migrate', () => {
  it('copies every stored file to the bucket under its key, verified, and finds them there the second time', async () => {
    const dataDir = path.join(tmpRoot, 'files-migrate', newId());
    const disk = new DiskFileStore(path.join(dataDir, 'attachments'));
    const practice = newId();
    const files = new Map<string, Buffer>([
      [newFileKey(practice, 'attachments'), randomBytes(6 * 1024 * 1024)],
      [newFileKey(practice, 'logos'), randomBytes(2_000)],
      // Keys stored before the file store: an attachment by client, a logo by practice.
      [`${practice}/${newId()}/${newId()}`, randomBytes(10_000)],
      [`practice-logos/${practice}/${newId()}`, randomBytes(500)],
    ]);
    for (const [key, data] of files) await disk.put(key, data, { contentType: 'application/pdf' });
    // Not Portico's: left where it is.
    await writeFile(path.join(dataDir, 'attachments', 'README.txt'), 'notes');
    const prefix = `migrated-${newId()}`;
    const bucket = new S3FileStore(storage.s3(prefix));
    const env = { DATA_DIR: dataDir, FILES_URL: storage.filesUrl(prefix), ...storage.env };

    const first = await runFilesMigrate(env);
    expect(first.code, describeRun(first)).toBe(0);
    expect(first.stdout).toContain(
      `Copying files from disk ${path.join(dataDir, 'attachments')} to s3 portico-files/${prefix}`,
    );
    expect(first.stdout).toMatch(
      /Copied 4 files \(6\.0 MB\), each verified by size and SHA-256; 0 already there; 0 failed/,
    );
    for (const [key, data] of files) expect((await bytesOf(bucket, key))?.equals(data), key).toBe(true);

    // A copy that went wrong in the bucket (another size, other bytes) is copied again.
    const [damagedKey = ''] = files.keys();
    await bucket.put(damagedKey, Buffer.from('not the file'), { contentType: 'application/pdf' });
    const second = await runFilesMigrate(env);
    expect(second.code, describeRun(second)).toBe(0);
    expect(second.stdout).toMatch(
      /Copied 1 file \(6\.0 MB\), each verified by size and SHA-256; 3 already there; 0 failed/,
    );
    expect((await bytesOf(bucket, damagedKey))?.equals(files.get(damagedKey) ?? Buffer.alloc(0))).toBe(true);

    const third = await runFilesMigrate({ ...env, DATA_DIR: '/nowhere' }, [
      '--from',
      path.join(dataDir, 'attachments'),
    ]);
    expect(third.stdout).toMatch(
      /Copied 0 files \(0\.0 MB\), each verified by size and SHA-256; 4 already there; 0 failed/,
    );
    bucket.close();
  });

  it('exits 1 saying why when FILES_URL names no bucket, or the bucket cannot be reached', async () => {
    const dataDir = path.join(tmpRoot, 'files-migrate', newId());
    await mkdir(dataDir, { recursive: true });
    const unset = await runFilesMigrate({ DATA_DIR: dataDir });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('FILES_URL: must name the object storage to copy to');
    const bad = await runFilesMigrate({ DATA_DIR: dataDir, FILES_URL: 's3://portico-files' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('FILES_URL: needs ?region=<region>');
    const unreachable = await runFilesMigrate({
      DATA_DIR: dataDir,
      FILES_URL: storage.filesUrl().replace('s3://portico-files', 's3://no-such-bucket'),
      ...storage.env,
    });
    expect(unreachable.code, describeRun(unreachable)).toBe(1);
    expect(unreachable.stderr).toContain(
      'Could not copy the files: object storage failed reaching bucket no-such-bucket',
    );
  });
});
