import { mkdir, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../shared/schemas/messages.js';
import { messagingWorld, postMessage, sampleFiles } from '../../../../test/helpers/messages.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { newFileKey, type FileStore } from '../../platform/file-store.js';
import { diskDirectoryOf } from '../../platform/open-file-store.js';
import { newId } from '../../platform/tokens.js';
import { AttachmentSweeper, orphanMinAgeMs, type SweepLog } from './attachment-sweeper.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60_000);

/** Every file under the attachments folder, as paths relative to it. */
async function filesOnDisk(): Promise<string[]> {
  const root = diskDirectoryOf(t.deps.config.files);
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
}

/** Sets a file's modification time, as if it had been written then. */
async function age(relative: string, when: Date): Promise<void> {
  await utimes(path.join(diskDirectoryOf(t.deps.config.files), relative), when, when);
}

/** A message with one PDF per name; answers the storage keys of its attachments. */
async function sendWithFiles(w: Awaited<ReturnType<typeof messagingWorld>>, names: string[]): Promise<string[]> {
  const sent = await postMessage(w.staff, w.staffUrl, {
    body: 'files',
    files: names.map((name) => ({ name, data: sampleFiles.pdf() })),
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const ids = sent.json<Message>().attachments.map((a) => a.id);
  const rows = await t.deps.db
    .selectFrom('message_attachments')
    .select(['id', 'storage_key'])
    .where('id', 'in', ids)
    .execute();
  return ids.map((id) => rows.find((row) => row.id === id)?.storage_key ?? '');
}

/** A file stored as a message's would be, with no row naming it: what a crash before the commit leaves. */
async function storeOrphan(practiceId: string): Promise<string> {
  const key = newFileKey(practiceId, 'attachments');
  await t.deps.files.put(key, sampleFiles.pdf(), { contentType: 'application/pdf' });
  return key;
}

/** A file stored under the keys attachments had before the file store (`<practice>/<client>/<id>`). */
async function storeOldOrphan(practiceId: string, clientId: string): Promise<string> {
  const key = `${practiceId}/${clientId}/${newId()}`;
  await t.deps.files.put(key, sampleFiles.pdf(), { contentType: 'application/pdf' });
  return key;
}

/** What a crash inside `put` leaves: the partial file beside where the key's file would be. */
async function leavePartial(practiceId: string, clientId: string): Promise<string> {
  const relative = `${practiceId}/${clientId}/${newId()}.${newId()}.partial`;
  await mkdir(path.dirname(path.join(diskDirectoryOf(t.deps.config.files), relative)), { recursive: true });
  await writeFile(path.join(diskDirectoryOf(t.deps.config.files), relative), sampleFiles.pdf().subarray(0, 10));
  return relative;
}

/** The store, with its listing replaced. */
function storeWith(store: FileStore, list: FileStore['list']): FileStore {
  return {
    description: store.description,
    put: (key, body, options) => store.put(key, body, options),
    get: (key) => store.get(key),
    delete: (key) => store.delete(key),
    list,
    removeUnfinished: (before, options) => store.removeUnfinished(before, options),
    check: () => store.check(),
    close: () => store.close(),
  };
}

/** The database, answering every query with an error. */
function failingDb(db: TestApp['deps']['db']): TestApp['deps']['db'] {
  return new Proxy(db, {
    get: (target, property, receiver) =>
      property === 'selectFrom'
        ? () => {
            throw new Error('database gone');
          }
        : (Reflect.get(target, property, receiver) as unknown),
  });
}

describe('sweeping attachment files no message refers to', () => {
  it('removes orphaned and unfinished files over an hour old, and keeps referenced and recent ones', async () => {
    const w = await messagingWorld(t);
    const [referenced = ''] = await sendWithFiles(w, ['kept.pdf']);
    const oldOrphan = await storeOrphan(w.practice.id);
    const newOrphan = await storeOrphan(w.practice.id);
    const oldPartial = await leavePartial(w.practice.id, w.client.id);
    const newPartial = await leavePartial(w.practice.id, w.client.id);
    // Everything but the two new files is older than the sweep's hour, the referenced file too.
    for (const relative of [referenced, oldOrphan, oldPartial]) await age(relative, hoursAgo(3));
    await age(newOrphan, new Date(Date.now() - orphanMinAgeMs + 60_000));

    const result = await new AttachmentSweeper(t.deps).sweep();

    expect(result).toEqual({ files: 1, unfinished: 1 });
    expect(await filesOnDisk()).toEqual([referenced, newOrphan, newPartial].sort());
    const download = await w.staff.get(`/api/attachments/${referenced.split('/').at(-1) ?? ''}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(sampleFiles.pdf())).toBe(true);
  });

  it('asks the database in batches and keeps every file a row names, across practices, old keys too', async () => {
    const w = await messagingWorld(t);
    const referenced = [
      ...(await sendWithFiles(w, ['a.pdf', 'b.pdf', 'c.pdf'])),
      ...(await sendWithFiles(w, ['d.pdf', 'e.pdf'])),
    ];
    const orphans = [
      await storeOrphan(w.practice.id),
      await storeOldOrphan(w.practice.id, w.client.id),
      await storeOrphan(newId()),
      await storeOldOrphan(newId(), newId()),
    ];
    for (const key of [...referenced, ...orphans]) await age(key, hoursAgo(2));

    const result = await new AttachmentSweeper(t.deps).sweep({ batchSize: 2 });

    expect(result).toEqual({ files: 4, unfinished: 0 });
    expect(await filesOnDisk()).toEqual([...referenced].sort());
  });

  it('leaves alone what is not one of its files: other names, folders and symbolic links', async () => {
    const w = await messagingWorld(t);
    const root = diskDirectoryOf(t.deps.config.files);
    const [referenced = ''] = await sendWithFiles(w, ['kept.pdf']);
    const strangers = ['README.txt', 'Backup/copy-of-file', `${w.practice.id}/notes.txt`, `${w.practice.id}/.DS_Store`];
    for (const relative of strangers) {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await writeFile(path.join(root, relative), 'not an attachment');
    }
    const target = path.join(t.deps.config.dataDir, `outside-${newId()}`);
    await writeFile(target, 'outside the store');
    await symlink(target, path.join(root, w.practice.id, 'link'));
    for (const relative of [referenced, ...strangers]) await age(relative, hoursAgo(5));

    expect(await new AttachmentSweeper(t.deps).sweep()).toEqual({ files: 0, unfinished: 0 });
    expect(await filesOnDisk()).toEqual([referenced, ...strangers, `${w.practice.id}/link`].sort());
  });

  it('deletes nothing when the database cannot answer', async () => {
    const w = await messagingWorld(t);
    const orphan = await storeOrphan(w.practice.id);
    await age(orphan, hoursAgo(2));
    const failing = new AttachmentSweeper({ db: failingDb(t.deps.db), files: t.deps.files });
    await expect(failing.sweep()).rejects.toThrow('database gone');
    expect(await filesOnDisk()).toEqual([orphan]);
  });

  it('finds nothing to do before anything was stored', async () => {
    expect(await new AttachmentSweeper(t.deps).sweep()).toEqual({ files: 0, unfinished: 0 });
  });

  it('sweeps at start and then on a timer of its own, logs what it removed and what failed, and stops', async () => {
    const w = await messagingWorld(t);
    const first = await storeOrphan(w.practice.id);
    await age(first, hoursAgo(2));
    const logged: { level: string; details: object; message: string }[] = [];
    const log: SweepLog = {
      info: (details, message) => logged.push({ level: 'info', details, message }),
      warn: (details, message) => logged.push({ level: 'warn', details, message }),
    };
    let fail = false;
    const sweeper = new AttachmentSweeper({
      db: t.deps.db,
      files: storeWith(t.deps.files, (options) => {
        if (fail) throw new Error('disk gone');
        return t.deps.files.list(options);
      }),
    });
    sweeper.start(log, 20);
    try {
      // At start: the first orphan goes.
      await vi.waitFor(async () => expect(await filesOnDisk()).toEqual([]));
      expect(logged[0]).toEqual({
        level: 'info',
        details: { files: 1, unfinished: 0 },
        message: 'removed attachment files no message refers to',
      });
      // On the timer: a later one goes too.
      const second = await storeOrphan(w.practice.id);
      await age(second, hoursAgo(2));
      await vi.waitFor(async () => expect(await filesOnDisk()).toEqual([]));
      // A failure is logged, and the timer carries on.
      fail = true;
      await vi.waitFor(() => expect(logged.some((entry) => entry.level === 'warn')).toBe(true));
      expect(logged.find((entry) => entry.level === 'warn')).toMatchObject({
        details: { err: new Error('disk gone') },
        message: 'sweeping attachment files no message refers to failed',
      });
    } finally {
      await sweeper.stop();
    }
    fail = false;
    const afterStop = await storeOrphan(w.practice.id);
    await age(afterStop, hoursAgo(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await filesOnDisk()).toEqual([afterStop]);
  });
});
