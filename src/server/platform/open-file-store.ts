import type { FileStorage } from './app-config.js';
import { DiskFileStore } from './file-store-disk.js';
import { S3FileStore, type S3Tuning } from './file-store-s3.js';
import type { FileStore } from './file-store.js';

/** The file store FILES_URL names (config.files). */
export function openFileStore(storage: FileStorage, tuning: S3Tuning = {}): FileStore {
  return storage.kind === 'disk' ? new DiskFileStore(storage.directory) : new S3FileStore(storage.s3, tuning);
}

/** The folder of a disk store's configuration; for tools and tests that look at the files themselves. */
export function diskDirectoryOf(storage: FileStorage): string {
  if (storage.kind !== 'disk') throw new Error('the files are not on the disk (FILES_URL names object storage)');
  return storage.directory;
}
