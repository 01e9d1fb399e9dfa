/**
 * The edges of the server, where a refusal is not made by a route: requests Node's HTTP parser
 * turns away before Fastify sees them (headers over its limit, a request line it cannot read), the
 * refusals Fastify makes itself (no route, a body too large, not JSON, broken JSON), each over a
 * real connection, and the API docs, which a production server does not serve.
 */
import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { headerProblems, responseProblems } from './checks.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads an HTTP/1.1 answer as it came off the wire. */
function parseResponse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = raw.slice(0, split < 0 ? raw.length : split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: split < 0 ? '' : raw.slice(split + 4) };
}

/** Sends bytes as they are (no client library would send these) and reads until the server closes. */
function exchange(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may close while the rest of an oversized request is still on its way; what it
    // answered first is what counts.
    socket.on('error', (error) => {
      if (chunks.length === 0) reject(error);
    });
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks).toString('utf8'))));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.write(request);
  });
}

/** A raw answer in the shape the shared checks read. */
const asInjected = (response: RawResponse): LightMyRequestResponse =>
  ({
    statusCode: response.status,
    headers: response.headers,
    body: response.body,
  }) as unknown as LightMyRequestResponse;

const serves = [
  ['http', {}, false],
  ['https', { PUBLIC_URL: 'https://portico.test' }, true],
] as const;

describe.each(serves)('a real connection to a server on %s', (_scheme, overrides, https) => {
  let t: TestApp;
  let port: number;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp(overrides);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(base).port);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a 70 KB request header with 431 in the JSON error shape, with the security headers', async () => {
    const response = await exchange(
      port,
      `GET /api/session HTTP/1.1\r\nHost: portico.test\r\nX-Padding: ${'a'.repeat(70 * 1024)}\r\n\r\n`,
    );
    expect(response.status, response.body).toBe(431);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'headers_too_large', message: 'The request headers are too large.' },
    });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headerProblems(asInjected(response), { path: '/api/session', https })).toEqual([]);
    expect(responseProblems(asInjected(response), 'GET')).toEqual([]);
  });

  it('answers a request Node cannot parse with 400 in the JSON error shape, with the security headers', async () => {
    for (const request of [
      'NOT A REQUEST\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: portico.test\r\nBad Header\r\n\r\n',
      'GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
    ]) {
      const response = await exchange(port, request);
      const label = JSON.stringify(request);
      expect(response.status, label).toBe(400);
      expect(JSON.parse(response.body), label).toEqual({
        error: { code: 'bad_request', message: 'The request could not be understood.' },
      });
      expect(headerProblems(asInjected(response), { path: '/', https }), label).toEqual([]);
      expect(responseProblems(asInjected(response), 'GET'), label).toEqual([]);
    }
  });

  it('answers no route, a body too large, a body not JSON and broken JSON in the JSON error shape, with the security headers', async () => {
    const json = { 'content-type': 'application/json' };
    const cases: { name: string; path: string; init?: RequestInit; status: number; code: string }[] = [
      { name: 'no such API route', path: '/api/no-such-thing', status: 404, code: 'not_found' },
      { name: 'no such route outside the API', path: '/no-such-page', status: 404, code: 'not_found' },
      {
        name: 'body over 1 MB',
        path: '/api/auth/sign-in',
        init: { method: 'POST', headers: json, body: JSON.stringify({ email: 'a'.repeat(2 * 1024 * 1024) }) },
        status: 413,
        code: 'payload_too_large',
      },
      {
        name: 'a form, not JSON',
        path: '/api/auth/sign-in',
        init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a' },
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        name: 'broken JSON',
        path: '/api/auth/sign-in',
        init: { method: 'POST', headers: json, body: '{"email":' },
        status: 400,
        code: 'bad_request',
      },
    ];
    for (const sample of cases) {
      const answer = await fetch(`${base}${sample.path}`, sample.init);
      const response: RawResponse = {
        status: answer.status,
        headers: Object.fromEntries(answer.headers.entries()),
        body: await answer.text(),
      };
      expect(response.status, sample.name).toBe(sample.status);
      expect(JSON.parse(response.body), sample.name).toMatchObject({ error: { code: sample.code } });
      expect(headerProblems(asInjected(response), { path: sample.path, https }), sample.name).toEqual([]);
      expect(responseProblems(asInjected(response), 'POST'), sample.name).toEqual([]);
    }
  });
});

describe('the API docs', () => {
  const docPaths = ['/api/docs', '/api/docs/', '/api/docs/json', '/api/docs/yaml', '/api/docs/static/index.html'];

  it('are not served in production: 404 in the JSON error shape', async () => {
    const t = await buildTestApp({ NODE_ENV: 'production' });
    // As main.ts serves it, with the web apps' fallback in place.
    const web = await buildApp(t.deps, { webRoot: '/nonexistent-web-root' });
    try {
      for (const app of [t.app, web]) {
        for (const url of docPaths) {
          const response = await app.inject({ url });
          expect(response.statusCode, url).toBe(404);
          expect(response.json(), url).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
          expect(headerProblems(response, { path: url, https: false }), url).toEqual([]);
        }
      }
    } finally {
      await web.close();
      await t.close();
    }
  });

  it('are served outside production, for the people building Portico', async () => {
    const t = await buildTestApp();
    try {
      expect((await t.app.inject({ url: '/api/docs/json' })).json()).toMatchObject({
        openapi: expect.any(String) as unknown,
      });
      expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
