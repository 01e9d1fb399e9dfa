import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../src/shared/schemas/messages.js';
import { keysIn } from './helpers/file-store.js';
import { messagingWorld, postMessage, sampleFiles } from './helpers/messages.js';
import { startObjectStorage, type ObjectStorage } from './helpers/object-storage.js';
import { buildTestApp, type TestApp } from './helpers/test-app.js';
import { newId } from '../src/server/platform/tokens.js';

// The app with FILES_URL naming an S3-compatible bucket (s3rver on loopback): messages' files and
// logos go there and come back through Portico's own checks; /healthz says when it cannot be reached.

let storage: ObjectStorage;
beforeAll(async () => {
  storage = await startObjectStorage();
});
afterAll(async () => {
  await storage.stop();
});

let apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps) await app.close();
  apps = [];
});

async function appOn(filesUrl: string): Promise<TestApp> {
  const t = await buildTestApp({ FILES_URL: filesUrl, ...storage.env });
  apps.push(t);
  return t;
}

describe('files in object storage (FILES_URL=s3://…)', () => {
  it('is ready when the bucket answers, and not ready (503, naming the files) when it does not', async () => {
    const ready = await appOn(storage.filesUrl(`p-${newId()}`));
    const ok = await ready.app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok' });

    const missingBucket = await appOn(storage.filesUrl().replace('s3://portico-files', 's3://no-such-bucket'));
    const down = await missingBucket.app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'unavailable', database: 'ok', files: 'unavailable' });
  });

  it('stores a message’s files in the bucket under the practice and streams them back to staff and client alike', async () => {
    const prefix = `p-${newId()}`;
    const t = await appOn(storage.filesUrl(prefix));
    const w = await messagingWorld(t);
    const scan = Buffer.concat([sampleFiles.pdf(), randomBytes(3 * 1024 * 1024)]);
    const sent = await postMessage(w.staff, w.staffUrl, {
      body: 'Two files',
      files: [
        { name: 'Scan.pdf', data: scan },
        { name: 'photo.png', data: sampleFiles.png() },
      ],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const [pdf, png] = sent.json<Message>().attachments;
    expect(await keysIn(t.deps.files)).toEqual(
      [`${w.practice.id}/attachments/${pdf?.id ?? ''}`, `${w.practice.id}/attachments/${png?.id ?? ''}`].sort(),
    );

    const download = await w.clientAgent.get(`/api/portal/${w.practice.slug}/attachments/${pdf?.id ?? ''}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(scan)).toBe(true);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(scan.length),
      'content-disposition': `attachment; filename="Scan.pdf"; filename*=UTF-8''Scan.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    const staffDownload = await w.staff.get(`/api/attachments/${png?.id ?? ''}`);
    expect(staffDownload.statusCode).toBe(200);
    expect(staffDownload.rawPayload.equals(sampleFiles.png())).toBe(true);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('practice_id', '=', w.practice.id)
      .where('action', '=', 'attachment.downloaded')
      .execute();
    expect(audited).toHaveLength(2);
  });

  it('keeps a practice’s logo in the bucket and serves it publicly from Portico', async () => {
    const t = await appOn(storage.filesUrl(`p-${newId()}`));
    const w = await messagingWorld(t);
    const form = new FormData();
    form.append('logo', new Blob([new Uint8Array(sampleFiles.png())], { type: 'image/png' }), 'logo.png');
    const request = new Request('http://portico.test/', { method: 'PUT', body: form });
    const uploaded = await w.staff.request(
      'PUT',
      '/api/settings/practice/logo',
      Buffer.from(await request.arrayBuffer()),
      {
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
      },
    );
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const logoUrl = uploaded.json<{ logoUrl: string }>().logoUrl;
    expect(await keysIn(t.deps.files)).toEqual([`${w.practice.id}/logos/${logoUrl.split('/').at(-1) ?? ''}`]);
    const served = await t.app.inject({ method: 'GET', url: logoUrl });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(sampleFiles.png())).toBe(true);
  });
});
