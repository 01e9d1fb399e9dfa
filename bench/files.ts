import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { newFileKey, type FileStore } from '../src/server/platform/file-store.js';
import { openFileStore } from '../src/server/platform/open-file-store.js';
import { attachmentMaxBytes } from '../src/shared/schemas/messages.js';
import { startObjectStorage } from '../test/helpers/object-storage.js';
import { multipartBody } from '../test/helpers/messages.js';
import { prepareBenchDatabase } from './database.js';
import { signIn, startPortico } from './portico.js';

/** One way of moving the file, timed over several rounds. */
export interface FileMeasurement {
  store: 'disk' | 'object storage' | 'none';
  direction: 'upload' | 'download' | 'copy';
  path: string;
  /** Seconds each round took. */
  rounds: number[];
}

export interface FilesResult {
  bytes: number;
  rounds: number;
  measurements: FileMeasurement[];
}

/** MB here is 2^20 bytes: the attachment limit is 10 MB in those units. */
const megabytes = (bytes: number): number => bytes / (1024 * 1024);

async function timedRounds(rounds: number, work: (round: number) => Promise<void>): Promise<number[]> {
  // One round unrecorded first, so JIT compilation and first connections are not measured.
  await work(-1);
  const seconds: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await work(round);
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds;
}

const sha256 = (data: Buffer | Uint8Array): string => createHash('sha256').update(data).digest('hex');

function expectSame(what: string, received: Buffer, expected: string): void {
  if (sha256(received) !== expected) throw new Error(`${what}: the bytes that came back differ from those sent`);
}

/**
 * The floor: the same bytes from a file to another file (a stream pipe, as a file store's disk
 * write is), and through a plain node:http server that pipes a request body into a file and a
 * file into a response, with nothing else on the way.
 */
async function measurePlain(directory: string, file: Buffer, rounds: number): Promise<FileMeasurement[]> {
  await mkdir(directory, { recursive: true });
  const source = path.join(directory, 'source.pdf');
  await writeFile(source, file);
  const copy = await timedRounds(rounds, (round) =>
    pipeline(createReadStream(source), createWriteStream(path.join(directory, `copy-${round}`))),
  );
  const server = http.createServer((request, response) => {
    const target = path.join(directory, `http-${request.url?.slice(1) ?? ''}`);
    const done = (error: unknown) => {
      if (error) response.destroy();
    };
    if (request.method === 'PUT') {
      pipeline(request, createWriteStream(target))
        .then(() => response.writeHead(201).end())
        .catch(done);
    } else {
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': file.length });
      pipeline(createReadStream(source), response).catch(done);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const upload = await timedRounds(rounds, async (round) => {
      const response = await fetch(`${base}/${round}`, { method: 'PUT', body: new Uint8Array(file) });
      if (response.status !== 201) throw new Error(`plain HTTP upload answered ${response.status}`);
    });
    const expected = sha256(file);
    const download = await timedRounds(rounds, async () => {
      const response = await fetch(`${base}/source`);
      expectSame('plain HTTP download', Buffer.from(await response.arrayBuffer()), expected);
    });
    return [
      { store: 'none', direction: 'copy', path: 'plain copy, file → file (stream pipe)', rounds: copy },
      { store: 'none', direction: 'upload', path: 'plain HTTP: request body → file (node:http)', rounds: upload },
      { store: 'none', direction: 'download', path: 'plain HTTP: file → response (node:http)', rounds: download },
    ];
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** The file store by itself, as the server opens it from the same settings: put a stream, get it back. */
async function measureStore(
  store: FileStore,
  kind: FileMeasurement['store'],
  file: Buffer,
  rounds: number,
): Promise<FileMeasurement[]> {
  const practiceId = 'bench-practice';
  const keys: string[] = [];
  const upload = await timedRounds(rounds, async () => {
    const key = newFileKey(practiceId, 'attachments');
    keys.push(key);
    await store.put(key, Readable.from([file]), { contentType: 'application/pdf', size: file.length });
  });
  const expected = sha256(file);
  const download = await timedRounds(rounds, async (round) => {
    const opened = await store.get(keys[round + 1] ?? '');
    if (!opened) throw new Error('a stored file is missing');
    expectSame(`${kind} store get`, await buffer(opened.stream), expected);
  });
  for (const key of keys) await store.delete(key);
  return [
    { store: kind, direction: 'upload', path: 'the file store alone: `put` a stream', rounds: upload },
    { store: kind, direction: 'download', path: 'the file store alone: `get` and read the stream', rounds: download },
  ];
}

const sentMessage = z.object({ attachments: z.array(z.object({ id: z.string() })).length(1) });

/**
 * Portico as `npm start` runs it on a store: a staff member sends a message with the file
 * (multipart, streamed into the store), then downloads it (streamed back through the permission
 * check and the audit row).
 */
async function measurePortico(
  storeEnv: Record<string, string> | null,
  kind: FileMeasurement['store'],
  file: Buffer,
  rounds: number,
): Promise<FileMeasurement[]> {
  const database = await prepareBenchDatabase(undefined, { clients: 100, accesses: 10, messages: 10, conversation: 0 });
  try {
    const practice = database.seed.practices[0];
    if (!practice) throw new Error('the seed made no practice');
    const handle = openDatabase(database.url);
    const { client_id: clientId } = await handle.db
      .selectFrom('portal_access')
      .select('client_id')
      .where('state', '=', 'active')
      .where('perm_messaging', '=', 1)
      .executeTakeFirstOrThrow();
    await handle.close();
    // The disk store: a folder of this run's own.
    const env = storeEnv ?? { FILES_URL: pathToFileURL(path.join(database.dataDir, 'files')).href };
    const portico = await startPortico(database, env);
    try {
      const session = await signIn(portico.url, practice.owner.email, database.seed.password);
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
      const { payload, contentType } = await multipartBody({
        body: 'The scan you asked for',
        files: [{ name: 'scan.pdf', data: file }],
      });
      const body = new Uint8Array(payload);
      const attachmentIds: string[] = [];
      const upload = await timedRounds(rounds, async () => {
        const response = await fetch(`${portico.url}/api/clients/${clientId}/messages`, {
          method: 'POST',
          headers: { ...headers, 'content-type': contentType },
          body,
        });
        if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
        const [attachment] = sentMessage.parse(await response.json()).attachments;
        attachmentIds.push(attachment?.id ?? '');
      });
      const expected = sha256(file);
      const download = await timedRounds(rounds, async (round) => {
        const response = await fetch(`${portico.url}/api/attachments/${attachmentIds[round + 1] ?? ''}`, { headers });
        if (response.status !== 200) throw new Error(`download answered ${response.status}`);
        expectSame(`Portico download (${kind})`, Buffer.from(await response.arrayBuffer()), expected);
      });
      return [
        { store: kind, direction: 'upload', path: '**Portico: send a message with the file**', rounds: upload },
        { store: kind, direction: 'download', path: '**Portico: download the attachment**', rounds: download },
      ];
    } finally {
      await portico.stop();
    }
  } finally {
    await database.dispose();
  }
}

/**
 * Upload and download throughput of a 10 MB attachment through Portico on each file store (the
 * disk, and S3-compatible object storage: s3rver on loopback), next to the store by itself and a
 * plain copy of the same bytes.
 */
export async function measureFiles(
  directory: string,
  rounds: number,
  log: (line: string) => void,
): Promise<FilesResult> {
  await mkdir(directory, { recursive: true });
  // A PDF (its first bytes are what the upload is recognised by) filled to the attachment limit.
  const header = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n');
  const file = Buffer.concat([header, randomBytes(attachmentMaxBytes - header.length)]);
  const measurements: FileMeasurement[] = [];
  try {
    log(`Files: a plain copy of ${megabytes(file.length).toFixed(0)} MB, ${rounds} rounds…`);
    measurements.push(...(await measurePlain(path.join(directory, 'plain'), file, rounds)));

    const diskDirectory = path.join(directory, 'disk');
    const diskStore = openFileStore(
      loadConfig({ DATA_DIR: directory, FILES_URL: pathToFileURL(diskDirectory).href }).files,
    );
    log('Files: the disk store…');
    measurements.push(...(await measureStore(diskStore, 'disk', file, rounds)));
    diskStore.close();
    measurements.push(...(await measurePortico(null, 'disk', file, rounds)));

    const storage = await startObjectStorage(path.join(directory, 's3rver'));
    try {
      const env = { FILES_URL: storage.filesUrl('bench'), ...storage.env };
      const bucketStore = openFileStore(loadConfig({ ...env, DATA_DIR: directory }).files);
      log('Files: object storage (s3rver on loopback)…');
      measurements.push(...(await measureStore(bucketStore, 'object storage', file, rounds)));
      bucketStore.close();
      measurements.push(...(await measurePortico(env, 'object storage', file, rounds)));
    } finally {
      await storage.stop();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  return { bytes: file.length, rounds, measurements };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export function renderFiles(result: FilesResult): string[] {
  const mb = megabytes(result.bytes);
  const rate = (seconds: number): number => mb / seconds;
  const plainCopy = result.measurements.find((m) => m.direction === 'copy');
  const floor = plainCopy ? rate(median(plainCopy.rounds)) : null;
  const lines = [
    '## Files',
    '',
    `A ${mb.toFixed(0)} MB PDF (the attachment limit; MB = 2^20 bytes), moved ${result.rounds} times each way after one ` +
      'unrecorded round. Portico (`startServer`, as `npm start` runs it, in this process) stores it as a message ' +
      'attachment sent by a staff member (multipart, streamed into the store while it arrives, with the message, audit ' +
      'and outbox rows) and serves it back as the attachment download (streamed from the store after the permission ' +
      'check, with its audit row), on each file store: the disk (`FILES_URL` unset) and S3-compatible object storage ' +
      '(`FILES_URL=s3://…`: s3rver on loopback, in this process too, writing to the same disk). Beside them: the store ' +
      'by itself (`put` / `get`, opened from the same settings), and a plain copy of the same bytes, file to file and ' +
      'through a bare node:http server. Every download is checked byte for byte. MB/s is the median round; the ' +
      'range is the slowest and fastest; the ratio is to the plain file copy.',
    '',
    '| store | direction | path | MB/s | range | ÷ plain copy |',
    '| --- | --- | --- | ---: | ---: | ---: |',
  ];
  for (const m of result.measurements) {
    const rates = m.rounds.map(rate);
    const shown = rate(median(m.rounds));
    lines.push(
      `| ${m.store === 'none' ? '—' : m.store} | ${m.direction} | ${m.path} | ${shown.toFixed(0)} | ` +
        `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)} | ` +
        `${floor === null ? '–' : `${(shown / floor).toFixed(2)}×`} |`,
    );
  }
  return lines;
}
