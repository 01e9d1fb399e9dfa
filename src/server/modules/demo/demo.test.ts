import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPractice, type DemoSeedResult } from '../../../../seed/demo-practice.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { tmpRoot } from '../../../../test/helpers/paths.js';
import { buildTestApp, openTestDatabase, testConfig, type TestApp } from '../../../../test/helpers/test-app.js';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { openFileStore } from '../../platform/open-file-store.js';
import { ManualClock } from '../../platform/clock.js';
import { InProcessEventBus } from '../../platform/live-events.js';
import { hashToken, newId } from '../../platform/tokens.js';

// A server in demo mode (config.demo, as DEMO=1 with npm run demo's settings file gives it) on the
// seeded demo practice, and an ordinary server beside it.
const now = new Date('2026-12-07T15:00:00.000Z');
let handle: DatabaseHandle;
let drop: () => Promise<void>;
let deps: AppDeps & { clock: ManualClock };
let app: FastifyInstance;
let demo: DemoSeedResult;
let plain: TestApp;

beforeAll(async () => {
  const opened = await openTestDatabase();
  handle = opened.handle;
  drop = opened.drop;
  const config = testConfig({ ATTACHMENTS_DIR: path.join(tmpRoot, 'attachments', newId()) });
  deps = {
    config,
    db: handle.db,
    dialect: handle.dialect,
    clock: new ManualClock(),
    files: openFileStore(config.files),
    live: new InProcessEventBus(),
  };
  demo = await seedDemoPractice(deps, now);
  deps.config = {
    ...config,
    demo: {
      practiceId: demo.practice.id,
      staffEmail: demo.ownerEmail,
      password: demo.password,
      portalClientId: demo.portalClient.id,
    },
  };
  app = await buildApp(deps);
  await app.ready();
  plain = await buildTestApp();
}, 60_000);

afterAll(async () => {
  await app.close();
  await deps.live.close();
  await handle.close();
  await drop();
  await plain.close();
});

const portalLink = '/api/demo/portal-link';

async function redeem(linkPath: string) {
  const token = /#token=([\w-]+)$/.exec(linkPath)?.[1] ?? '';
  return app.inject({ method: 'POST', url: `/api/portal/${demo.practice.slug}/sign-in/link`, payload: { token } });
}

describe('demo mode', () => {
  it('tells the sign-in page the demo credentials, and the demo practice’s staff whom the portal opens as', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/session' });
    expect(anonymous.json()).toMatchObject({
      demo: { email: 'owner@demo.portico.test', password: 'portico-demo-pass', portalClient: null },
    });
    const owner = await signInAs(app, demo.ownerEmail, demo.password);
    expect((await owner.get('/api/session')).json()).toMatchObject({
      demo: { portalClient: { name: 'Maggie Okafor' } },
    });
  });

  it('says nothing of a demo on an ordinary server, which has no demo route', async () => {
    expect(plain.deps.config.demo).toBeNull();
    expect((await plain.app.inject({ method: 'GET', url: '/api/session' })).json()).toMatchObject({ demo: null });
    const response = await plain.app.inject({ method: 'POST', url: portalLink, payload: {} });
    expect(response.statusCode).toBe(404);
  });

  it('issues a fresh one-time sign-in link per click, each stored hashed and signing in once', async () => {
    const owner: Agent = await signInAs(app, demo.ownerEmail, demo.password);
    const first = await owner.post(portalLink);
    expect(first.statusCode).toBe(200);
    const firstPath = first.json<{ path: string }>().path;
    expect(firstPath).toMatch(/^\/portal\/harbour-light\/sign-in#token=[\w-]{20,}$/);
    const token = firstPath.split('#token=')[1] ?? '';
    const stored = await handle.db.selectFrom('portal_tokens').select(['token_hash', 'kind', 'client_id']).execute();
    expect(stored.some((row) => row.token_hash === token)).toBe(false);
    expect(stored.filter((row) => row.token_hash === hashToken(token))).toEqual([
      { token_hash: hashToken(token), kind: 'link', client_id: demo.portalClient.id },
    ]);

    const signedIn = await redeem(firstPath);
    expect(signedIn.statusCode).toBe(200);
    const again = await redeem(firstPath);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { reason: 'used' } });

    const second = await owner.post(portalLink);
    const secondPath = second.json<{ path: string }>().path;
    expect(secondPath).not.toBe(firstPath);
    expect((await redeem(secondPath)).statusCode).toBe(200);

    const audited = await handle.db
      .selectFrom('audit_log')
      .select(['actor_type', 'client_id'])
      .where('action', '=', 'portal.demo_link_issued')
      .execute();
    expect(audited).toEqual([
      { actor_type: 'staff', client_id: demo.portalClient.id },
      { actor_type: 'staff', client_id: demo.portalClient.id },
    ]);
  });

  it('answers 404 to anyone but the demo practice’s staff', async () => {
    expect((await app.inject({ method: 'POST', url: portalLink, payload: {} })).statusCode).toBe(401);
    const other = await createPractice(deps);
    const stranger = await signInAs(app, other.owner.email);
    expect((await stranger.post(portalLink)).statusCode).toBe(404);
    expect((await stranger.get('/api/session')).json()).toMatchObject({ demo: { portalClient: null } });
  });
});
