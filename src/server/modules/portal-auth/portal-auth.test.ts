import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice } from '../../../../test/factories/practices.js';
import { invite, latestPortalEmail, portalWorld, redeemLink } from '../../../../test/helpers/portal.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

async function invitedClient() {
  const world = await portalWorld(t.app, t.deps);
  await invite(t.deps, world.staff, world.client.id, world.email.id);
  return world;
}

function requestLink(slug: string, email: string, headers: Record<string, string> = {}) {
  t.deps.clock.advanceMinutes(1 / 60);
  return t.app.inject({ method: 'POST', url: `/api/portal/${slug}/sign-in/request`, payload: { email }, headers });
}

async function clientSessions(clientId: string) {
  return t.deps.db
    .selectFrom('sessions')
    .select('token_hash')
    .where('kind', '=', 'client')
    .where('subject_id', '=', clientId)
    .execute();
}

describe('requesting a link', () => {
  it('answers the same whether or not the email has access, and sends only to real access', async () => {
    const { practice, email } = await invitedClient();
    const known = await requestLink(practice.slug, email.address);
    const unknown = await requestLink(practice.slug, 'stranger@example.test');
    expect(known.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    const sent = await t.deps.db
      .selectFrom('outbox')
      .select('to_address')
      .where('kind', '=', 'portal_sign_in_link')
      .execute();
    expect(sent.map((s) => s.to_address)).toEqual([email.address]);
  });

  it('is rate limited per email with 429 and Retry-After', async () => {
    const { practice, email } = await invitedClient();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await requestLink(practice.slug, email.address)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await requestLink(practice.slug, email.address);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('writes PUBLIC_URL into the link, whatever Host or X-Forwarded-Host say', async () => {
    const { practice, email } = await invitedClient();
    await requestLink(practice.slug, email.address, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    const { row } = await latestPortalEmail(t.deps, email.address);
    expect(row.text).toContain(`http://portico.test/portal/${practice.slug}/sign-in#token=`);
    expect(row.text).not.toContain('evil.example');
  });
});

describe('sign-in links', () => {
  it('store only a hash of a long random token', async () => {
    const { email } = await invitedClient();
    const { token } = await latestPortalEmail(t.deps, email.address);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const rows = await t.deps.db.selectFrom('portal_tokens').select(['token_hash', 'code_hash']).execute();
    for (const row of rows) {
      expect(row.token_hash).not.toContain(token);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('work once, make access active and open a separate client session', async () => {
    const { practice, staff, client, email } = await invitedClient();
    const { token } = await latestPortalEmail(t.deps, email.address);
    const { response, agent } = await redeemLink(t.app, practice, token);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'portico_client');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await agent?.get(`/api/portal/${practice.slug}/me`);
    expect(me?.json()).toMatchObject({ client: { firstName: client.firstName }, practice: { name: practice.name } });
    // The client cookie is no staff session, and the staff cookie is no client session.
    expect((await agent?.get('/api/clients'))?.statusCode).toBe(401);
    expect((await staff.get(`/api/portal/${practice.slug}/me`)).statusCode).toBe(401);

    const again = await redeemLink(t.app, practice, token);
    expect(again.response.json()).toMatchObject({ error: { code: 'link_problem', reason: 'used' } });
  });

  it('any of the 3 newest unused links works, older ones are superseded, and a sign-in consumes them all', async () => {
    const { practice, email } = await invitedClient();
    const tokens = [(await latestPortalEmail(t.deps, email.address)).token];
    for (let i = 0; i < 3; i += 1) {
      await requestLink(practice.slug, email.address);
      tokens.push((await latestPortalEmail(t.deps, email.address)).token);
    }
    const [oldest, second, third, newest] = tokens;
    expect((await redeemLink(t.app, practice, oldest ?? '')).response.json()).toMatchObject({
      error: { reason: 'superseded' },
    });
    expect((await redeemLink(t.app, practice, second ?? '')).response.statusCode).toBe(200);
    for (const token of [third, newest]) {
      expect((await redeemLink(t.app, practice, token ?? '')).response.json()).toMatchObject({
        error: { reason: 'used' },
      });
    }
  });

  it('expire: sign-in links after 24 hours, invitations after 7 days', async () => {
    const { practice, email } = await invitedClient();
    const invitation = await latestPortalEmail(t.deps, email.address);
    await requestLink(practice.slug, email.address);
    const link = await latestPortalEmail(t.deps, email.address);
    t.deps.clock.advanceMinutes(24 * 60 + 1);
    expect((await redeemLink(t.app, practice, link.token)).response.json()).toMatchObject({
      error: { reason: 'expired' },
    });
    t.deps.clock.advanceMinutes(6 * 24 * 60 - 5);
    expect((await redeemLink(t.app, practice, invitation.token)).response.statusCode).toBe(200);
  });

  it('an invitation expires after 7 days', async () => {
    const { practice, email } = await invitedClient();
    const invitation = await latestPortalEmail(t.deps, email.address);
    t.deps.clock.advanceMinutes(7 * 24 * 60 + 1);
    expect((await redeemLink(t.app, practice, invitation.token)).response.json()).toMatchObject({
      error: { reason: 'expired' },
    });
  });

  it('fail at another practice’s portal, and unknown or malformed tokens fail clearly with an audit row', async () => {
    const { practice, email } = await invitedClient();
    const other = await createPractice(t.deps);
    const { token } = await latestPortalEmail(t.deps, email.address);
    const foreign = await redeemLink(t.app, other, token);
    expect(foreign.response.json()).toMatchObject({ error: { reason: 'invalid' } });
    expect(foreign.agent).toBeNull();
    const unknown = await redeemLink(t.app, practice, 'A'.repeat(43));
    expect(unknown.response.json()).toMatchObject({ error: { reason: 'invalid' } });
    const malformed = await redeemLink(t.app, practice, '<script>');
    expect(malformed.response.statusCode).toBe(400);
    expect(malformed.response.json()).toMatchObject({ error: { fields: [{ field: 'token' }] } });
    const failures = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'portal.link_failed')
      .execute();
    expect(failures.length).toBe(2);
    expect(JSON.stringify(failures)).not.toContain(token);
    // The original link still works at its own portal.
    expect((await redeemLink(t.app, practice, token)).response.statusCode).toBe(200);
  });

  it('twenty parallel redemptions of one link create exactly one session', async () => {
    const { practice, client, email } = await invitedClient();
    const { token } = await latestPortalEmail(t.deps, email.address);
    const results = await Promise.all(Array.from({ length: 20 }, () => redeemLink(t.app, practice, token)));
    expect(results.filter((r) => r.response.statusCode === 200)).toHaveLength(1);
    expect(await clientSessions(client.id)).toHaveLength(1);
  });

  it('Email me a new link sends a fresh link for a used one', async () => {
    const { practice, email } = await invitedClient();
    const { token } = await latestPortalEmail(t.deps, email.address);
    await redeemLink(t.app, practice, token);
    t.deps.clock.advanceMinutes(1);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/portal/${practice.slug}/sign-in/new-link`,
      payload: { token },
    });
    expect(again.statusCode).toBe(200);
    const fresh = await latestPortalEmail(t.deps, email.address);
    expect(fresh.token).not.toBe(token);
    expect((await redeemLink(t.app, practice, fresh.token)).response.statusCode).toBe(200);
  });
});

describe('sign-in codes', () => {
  function useCode(slug: string, email: string, code: string) {
    return t.app.inject({ method: 'POST', url: `/api/portal/${slug}/sign-in/code`, payload: { email, code } });
  }

  it('work with the email for 15 minutes', async () => {
    const { practice, email } = await invitedClient();
    const { code } = await latestPortalEmail(t.deps, email.address);
    t.deps.clock.advanceMinutes(16);
    expect((await useCode(practice.slug, email.address, code)).statusCode).toBe(400);
    await requestLink(practice.slug, email.address);
    const fresh = await latestPortalEmail(t.deps, email.address);
    expect((await useCode(practice.slug, email.address, fresh.code)).statusCode).toBe(200);
  });

  it('die after 5 wrong tries', async () => {
    const { practice, email } = await invitedClient();
    const { code } = await latestPortalEmail(t.deps, email.address);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) expect((await useCode(practice.slug, email.address, wrong)).statusCode).toBe(400);
    expect((await useCode(practice.slug, email.address, code)).statusCode).toBe(400);
  });
});

describe('client sessions', () => {
  it('end after 30 minutes idle and on sign-out', async () => {
    const { practice, email } = await invitedClient();
    const { agent } = await redeemLink(t.app, practice, (await latestPortalEmail(t.deps, email.address)).token);
    t.deps.clock.advanceMinutes(31);
    expect((await agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(401);

    await requestLink(practice.slug, email.address);
    const second = await redeemLink(t.app, practice, (await latestPortalEmail(t.deps, email.address)).token);
    expect((await second.agent?.post(`/api/portal/${practice.slug}/sign-out`))?.statusCode).toBe(200);
    expect((await second.agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(401);
  });
});

describe('the session endpoint', () => {
  it('answers 200 to everyone: signed in with who, or signed out for a visitor, staff, an ended session', async () => {
    const { practice, staff, client, email } = await invitedClient();
    const visitor = await t.app.inject({ method: 'GET', url: `/api/portal/${practice.slug}/session` });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ signedIn: false, portalEnabled: true });
    expect((await staff.get(`/api/portal/${practice.slug}/session`)).json()).toEqual({
      signedIn: false,
      portalEnabled: true,
    });

    const { agent } = await redeemLink(t.app, practice, (await latestPortalEmail(t.deps, email.address)).token);
    const signedIn = await agent?.get(`/api/portal/${practice.slug}/session`);
    expect(signedIn?.statusCode).toBe(200);
    expect(signedIn?.json()).toMatchObject({ signedIn: true, me: { client: { firstName: client.firstName } } });

    // At another practice's portal address the client is nobody.
    const other = await createPractice(t.deps);
    expect((await agent?.get(`/api/portal/${other.slug}/session`))?.json()).toEqual({
      signedIn: false,
      portalEnabled: true,
    });

    t.deps.clock.advanceMinutes(31);
    expect((await agent?.get(`/api/portal/${practice.slug}/session`))?.json()).toEqual({
      signedIn: false,
      portalEnabled: true,
    });
  });
});

describe('archived clients', () => {
  it('cannot sign in, and archiving ends their session', async () => {
    const { practice, staff, client, email } = await invitedClient();
    const first = await latestPortalEmail(t.deps, email.address);
    const { agent } = await redeemLink(t.app, practice, first.token);
    await requestLink(practice.slug, email.address);
    const spare = await latestPortalEmail(t.deps, email.address);
    expect((await staff.post(`/api/clients/${client.id}/archive`)).statusCode).toBe(200);
    expect((await agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(401);
    expect((await redeemLink(t.app, practice, spare.token)).response.json()).toMatchObject({
      error: { reason: 'unavailable' },
    });
    const before = await t.deps.db.selectFrom('outbox').select('id').execute();
    await requestLink(practice.slug, email.address);
    expect(await t.deps.db.selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
  });
});
