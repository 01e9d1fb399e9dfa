import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFolder } from '../../scripts/precompress.js';
import { buildTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { buildApp } from './app.js';

/** A bundle-sized asset: text that compresses, as a real one does. */
const script = Array.from({ length: 400 }, (_, i) => `export const value${i} = "${'portico '.repeat(4)}${i}";`).join(
  '\n',
);

let root: string;
let t: TestApp;
let web: FastifyInstance;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'portico-web-'));
  for (const dir of ['staff', 'portal', 'assets']) mkdirSync(path.join(root, dir));
  writeFileSync(path.join(root, 'staff/index.html'), '<!doctype html><script src="/assets/staff-abc123.js"></script>');
  writeFileSync(path.join(root, 'portal/index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets/staff-abc123.js'), script);
  writeFileSync(path.join(root, 'assets/tiny-abc123.js'), 'console.log(1);');
  precompressFolder(path.join(root, 'assets'));
  t = await buildTestApp();
  web = await buildApp(t.deps, { webRoot: root });
  await web.ready();
});

afterAll(async () => {
  await web.close();
  await t.close();
  rmSync(root, { recursive: true, force: true });
});

const asset = (acceptEncoding?: string) =>
  web.inject({
    method: 'GET',
    url: '/assets/staff-abc123.js',
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('built assets are sent compressed', () => {
  it('sends the Brotli copy to a browser that accepts it, as JavaScript, varying on Accept-Encoding', async () => {
    const response = await asset('gzip, deflate, br, zstd');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.rawPayload.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
  });

  it('sends the gzip copy when Brotli is not accepted', async () => {
    const response = await asset('gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).toString()).toBe(script);
  });

  it('sends the file itself to a client that accepts no encoding', async () => {
    const response = await asset();
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.payload).toBe(script);
  });

  it('leaves files too small to gain as they are', async () => {
    const response = await web.inject({
      method: 'GET',
      url: '/assets/tiny-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.payload).toBe('console.log(1);');
  });
});
