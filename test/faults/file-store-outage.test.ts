import http from 'node:http';
import type { Socket } from 'node:net';
import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { S3FileStore } from '../../src/server/platform/file-store-s3.js';
import { diskDirectoryOf } from '../../src/server/platform/open-file-store.js';
import { messagingWorld, multipartBody, postMessage, sampleFiles } from '../helpers/messages.js';
import { startObjectStorage, s3rverCredentials, type ObjectStorage } from '../helpers/object-storage.js';
import { buildTestApp, testDatabaseKind, type TestApp } from '../helpers/test-app.js';
import { report } from './fault-scale.js';
import { HttpAgent } from './http-agent.js';
import { sleep, until } from './wait.js';

// The file store failing under an upload: object storage answering 500, or not answering at all,
// and a client cutting its own upload off. The sender gets a clear answer, and nothing is left
// behind: no message row pointing at a missing file, no stored file no row names.

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** An S3 endpoint that answers every request 500, or never answers; counts the requests. */
async function brokenObjectStorage(mode: '500' | 'silent') {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests++;
    request.resume();
    if (mode === 'silent') return;
    request.on('end', () => {
      response.writeHead(500, { 'content-type': 'application/xml' });
      response.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  cleanup.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { endpoint: `http://127.0.0.1:${port}`, requests: () => requests };
}

async function app(overrides: Record<string, string> = {}): Promise<TestApp> {
  const t = await buildTestApp(overrides);
  cleanup.push(() => t.close());
  return t;
}

/** Nothing of the message: no message, no attachment row, the conversation as it was. */
async function expectNoMessage(t: TestApp, clientId: string): Promise<void> {
  const messages = await t.deps.db.selectFrom('messages').select('id').where('client_id', '=', clientId).execute();
  const attachments = await t.deps.db
    .selectFrom('message_attachments')
    .select('id')
    .where('client_id', '=', clientId)
    .execute();
  expect(messages).toEqual([]);
  expect(attachments).toEqual([]);
}

describe('the file store failing under an upload', () => {
  for (const mode of ['500', 'silent'] as const) {
    it(`answers 503 files_unavailable and writes no message when object storage ${mode === '500' ? 'answers 500' : 'does not answer'}`, async () => {
      const broken = await brokenObjectStorage(mode);
      const t = await app();
      // As FILES_URL=s3://… would make it, with a short timeout and one attempt for a quick test
      // (the defaults are 30 s and three attempts).
      t.deps.files = new S3FileStore(
        {
          bucket: 'portico-files',
          prefix: '',
          region: 'us-east-1',
          endpoint: broken.endpoint,
          forcePathStyle: true,
          credentials: s3rverCredentials,
        },
        { requestTimeoutMs: 1_500, maxAttempts: mode === '500' ? 3 : 1 },
      );
      const w = await messagingWorld(t);
      const started = Date.now();

      const sent = await postMessage(w.staff, w.staffUrl, {
        body: 'The signed form',
        files: [{ name: 'form.pdf', data: sampleFiles.pdf() }],
      });

      expect(sent.statusCode, sent.body).toBe(503);
      expect(sent.json()).toEqual({
        error: {
          code: 'files_unavailable',
          message: 'The files could not be stored just now, so the message was not sent. Please try again in a moment.',
        },
      });
      // Tried three times when it answers 500, once when it times out (as the test set it).
      expect(broken.requests()).toBeGreaterThanOrEqual(mode === '500' ? 3 : 1);
      await expectNoMessage(t, w.client.id);
      // The conversation can go on once the store answers again.
      const text = await postMessage(w.staff, w.staffUrl, { body: 'Without the form for now' });
      expect(text.statusCode).toBe(201);
      report(
        `${testDatabaseKind} object storage ${mode === '500' ? 'answering 500 (3 attempts)' : 'silent (1.5 s timeout)'}: 503 after ${((Date.now() - started) / 1000).toFixed(1)} s, no message row`,
      );
    });
  }

  describe.each(['disk', 'object storage'] as const)('an upload the client cuts off (%s)', (kind) => {
    it('leaves no stored file and no message', async () => {
      let storage: ObjectStorage | null = null;
      if (kind === 'object storage') {
        const started = await startObjectStorage();
        storage = started;
        cleanup.push(() => started.stop());
      }
      const t = await app(storage ? { FILES_URL: storage.filesUrl('cut'), ...storage.env } : {});
      const w = await messagingWorld(t);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const agent = await HttpAgent.signIn(base, w.practice.owner.email);
      // 7 MB of a 9 MB scan: past the first 5 MB part of an object-storage upload.
      const { payload, contentType } = await multipartBody({
        body: 'a large scan',
        files: [{ name: 'scan.pdf', data: Buffer.concat([sampleFiles.pdf(), Buffer.alloc(9 * 1024 * 1024)]) }],
      });
      const { request, ended } = agent.openUpload(w.staffUrl, { payload, contentType });
      for (let sent = 0; sent < 7 * 1024 * 1024; sent += 256 * 1024) {
        request.write(payload.subarray(sent, sent + 256 * 1024));
        await sleep(2);
      }
      await sleep(300);
      request.destroy();
      expect(await ended).not.toMatch(/^answered 2/);

      const stored = async () => {
        if (kind === 'disk') {
          const entries = await readdir(diskDirectoryOf(t.deps.config.files), {
            recursive: true,
            withFileTypes: true,
          }).catch(() => []);
          return entries.filter((entry) => entry.isFile()).length;
        }
        let count = 0;
        for await (const file of t.deps.files.list()) if (file.key) count++;
        return count;
      };
      await until('the cut-off upload to be cleaned up', async () => (await stored()) === 0, 10_000);
      // And it stays so: nothing arrives late.
      await sleep(500);
      expect(await stored()).toBe(0);
      await expectNoMessage(t, w.client.id);
    });
  });
});
