/**
 * The client's address behind a reverse proxy (TRUST_PROXY). It is the key of every per-address
 * rate limit (decision 011) and the address in the audit log, so a client must not be able to
 * choose it: X-Forwarded-For is believed only from a proxy TRUST_PROXY lists, and then only up to
 * the first entry that no listed proxy wrote — the address the outermost trusted proxy saw. What the
 * client writes to the left of it is ignored. (`TRUST_PROXY=true`, which took the left-most entry, is
 * refused at start: src/server/config.test.ts.)
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createPractice, factoryPassword, type FactoryPractice } from '../factories/practices.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(trustProxy: string): Promise<TestApp> {
  t = await buildTestApp({ PUBLIC_URL: 'https://portico.test', TRUST_PROXY: trustProxy });
  return t;
}

/** A sign-in over a real connection from this process (127.0.0.1), as a proxy on the same machine sends it. */
function postOverTcp(base: string, pathname: string, headers: Record<string, string>, body: unknown): Promise<number> {
  const url = new URL(pathname, base);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.end(JSON.stringify(body));
  });
}

/** The address the audit log gives a sign-in that `signIn` makes (the one staff.signed_in row it adds). */
async function auditedAddress(app: TestApp, signIn: () => Promise<number>): Promise<string | null> {
  const before = await app.deps.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'staff.signed_in')
    .execute();
  expect(await signIn()).toBe(200);
  const rows = await app.deps.db
    .selectFrom('audit_log')
    .select(['id', 'ip'])
    .where('action', '=', 'staff.signed_in')
    .execute();
  const added = rows.filter((row) => !before.some((old) => old.id === row.id));
  expect(added).toHaveLength(1);
  return added[0]?.ip ?? null;
}

function injectSignIn(app: TestApp, practice: FactoryPractice, remoteAddress: string, forwardedFor?: string) {
  return app.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    remoteAddress,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'https' },
    payload: { email: practice.owner.email, password: factoryPassword },
  });
}

describe('the client address behind a proxy', () => {
  it('is the address the proxy saw, the right-most X-Forwarded-For entry, not one the client wrote to its left', async () => {
    for (const trustProxy of ['127.0.0.1', 'loopback', 'false']) {
      const app = await start(trustProxy);
      const practice = await createPractice(app.deps);
      const base = await app.app.listen({ port: 0, host: '127.0.0.1' });
      const ip = await auditedAddress(app, () =>
        postOverTcp(
          base,
          '/api/auth/sign-in',
          // The client sent `X-Forwarded-For: 6.6.6.6`; the proxy appended the address it saw.
          { 'x-forwarded-for': '6.6.6.6, 203.0.113.7', 'x-forwarded-proto': 'https' },
          { email: practice.owner.email, password: factoryPassword },
        ),
      );
      expect(ip, `TRUST_PROXY=${trustProxy}`).toBe(trustProxy === 'false' ? '127.0.0.1' : '203.0.113.7');
      await app.close();
      t = undefined;
    }
  });

  it('ignores X-Forwarded-For from an address TRUST_PROXY does not list, and skips the listed proxies in a chain', async () => {
    const app = await start('10.0.0.0/8, 192.168.1.1');
    const practice = await createPractice(app.deps);
    const from = (remoteAddress: string, forwardedFor?: string) => () =>
      injectSignIn(app, practice, remoteAddress, forwardedFor).then((response) => response.statusCode);

    // A client reaching Portico directly, not through the proxy, cannot speak for anyone else.
    expect(await auditedAddress(app, from('198.51.100.9', '6.6.6.6, 203.0.113.7'))).toBe('198.51.100.9');
    expect(await auditedAddress(app, from('198.51.100.9', '6.6.6.6'))).toBe('198.51.100.9');
    // From a listed proxy, by address or within a listed network.
    expect(await auditedAddress(app, from('192.168.1.1', '6.6.6.6, 203.0.113.7'))).toBe('203.0.113.7');
    expect(await auditedAddress(app, from('10.1.2.3', '6.6.6.6, 203.0.113.7'))).toBe('203.0.113.7');
    // Two proxies (10.9.9.9 passed the request to 10.1.2.3): the first address no listed proxy has.
    expect(await auditedAddress(app, from('10.1.2.3', '6.6.6.6, 203.0.113.7, 10.9.9.9'))).toBe('203.0.113.7');
    // The proxy's own request, without a header.
    expect(await auditedAddress(app, from('10.1.2.3'))).toBe('10.1.2.3');
    // 192.168.1.2 is not 192.168.1.1.
    expect(await auditedAddress(app, from('192.168.1.2', '203.0.113.7'))).toBe('192.168.1.2');
  });

  it('keeps one address to its per-address limit whatever it writes to the left of X-Forwarded-For', async () => {
    const app = await start('127.0.0.1');
    const guess = (index: number, forwardedFor: string) =>
      app.app
        .inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': forwardedFor },
          // A different account each time, so only the per-address bucket (staff-sign-in-ip) fills.
          payload: { email: `someone${index}@example.test`, password: 'Summer2026!' },
        })
        .then((response) => response.statusCode);
    const statuses: number[] = [];
    // Each guess claims to come from a new address; the proxy saw 203.0.113.7 every time.
    for (let i = 0; i < 11; i += 1) statuses.push(await guess(i, `6.6.${i}.6, 203.0.113.7`));
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    // Another address behind the same proxy keeps its own budget.
    expect(await guess(11, '203.0.113.8')).toBe(401);
  });

  it('accepts every form TRUST_PROXY validates, as Fastify compiles it', async () => {
    const app = await start('127.0.0.1, ::1, 10.0.0.0/8, fd00::/8, loopback, linklocal, uniquelocal');
    const practice = await createPractice(app.deps);
    expect(
      await auditedAddress(app, () => injectSignIn(app, practice, '::1', '203.0.113.7').then((r) => r.statusCode)),
    ).toBe('203.0.113.7');
    expect(
      await auditedAddress(app, () =>
        injectSignIn(app, practice, '172.16.0.5', '203.0.113.9').then((r) => r.statusCode),
      ),
    ).toBe('203.0.113.9');
  });
});
