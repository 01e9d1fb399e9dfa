import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invite, portalWorld } from '../../../test/helpers/portal.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { buildApp } from '../app.js';
import { RateWindows } from './rate-windows.js';

let t: TestApp;
let second: FastifyInstance;
beforeEach(async () => {
  t = await buildTestApp();
  // A second server instance on the same database, as two processes behind a load balancer are.
  second = await buildApp(t.deps);
  await second.ready();
});
afterEach(async () => {
  await second.close();
  await t.close();
});

function requestLink(app: FastifyInstance, slug: string, email: string, ip: string) {
  return app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/sign-in/request`,
    payload: { email },
    remoteAddress: ip,
  });
}

describe('rate limits shared by every instance on the database', () => {
  it('counts link requests for one email across instances, and starts over when the window ends', async () => {
    const world = await portalWorld(t.app, t.deps);
    await invite(t.deps, world.staff, world.client.id, world.email.id);
    const statuses: number[] = [];
    // Alternating instances and addresses: only the per-email limit (5 per 15 minutes) applies.
    for (let i = 0; i < 6; i += 1) {
      const app = i % 2 === 0 ? t.app : second;
      statuses.push(
        (await requestLink(app, world.practice.slug, world.email.address, `203.0.113.${i + 1}`)).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await requestLink(t.app, world.practice.slug, world.email.address, '203.0.113.50');
    expect(limited.headers['retry-after']).toBe(String(15 * 60));

    t.deps.clock.advanceMinutes(15);
    expect((await requestLink(second, world.practice.slug, world.email.address, '203.0.113.51')).statusCode).toBe(200);
  });

  it('counts one address across instances per route (20 a minute on the portal sign-in routes)', async () => {
    const world = await portalWorld(t.app, t.deps);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const app = i % 2 === 0 ? t.app : second;
      // A new email each time, so the per-email limit never applies.
      statuses.push(
        (await requestLink(app, world.practice.slug, `person${i}@example.test`, '198.51.100.7')).statusCode,
      );
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    // Another address, and the same address on another route, have counts of their own.
    expect((await requestLink(second, world.practice.slug, 'other@example.test', '198.51.100.8')).statusCode).toBe(200);
    const code = await t.app.inject({
      method: 'POST',
      url: `/api/portal/${world.practice.slug}/sign-in/code`,
      payload: { email: 'x@example.test', code: '123456' },
      remoteAddress: '198.51.100.7',
    });
    expect(code.statusCode).not.toBe(429);
  });

  it('keeps one row per key and window, and deletes windows that ended', async () => {
    const world = await portalWorld(t.app, t.deps);
    await t.deps.db.deleteFrom('rate_limit_windows').execute();
    for (let i = 0; i < 3; i += 1) await requestLink(t.app, world.practice.slug, 'a@example.test', '192.0.2.1');
    const rows = await t.deps.db.selectFrom('rate_limit_windows').selectAll().orderBy('key').execute();
    expect(rows.map((row) => [row.key, row.hits])).toEqual([
      ['ip:POST /api/portal/:slug/sign-in/request:192.0.2.1', 3],
      [`portal-link:${world.practice.slug}:a@example.test`, 3],
    ]);
    // Nothing in the keys but the route, the address, the practice's portal and the email: no tokens or codes.
    expect(rows.map((row) => row.key).join(' ')).not.toMatch(/token|code=/);

    t.deps.clock.advanceMinutes(16);
    await requestLink(t.app, world.practice.slug, 'b@example.test', '192.0.2.2');
    // Requests never delete (the sweep runs on a timer of its own); the sweep takes the ended windows.
    expect(await t.deps.db.selectFrom('rate_limit_windows').select('key').execute()).toHaveLength(4);
    expect(await t.app.rateWindows.sweep()).toBe(2);
    const left = await t.deps.db.selectFrom('rate_limit_windows').select('key').execute();
    expect(left.map((row) => row.key).sort()).toEqual([
      'ip:POST /api/portal/:slug/sign-in/request:192.0.2.2',
      `portal-link:${world.practice.slug}:b@example.test`,
    ]);
  });

  it('takes a hit back only from the window that counted it', async () => {
    const windows = new RateWindows(t.deps.db, t.deps.clock);
    const first = await windows.hit('k', 60_000);
    await windows.hit('k', 60_000);
    await windows.forgive('k', first.resetsAt);
    expect((await windows.hit('k', 60_000)).hits).toBe(2);

    const late = await windows.hit('k', 60_000);
    t.deps.clock.advanceMinutes(1);
    expect((await windows.hit('k', 60_000)).hits).toBe(1);
    // Forgiving the hit counted just before the window ended leaves the new window alone.
    await windows.forgive('k', late.resetsAt);
    expect((await windows.hit('k', 60_000)).hits).toBe(2);
  });

  it('sweeps ended windows on a timer of its own, and stops with the app', async () => {
    const windows = new RateWindows(t.deps.db, t.deps.clock);
    await windows.hit('ended', 60_000);
    await windows.hit('running', 30 * 60_000);
    t.deps.clock.advanceMinutes(2);
    const errors: unknown[] = [];
    windows.startSweeping((error) => errors.push(error), 10);
    try {
      await vi.waitFor(async () => {
        const keys = (await t.deps.db.selectFrom('rate_limit_windows').select('key').execute()).map((row) => row.key);
        expect(keys).toEqual(['running']);
      });
    } finally {
      windows.stopSweeping();
    }
    expect(errors).toEqual([]);
  });
});
