import { buffer } from 'node:stream/consumers';
import type { FileStore } from '../../src/server/platform/file-store.js';

/** A stored file's bytes, read back through the store; null when there is none under the key. */
export async function bytesOf(store: FileStore, key: string): Promise<Buffer | null> {
  const opened = await store.get(key);
  return opened ? buffer(opened.stream) : null;
}

/** Every key in the store, sorted. */
export async function keysIn(store: FileStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const file of store.list()) keys.push(file.key);
  return keys.sort();
}
