import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import type { Message } from '../../src/shared/schemas/messages.js';
import { DiskFileStore } from '../../src/server/platform/file-store-disk.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { InProcessEventBus } from '../../src/server/platform/live-events.js';
import { newId } from '../../src/server/platform/tokens.js';
import { createClient } from '../factories/clients.js';
import { createPractice } from '../factories/practices.js';
import { multipartBody, sampleFiles } from '../helpers/messages.js';
import { openTestDatabase, testConfig, testDatabaseKind } from '../helpers/test-app.js';
import { report } from './fault-scale.js';
import { HttpAgent } from './http-agent.js';
import {
  killServerProcesses,
  privateDirectory,
  removePrivateDirectories,
  startServerProcess,
} from './server-process.js';
import { sleep, until } from './wait.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killServerProcesses();
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  removePrivateDirectories();
});

/** Every file under the folder, as paths relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
}

/**
 * A multipart upload sent slowly: the headers, the text field and the start of a 2 MB file, then
 * nothing more: the server is in the middle of reading it.
 */
async function slowUpload(base: string, url: string, agent: HttpAgent) {
  const { payload, contentType } = await multipartBody({
    body: 'a large scan',
    files: [{ name: 'scan.pdf', data: Buffer.concat([sampleFiles.pdf(), Buffer.alloc(2 * 1024 * 1024)]) }],
  });
  const { request, ended } = agent.at(base).openUpload(url, { payload, contentType });
  for (let sent = 0; sent < 256 * 1024; sent += 16 * 1024) {
    request.write(payload.subarray(sent, sent + 16 * 1024));
    await sleep(10);
  }
  return { ended };
}

/**
 * Holds the database's write lock (SQLite) or a lock on the attachments table (PostgreSQL), so a
 * message being sent stops after storing its files and before its rows: where a crash leaves a
 * complete file no row names. Answers the release.
 */
async function holdAttachmentWrites(
  handle: Awaited<ReturnType<typeof openTestDatabase>>,
  url: string,
): Promise<() => Promise<void>> {
  if (testDatabaseKind === 'sqlite') {
    await sql`begin immediate`.execute(handle.handle.db);
    return async () => {
      await sql`rollback`.execute(handle.handle.db);
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  await client.query('lock table message_attachments in share mode');
  return async () => {
    await client.query('rollback');
    await client.end();
  };
}

it(
  'removes the files a killed server left once they are an hour old, when it starts again, and keeps every file a message names',
  { timeout: 120_000 },
  async () => {
    const database = await openTestDatabase({ directory: privateDirectory() });
    const { handle, url, drop } = database;
    cleanup.push(async () => {
      await handle.close();
      await drop();
    });
    const attachmentsDir = path.join(privateDirectory(), 'attachments');
    const config = testConfig();
    const deps = {
      db: handle.db,
      dialect: handle.dialect,
      clock: systemClock,
      config,
      files: new DiskFileStore(attachmentsDir),
      live: new InProcessEventBus(),
    };
    const practice = await createPractice(deps);
    const client = await createClient(deps, practice.id);
    const env = { DATABASE_URL: url, ATTACHMENTS_DIR: attachmentsDir };
    // On SQLite the held write lock would stall the mail worker's claim, and with it (better-sqlite3
    // waits synchronously) the whole first server: it claims once at start and then not for a minute.
    const quietWorker = { OUTBOX_POLL_MS: '60000' };
    const messagesUrl = `/api/clients/${client.id}/messages`;

    const first = await startServerProcess({ ...env, ...quietWorker });
    const staff = await HttpAgent.signIn(first.url, practice.owner.email);
    const invited = await staff.postJson(`/api/clients/${client.id}/portal/invitations`, {
      emailId: client.emails[0]?.id,
      message: 'Welcome.',
    });
    expect(invited.status, await invited.text()).toBe(200);
    const kept = await staff.postMessage(messagesUrl, {
      body: 'kept',
      files: [{ name: 'kept.pdf', data: sampleFiles.pdf() }],
    });
    expect(kept.status).toBe(201);
    const keptId = ((await kept.json()) as Message).attachments[0]?.id ?? '';
    const [keptFile = ''] = await filesUnder(attachmentsDir);
    expect(keptFile.endsWith(keptId)).toBe(true);

    // An upload halfway through its body, which the server is reading …
    const slow = await slowUpload(first.url, messagesUrl, staff);
    // … and a message whose file is stored while its rows wait for the database, when the server is killed.
    const release = await holdAttachmentWrites(database, url);
    const stuck = staff
      .postMessage(messagesUrl, { body: 'stuck', files: [{ name: 'stuck.pdf', data: sampleFiles.pdf() }] })
      .then(
        (response) => `answered ${response.status}`,
        (error: unknown) => String((error as { cause?: { code?: string } }).cause?.code ?? error),
      );
    await until(
      'the waiting message to store its file',
      async () => (await filesUnder(attachmentsDir)).filter((file) => !file.endsWith('.partial')).length === 2,
      10_000,
      first.output,
    );
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await release();
    // Neither was answered: the connections died with the server.
    expect(await stuck).not.toMatch(/^answered/);
    expect(await slow.ended).not.toMatch(/^answered/);

    // What the kill left: the stored file of a message that has no row, and the slow upload's
    // unfinished write (files stream to the store as they arrive): `put`'s partial file.
    const rows = await handle.db.selectFrom('message_attachments').select('storage_key').execute();
    expect(rows.map((row) => row.storage_key)).toEqual([keptFile]);
    const afterKill = await filesUnder(attachmentsDir);
    const partials = afterKill.filter((file) => file.endsWith('.partial'));
    expect(partials).toHaveLength(1);
    const partial = partials[0] ?? '';
    const complete = afterKill.filter((file) => !file.endsWith('.partial'));
    expect(complete).toHaveLength(2);
    const orphan = complete.find((file) => file !== keptFile) ?? '';
    // A file stored a moment ago stands for an upload whose row is about to be written.
    const recent = path.join(path.dirname(keptFile), newId());
    await mkdir(path.dirname(path.join(attachmentsDir, recent)), { recursive: true });
    await writeFile(path.join(attachmentsDir, recent), sampleFiles.pdf());
    // Two hours pass for all but the recent one: the file a message names is as old as the orphans.
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    for (const file of [keptFile, orphan, partial])
      await utimes(path.join(attachmentsDir, file), twoHoursAgo, twoHoursAgo);

    const restarted = Date.now();
    const second = await startServerProcess(env);
    await until(
      'the sweep at start to remove the orphans',
      async () => {
        const files = await filesUnder(attachmentsDir);
        return !files.includes(orphan) && !files.includes(partial);
      },
      15_000,
      second.output,
    );
    const sweptSeconds = (Date.now() - restarted) / 1000;
    expect(await filesUnder(attachmentsDir)).toEqual([keptFile, recent].sort());
    const download = await staff.at(second.url).fetch(`/api/attachments/${keptId}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(await readFile(path.join(attachmentsDir, keptFile)))).toBe(
      true,
    );
    expect(second.output()).not.toContain('sweeping attachment files');
    report(
      `${testDatabaseKind} orphan sweep: SIGKILL mid-upload left 1 stored file without its row; restarted, it and a partial write were gone ${sweptSeconds.toFixed(1)} s later (start included), the referenced and the recent file kept`,
    );
  },
);
