import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, keysIn } from '../../../test/helpers/file-store.js';
import { startObjectStorage, type ObjectStorage } from '../../../test/helpers/object-storage.js';
import { repoRoot, tmpRoot } from '../../../test/helpers/paths.js';
import { DiskFileStore } from './file-store-disk.js';
import { S3FileStore } from './file-store-s3.js';
import { FileStoreError, newFileKey, sweepUnreferenced, type FileStore } from './file-store.js';
import { newId } from './tokens.js';

/**
 * The file-store contract: every implementation passes the same tests. The object-storage one
 * runs against s3rver on loopback, under a prefix (as a bucket shared with other things would be).
 */
interface Subject {
  store: () => FileStore;
  /** A store that cannot be reached. */
  unreachable: () => FileStore;
  /** Puts something there that Portico did not store (another program's file or object). */
  plantForeign: (name: string) => Promise<void>;
}

let storage: ObjectStorage;
beforeAll(async () => {
  storage = await startObjectStorage();
});
afterAll(async () => {
  await storage.stop();
});

const diskRoot = () => path.join(tmpRoot, 'file-store', newId());
let disk: DiskFileStore;
let diskDir = '';
let s3: S3FileStore;
let s3Prefix = '';

const subjects: [string, Subject][] = [
  [
    'disk',
    {
      store: () => {
        diskDir = diskRoot();
        disk = new DiskFileStore(diskDir);
        return disk;
      },
      unreachable: () => {
        // A folder that cannot be made: its parent is a file.
        return new DiskFileStore(path.join(repoRoot, 'package.json', 'files'));
      },
      plantForeign: async (name) => {
        await mkdir(path.dirname(path.join(diskDir, name)), { recursive: true });
        await writeFile(path.join(diskDir, name), 'not stored by Portico');
      },
    },
  ],
  [
    'object storage (s3rver)',
    {
      store: () => {
        s3Prefix = `portico-${newId()}`;
        s3 = new S3FileStore(storage.s3(s3Prefix));
        return s3;
      },
      unreachable: () =>
        new S3FileStore(
          { ...storage.s3(), endpoint: 'http://127.0.0.1:9', bucket: 'nowhere' },
          { maxAttempts: 1, requestTimeoutMs: 2_000 },
        ),
      plantForeign: async (name) => {
        const client = new S3Client({
          region: 'us-east-1',
          endpoint: storage.endpoint,
          forcePathStyle: true,
          credentials: storage.s3().credentials,
        });
        await client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: name, Body: 'not stored by Portico' }));
        client.destroy();
      },
    },
  ],
];

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A stream of `data` in 64 KiB chunks that fails once `failAfter` bytes have gone. */
function failingStream(data: Buffer, failAfter: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= data.length) {
        this.push(null);
        return;
      }
      if (sent >= failAfter) {
        this.destroy(new Error('the upload was cut off'));
        return;
      }
      const chunk = data.subarray(sent, Math.min(sent + 65_536, failAfter));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

describe.each(subjects)('file store contract: %s', (_name, subject) => {
  const practice = newId();

  it('stores a stream under a generated key and gives the same bytes back, with their size and SHA-256', async () => {
    const store = subject.store();
    const data = randomBytes(300_000);
    const key = newFileKey(practice, 'attachments');
    expect(key).toMatch(new RegExp(`^${practice}/attachments/[0-9a-f-]{36}$`));

    const stored = await store.put(key, Readable.from([data.subarray(0, 1000), data.subarray(1000)]), {
      contentType: 'application/pdf',
      size: data.length,
    });

    expect(stored).toEqual({ size: data.length, sha256: sha256(data) });
    const opened = await store.get(key);
    expect(opened?.size).toBe(data.length);
    opened?.stream.destroy();
    expect((await bytesOf(store, key))?.equals(data)).toBe(true);
  });

  it('stores a file larger than one upload part (12 MB) whole, with or without its size', async () => {
    const store = subject.store();
    const data = randomBytes(12 * 1024 * 1024);
    const withSize = newFileKey(practice, 'attachments');
    const withoutSize = newFileKey(practice, 'attachments');
    const [a, b] = await Promise.all([
      store.put(withSize, data, { contentType: 'application/pdf', size: data.length }),
      store.put(withoutSize, failingStream(data, data.length + 1), { contentType: 'application/pdf' }),
    ]);
    expect(a).toEqual({ size: data.length, sha256: sha256(data) });
    expect(b).toEqual(a);
    expect((await bytesOf(store, withSize))?.equals(data)).toBe(true);
    expect((await bytesOf(store, withoutSize))?.equals(data)).toBe(true);
  });

  it('answers null for a key with nothing stored, and deleting it is no error', async () => {
    const store = subject.store();
    const key = newFileKey(practice, 'logos');
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
    expect(await keysIn(store)).toEqual([]);
  });

  it('deletes a stored file', async () => {
    const store = subject.store();
    const key = newFileKey(practice, 'logos');
    await store.put(key, Buffer.from('logo'), { contentType: 'image/png' });
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(await keysIn(store)).toEqual([]);
  });

  it('replaces what a key held when it is stored again', async () => {
    const store = subject.store();
    const key = newFileKey(practice, 'attachments');
    await store.put(key, Buffer.from('first'), { contentType: 'application/pdf' });
    await store.put(key, Buffer.from('second version'), { contentType: 'application/pdf' });
    const opened = await store.get(key);
    expect(opened?.size).toBe(14);
    expect(opened ? await text(opened.stream) : null).toBe('second version');
  });

  it('leaves nothing behind when the stream fails part-way, small or larger than a part', async () => {
    const store = subject.store();
    const kept = newFileKey(practice, 'attachments');
    await store.put(kept, Buffer.from('kept'), { contentType: 'application/pdf' });
    for (const [size, failAfter] of [
      [200_000, 100_000],
      [12 * 1024 * 1024, 7 * 1024 * 1024],
    ] as const) {
      const key = newFileKey(practice, 'attachments');
      const failed = store.put(key, failingStream(randomBytes(size), failAfter), { contentType: 'application/pdf' });
      await expect(failed).rejects.toThrow('the upload was cut off');
      expect(await store.get(key)).toBeNull();
    }
    expect(await keysIn(store)).toEqual([kept]);
    expect(await store.removeUnfinished(new Date(Date.now() + 60_000))).toBe(0);
  });

  it('stores nothing when the stream ends at another size than stated', async () => {
    const store = subject.store();
    const short = newFileKey(practice, 'attachments');
    const long = newFileKey(practice, 'attachments');
    await expect(store.put(short, Buffer.alloc(10), { contentType: 'application/pdf', size: 11 })).rejects.toThrow(
      'ended at 10 of its stated 11 bytes',
    );
    await expect(store.put(long, Buffer.alloc(12), { contentType: 'application/pdf', size: 11 })).rejects.toThrow(
      'longer than its stated 11 bytes',
    );
    expect(await keysIn(store)).toEqual([]);
  });

  it('refuses a key the server could not have made', async () => {
    const store = subject.store();
    for (const key of ['../outside', 'a//b', 'Practice/x', 'a/b/', '/a', 'a/../b', 'a/b.pdf']) {
      await expect(store.put(key, Buffer.from('x'), { contentType: 'application/pdf' })).rejects.toThrow(
        'invalid file key',
      );
      await expect(store.get(key)).rejects.toThrow('invalid file key');
    }
  });

  it('lists its own files with their size and time, and nothing else that is there', async () => {
    const store = subject.store();
    const before = Date.now() - 5_000;
    const keys = [newFileKey(practice, 'attachments'), newFileKey(practice, 'logos'), newFileKey(newId(), 'logos')];
    for (const [index, key] of keys.entries()) {
      await store.put(key, Buffer.alloc(index + 1), { contentType: 'image/png' });
    }
    await subject.plantForeign(`${practice}/attachments/Report.PDF`);
    await subject.plantForeign('README.txt');

    const listed = [];
    for await (const file of store.list()) listed.push(file);

    expect(listed.map((f) => f.key).sort()).toEqual([...keys].sort());
    for (const file of listed) {
      expect(file.size).toBe(keys.indexOf(file.key) + 1);
      expect(file.modifiedAt.getTime()).toBeGreaterThan(before);
      expect(file.modifiedAt.getTime()).toBeLessThan(Date.now() + 5_000);
    }
  });

  it('sweeps the files nothing refers to that were written before the given time, asking in batches', async () => {
    const store = subject.store();
    const referenced = [newFileKey(practice, 'attachments'), newFileKey(practice, 'logos')];
    const orphans = [
      newFileKey(practice, 'attachments'),
      newFileKey(newId(), 'attachments'),
      newFileKey(practice, 'logos'),
    ];
    for (const key of [...referenced, ...orphans]) await store.put(key, Buffer.from(key), { contentType: 'image/png' });
    const asked: string[][] = [];
    const referencedBy = async (keys: string[]) => {
      asked.push(keys);
      return new Set(keys.filter((key) => referenced.includes(key)));
    };

    // Everything was written after this: nothing is old enough to go.
    const early = await sweepUnreferenced(store, new Date(Date.now() - 60_000), { referenced: referencedBy });
    expect(early).toEqual({ files: 0, unfinished: 0 });
    expect(asked).toEqual([]);

    const swept = await sweepUnreferenced(store, new Date(Date.now() + 60_000), {
      referenced: referencedBy,
      batchSize: 2,
    });
    expect(swept).toEqual({ files: 3, unfinished: 0 });
    expect(asked.map((keys) => keys.length)).toEqual([2, 2, 1]);
    expect(await keysIn(store)).toEqual([...referenced].sort());
  });

  it('keeps every file when the question of what is referenced fails', async () => {
    const store = subject.store();
    const key = newFileKey(practice, 'attachments');
    await store.put(key, Buffer.from('x'), { contentType: 'application/pdf' });
    const sweep = sweepUnreferenced(store, new Date(Date.now() + 60_000), {
      referenced: () => Promise.reject(new Error('database gone')),
    });
    await expect(sweep).rejects.toThrow('database gone');
    expect(await keysIn(store)).toEqual([key]);
  });

  it('is ready when it can be reached, and says why not when it cannot', async () => {
    await expect(subject.store().check()).resolves.toBeUndefined();
    const unreachable = subject.unreachable();
    await expect(unreachable.check()).rejects.toThrow();
    const key = newFileKey(practice, 'attachments');
    await expect(unreachable.put(key, Buffer.from('x'), { contentType: 'application/pdf' })).rejects.toBeInstanceOf(
      FileStoreError,
    );
  });
});
