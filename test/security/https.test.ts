/**
 * Portico served over HTTPS, both ways it is deployed: listening with TLS itself (TLS_CERT_FILE and
 * TLS_KEY_FILE, here a self-signed certificate made for the test with the openssl CLI), and behind
 * a TLS-terminating proxy (TRUST_PROXY=127.0.0.1, the proxy's X-Forwarded-Proto/For on a plain
 * listener). Either way the session cookies are `__Host-` cookies (Secure, Path=/, no Domain), HSTS
 * is sent, and the links written into emails come from PUBLIC_URL alone, never from a Host or
 * X-Forwarded-Host header.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { createPractice, factoryPassword, type FactoryPractice } from '../factories/practices.js';
import { createClient } from '../factories/clients.js';
import { invite, latestPortalEmail } from '../helpers/portal.js';
import { signInAs } from '../helpers/agent.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { headerProblems } from './checks.js';
import type { LightMyRequestResponse } from 'fastify';

const certDir = mkdtempSync(path.join(os.tmpdir(), 'portico-tls-'));
const certFile = path.join(certDir, 'cert.pem');
const keyFile = path.join(certDir, 'key.pem');
let ca = '';

/** A self-signed certificate for localhost and 127.0.0.1, valid for a day. */
function makeCertificate(): void {
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(
      `the HTTPS tests make their certificate with the openssl CLI (apt-get install -y openssl): ${String(error)}`,
    );
  }
  ca = execFileSync('openssl', ['x509', '-in', certFile], { encoding: 'utf8' });
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether the answer came over TLS. */
  encrypted: boolean;
}

/** One request as a browser would make it, over TLS (trusting only the test's certificate) or plain HTTP. */
function send(
  base: string,
  pathname: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const url = new URL(pathname, base);
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...init.headers };
  const options = {
    method: init.method ?? 'GET',
    headers,
    host: url.hostname,
    port: url.port,
    path: url.pathname + url.search,
  };
  return new Promise((resolve, reject) => {
    // The certificate names localhost: checked against that name whatever Host header is sent.
    const request =
      url.protocol === 'https:' ? https.request({ ...options, ca, servername: 'localhost' }) : http.request(options);
    request.on('error', reject);
    request.on('response', (response) => {
      const encrypted = 'encrypted' in response.socket && response.socket.encrypted === true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, encrypted }),
      );
    });
    request.end(body);
  });
}

interface Cookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

function cookiesOf(answer: Answer): Cookie[] {
  return (answer.headers['set-cookie'] ?? []).map((header) => {
    const [pair = '', ...parts] = header.split(';');
    const equals = pair.indexOf('=');
    const attributes = new Map(
      parts.map((part) => {
        const [name = '', ...value] = part.trim().split('=');
        return [name.toLowerCase(), value.join('=')] as const;
      }),
    );
    return { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1), attributes };
  });
}

/** What a browser requires of a `__Host-` cookie to keep it: Secure, Path=/ and no Domain. */
function expectHostCookie(answer: Answer, name: string): Cookie {
  const cookie = cookiesOf(answer).find((c) => c.name === name);
  expect(cookie, `${name} in ${JSON.stringify(answer.headers['set-cookie'])}`).toBeDefined();
  if (!cookie) throw new Error('unreachable');
  expect(cookie.attributes.has('secure'), `${name} is Secure`).toBe(true);
  expect(cookie.attributes.get('path'), `${name} has Path=/`).toBe('/');
  expect(cookie.attributes.has('domain'), `${name} has no Domain`).toBe(false);
  expect(cookie.attributes.has('httponly'), `${name} is HttpOnly`).toBe(true);
  expect(cookie.attributes.get('samesite')?.toLowerCase(), `${name} is SameSite=Lax`).toBe('lax');
  return cookie;
}

function expectHsts(answer: Answer, label: string): void {
  const fake = { headers: answer.headers } as unknown as LightMyRequestResponse;
  expect(answer.headers['strict-transport-security'], label).toMatch(/max-age=\d{7,}/);
  expect(headerProblems(fake, { path: label, https: true }), label).toEqual([]);
}

/** The links in the one email of a kind queued for an address, which must never name evil.example. */
async function linksInEmail(t: TestApp, kind: string, to: string): Promise<string[]> {
  const row = await t.deps.db
    .selectFrom('outbox')
    .select(['text', 'html'])
    .where('kind', '=', kind)
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  expect(`${row.text}\n${row.html}`).not.toContain('evil.example');
  return [...`${row.text}\n${row.html}`.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((match) => match[0]);
}

beforeAll(() => {
  makeCertificate();
});
afterAll(() => {
  rmSync(certDir, { recursive: true, force: true });
});

/** Both deployments; `headers` are what reach Portico on every request besides the browser's own. */
const deployments = [
  {
    name: 'listening with TLS itself (TLS_CERT_FILE, TLS_KEY_FILE)',
    config: (): Record<string, string> => ({
      PUBLIC_URL: 'https://portico.test',
      TLS_CERT_FILE: certFile,
      TLS_KEY_FILE: keyFile,
    }),
    scheme: 'https',
    headers: {} as Record<string, string>,
  },
  {
    name: 'behind a TLS-terminating proxy (TRUST_PROXY=127.0.0.1)',
    config: (): Record<string, string> => ({ PUBLIC_URL: 'https://portico.test', TRUST_PROXY: '127.0.0.1' }),
    scheme: 'http',
    headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' } as Record<string, string>,
  },
] as const;

describe.each(deployments)('served over HTTPS $name', ({ config, scheme, headers: proxied }) => {
  let t: TestApp;
  let base: string;
  let practice: FactoryPractice;

  beforeAll(async () => {
    t = await buildTestApp(config());
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `${scheme}://127.0.0.1:${new URL(address).port}`;
    practice = await createPractice(t.deps);
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs staff in with a __Host- session cookie (Secure, Path=/, no Domain) and sends HSTS', async () => {
    const signIn = await send(base, '/api/auth/sign-in', {
      method: 'POST',
      headers: proxied,
      body: { email: practice.owner.email, password: factoryPassword },
    });
    expect(signIn.status, signIn.body).toBe(200);
    expect(signIn.encrypted).toBe(scheme === 'https');
    const cookie = expectHostCookie(signIn, '__Host-portico_staff');
    expect(cookiesOf(signIn).map((c) => c.name)).toEqual(['__Host-portico_staff']);
    expectHsts(signIn, '/api/auth/sign-in');

    const cookieHeader = `${cookie.name}=${cookie.value}`;
    const { csrfToken } = JSON.parse(signIn.body) as { csrfToken: string };
    const session = await send(base, '/api/session', { headers: { ...proxied, cookie: cookieHeader } });
    expect(JSON.parse(session.body)).toMatchObject({ staff: { email: practice.owner.email } });
    expectHsts(session, '/api/session');
    for (const url of ['/api/no-such-thing', '/api/clients/not-an-id'])
      expectHsts(await send(base, url, { headers: { ...proxied, cookie: cookieHeader } }), url);

    // The cookie without its prefix is some other cookie: a sibling host could have set it.
    const unprefixed = await send(base, '/api/session', {
      headers: { ...proxied, cookie: `portico_staff=${cookie.value}` },
    });
    expect(JSON.parse(unprefixed.body)).toMatchObject({ staff: null });

    const signOut = await send(base, '/api/auth/sign-out', {
      method: 'POST',
      headers: { ...proxied, cookie: cookieHeader, 'x-csrf-token': csrfToken },
      body: {},
    });
    expect(signOut.status, signOut.body).toBeLessThan(300);
    // A browser ignores a __Host- cookie's deletion unless it carries the same Secure and Path.
    const cleared = expectHostCookie(signOut, '__Host-portico_staff');
    expect(cleared.value).toBe('');
  });

  it('signs a client in to the portal with a __Host- session cookie', async () => {
    const staff = await signInAs(t.app, practice.owner.email);
    const client = await createClient(t.deps, practice.id);
    const email = client.emails[0];
    if (!email) throw new Error('factory client has no email');
    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(200);
    const { token } = await latestPortalEmail(t.deps, email.address);
    const signIn = await send(base, `/api/portal/${practice.slug}/sign-in/link`, {
      method: 'POST',
      headers: proxied,
      body: { token },
    });
    expect(signIn.status, signIn.body).toBe(200);
    const cookie = expectHostCookie(signIn, '__Host-portico_client');
    expectHsts(signIn, `/api/portal/${practice.slug}/sign-in/link`);
    const me = await send(base, `/api/portal/${practice.slug}/me`, {
      headers: { ...proxied, cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(me.status, me.body).toBe(200);
  });

  it('writes PUBLIC_URL into emailed links, whatever Host or X-Forwarded-Host the request carries', async () => {
    const hostile = { ...proxied, host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    const reset = await send(base, '/api/auth/forgot-password', {
      method: 'POST',
      headers: hostile,
      body: { email: practice.owner.email },
    });
    expect(reset.status, reset.body).toBeLessThan(300);
    const resetLinks = await linksInEmail(t, 'password_reset', practice.owner.email);
    expect(resetLinks.length).toBeGreaterThan(0);
    for (const link of resetLinks) expect(link).toMatch(/^https:\/\/portico\.test\//);

    const client = await createClient(t.deps, practice.id);
    const email = client.emails[0];
    if (!email) throw new Error('factory client has no email');
    const staff = await signInAs(t.app, practice.owner.email);
    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(200);
    t.deps.clock.advanceMinutes(1);
    const request = await send(base, `/api/portal/${practice.slug}/sign-in/request`, {
      method: 'POST',
      headers: hostile,
      body: { email: email.address },
    });
    expect(request.status, request.body).toBeLessThan(300);
    const portalLinks = await linksInEmail(t, 'portal_sign_in_link', email.address);
    expect(
      portalLinks.some((link) => link.startsWith(`https://portico.test/portal/${practice.slug}/sign-in#token=`)),
      portalLinks.join('\n'),
    ).toBe(true);
    for (const link of portalLinks) expect(link).toMatch(/^https:\/\/portico\.test\//);
  });
});

describe('served over plain http', () => {
  it('keeps the bare cookie name, which is not Secure, and sends no HSTS', async () => {
    const t = await buildTestApp({ PUBLIC_URL: 'http://portico.test' });
    try {
      const practice = await createPractice(t.deps);
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: practice.owner.email, password: factoryPassword },
      });
      const cookie = signIn.cookies.find((c) => c.name === 'portico_staff');
      expect(cookie).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
      expect(cookie?.secure).toBeFalsy();
      expect(signIn.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('TLS configuration', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: path.join(certDir, 'data'), SESSION_SECRET: 'x'.repeat(32) };
  const problem = (env: Record<string, string>): string => {
    try {
      loadConfig({ ...base, ...env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('loadConfig accepted it');
  };

  it('reads the certificate and key at start, and refuses what TLS could not use, naming the variable', () => {
    const config = loadConfig({ ...base, TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, PORT: '8443' });
    expect(config.tls?.cert).toContain('BEGIN CERTIFICATE');
    expect(config.publicUrl).toBe('https://localhost:8443');
    expect(loadConfig(base).tls).toBeNull();
    expect(problem({ TLS_CERT_FILE: certFile })).toMatch(/TLS_KEY_FILE: required with TLS_CERT_FILE/);
    expect(problem({ TLS_KEY_FILE: keyFile })).toMatch(/TLS_CERT_FILE: required with TLS_KEY_FILE/);
    expect(problem({ TLS_CERT_FILE: path.join(certDir, 'missing.pem'), TLS_KEY_FILE: keyFile })).toMatch(
      /TLS_CERT_FILE: cannot read .*missing\.pem \(ENOENT\)/,
    );
    expect(problem({ TLS_CERT_FILE: keyFile, TLS_KEY_FILE: certFile })).toMatch(
      /TLS_CERT_FILE, TLS_KEY_FILE: not a certificate and its private key/,
    );
    expect(problem({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, PUBLIC_URL: 'http://portico.test' })).toMatch(
      /PUBLIC_URL: must start with https:\/\//,
    );
  });
});
