/**
 * `npm run files:migrate`: copies the files a server stored on its disk into the object storage
 * FILES_URL names, so a running practice can move to several servers without losing a file. The
 * folder is `--from <folder>`, else ATTACHMENTS_DIR, else `<DATA_DIR>/attachments` (where the
 * server kept them). Every file keeps its key (the database names files by key, so nothing there
 * changes) and is verified after the copy by reading it back: the same size and SHA-256, or it
 * counts as failed. A file already in the bucket with the same size and checksum is left; one that
 * differs is copied again. Run it as often as needed: the last run, with the servers already
 * writing to the bucket, finds everything there. Exits 1 when a file failed or the settings are wrong.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { filesStorageOf } from '../src/server/files-url.js';
import { DiskFileStore } from '../src/server/platform/file-store-disk.js';
import { S3FileStore } from '../src/server/platform/file-store-s3.js';
import type { FileStore } from '../src/server/platform/file-store.js';

/** Size and SHA-256 of what the store answers for the key, read to its end; null when it has nothing. */
async function digestOf(store: FileStore, key: string): Promise<{ size: number; sha256: string } | null> {
  const opened = await store.get(key);
  if (!opened) return null;
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of opened.stream) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { size, sha256: hash.digest('hex') };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function sourceFolder(args: string[], env: NodeJS.ProcessEnv): string {
  const index = args.indexOf('--from');
  if (index >= 0) {
    const folder = args[index + 1];
    if (!folder) throw new Error('--from needs a folder');
    return path.resolve(folder);
  }
  return path.resolve(env.ATTACHMENTS_DIR ?? path.join(env.DATA_DIR ?? './data', 'attachments'));
}

async function migrateFiles(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let folder: string;
  try {
    folder = sourceFolder(args, env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const target = filesStorageOf({ ...env, ATTACHMENTS_DIR: undefined }, path.resolve(env.DATA_DIR ?? './data'));
  if ('problem' in target) {
    console.error(`Invalid configuration:\n  ${target.problem}`);
    return 1;
  }
  if (target.kind !== 's3') {
    console.error(
      'Invalid configuration:\n  FILES_URL: must name the object storage to copy to (s3://<bucket>?region=…)',
    );
    return 1;
  }
  const source = new DiskFileStore(folder);
  const bucket = new S3FileStore(target.s3);
  console.log(`Copying files from ${source.description} to ${bucket.description}`);
  const counts = { copied: 0, present: 0, failed: 0, bytes: 0 };
  const started = Date.now();
  try {
    await bucket.check();
    for await (const file of source.list()) {
      try {
        const original = await digestOf(source, file.key);
        if (!original) continue; // Removed meanwhile (the orphan sweep).
        const there = await digestOf(bucket, file.key);
        if (there?.size === original.size && there.sha256 === original.sha256) {
          counts.present++;
          continue;
        }
        const opened = await source.get(file.key);
        if (!opened) continue;
        await bucket.put(file.key, opened.stream, { contentType: 'application/octet-stream', size: original.size });
        const copied = await digestOf(bucket, file.key);
        if (copied?.size !== original.size || copied.sha256 !== original.sha256) {
          throw new Error(
            `read back ${copied ? `${copied.size} bytes, SHA-256 ${copied.sha256}` : 'nothing'}; expected ${original.size} bytes, SHA-256 ${original.sha256}`,
          );
        }
        counts.copied++;
        counts.bytes += original.size;
      } catch (error) {
        counts.failed++;
        console.error(`  failed ${file.key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } catch (error) {
    console.error(`Could not copy the files: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    bucket.close();
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `Copied ${counts.copied} file${counts.copied === 1 ? '' : 's'} (${megabytes(counts.bytes)}), each verified by size and SHA-256; ${counts.present} already there; ${counts.failed} failed (${seconds.toFixed(1)} s).`,
  );
  if (counts.failed > 0) {
    console.error('Some files were not copied: run it again once the cause above is fixed.');
    return 1;
  }
  return 0;
}

process.exitCode = await migrateFiles(process.argv.slice(2), process.env);
