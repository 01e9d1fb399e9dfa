import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice, factoryPassword } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const setupBody = {
  practice: { name: 'Willow & "Oak" Therapy 🌳', timeZone: 'Europe/London', slug: 'willow-oak' },
  owner: { name: 'Dr. Ada Lovelace', email: 'Ada@Example.test', password: 'a-long-password' },
};

describe('first-run setup', () => {
  it('creates the practice and owner, signs in, and is then closed', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/session' });
    expect(before.json()).toMatchObject({ setupRequired: true, staff: null });

    const created = await t.app.inject({ method: 'POST', url: '/api/setup', payload: setupBody });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      setupRequired: false,
      staff: { name: 'Dr. Ada Lovelace', email: 'ada@example.test', roles: ['owner', 'clinician'] },
      practice: { name: 'Willow & "Oak" Therapy 🌳', slug: 'willow-oak', timeZone: 'Europe/London' },
    });
    const cookie = created.cookies.find((c) => c.name === 'portico_staff');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');

    const again = await t.app.inject({ method: 'POST', url: '/api/setup', payload: setupBody });
    expect(again.statusCode).toBe(409);
  });

  it('names every invalid and unknown field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        practice: { name: '', timeZone: 'Mars/Olympus', slug: 'Bad Slug' },
        owner: { name: 'A', email: 'nope', password: 'short' },
        admin: true,
      },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'practice.name',
        'practice.timeZone',
        'practice.slug',
        'owner.email',
        'owner.password',
        'admin',
      ]),
    );
    const session = await t.app.inject({ method: 'GET', url: '/api/session' });
    expect(session.json()).toMatchObject({ setupRequired: true });
  });

  it('answers malformed JSON with 400 and oversized bodies with 413', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { 'content-type': 'application/json' },
      payload: '{"practice":',
    });
    expect(malformed.statusCode).toBe(400);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ practice: { name: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(huge.statusCode).toBe(413);
  });
});

describe('sign-up', () => {
  it('is refused when ALLOW_SIGNUP=false', async () => {
    const closed = await buildTestApp({ ALLOW_SIGNUP: 'false' });
    try {
      await createPractice(closed.deps);
      const response = await closed.app.inject({ method: 'POST', url: '/api/signup', payload: setupBody });
      expect(response.statusCode).toBe(403);
    } finally {
      await closed.close();
    }
  });
});

describe('sign-in and sessions', () => {
  it('rejects a wrong password and audits the failure', async () => {
    const practice = await createPractice(t.deps);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: practice.owner.email, password: 'wrong password' },
    });
    expect(response.statusCode).toBe(401);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('practice_id', '=', practice.id)
      .execute();
    expect(rows.map((r) => r.action)).toContain('staff.sign_in_failed');
  });

  it('requires the CSRF token on mutations and ends the session on sign-out', async () => {
    const practice = await createPractice(t.deps);
    const agent = await signInAs(t.app, practice.owner.email);
    const forged = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: agent.cookie } });
    expect(forged.statusCode).toBe(403);
    expect((await agent.post('/api/auth/sign-out')).statusCode).toBe(200);
    const after = await agent.get('/api/session');
    expect(after.json()).toMatchObject({ staff: null });
  });

  it('ends an idle session after 30 minutes and any session after 12 hours', async () => {
    const practice = await createPractice(t.deps);
    const agent = await signInAs(t.app, practice.owner.email);
    t.deps.clock.advanceMinutes(29);
    expect((await agent.get('/api/session')).json()).toMatchObject({ staff: { email: practice.owner.email } });
    t.deps.clock.advanceMinutes(31);
    expect((await agent.get('/api/session')).json()).toMatchObject({ staff: null });

    const busy = await signInAs(t.app, practice.owner.email);
    for (let i = 0; i < 25; i += 1) {
      t.deps.clock.advanceMinutes(29);
      await busy.get('/api/session');
    }
    expect((await busy.get('/api/session')).json()).toMatchObject({ staff: null });
  });

  it('rate limits wrong passwords with 429 and Retry-After', async () => {
    const practice = await createPractice(t.deps);
    let last = 0;
    let retryAfter: string | string[] | number | undefined;
    for (let i = 0; i < 12; i += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: practice.owner.email, password: 'wrong password' },
      });
      last = response.statusCode;
      retryAfter = response.headers['retry-after'];
    }
    expect(last).toBe(429);
    expect(retryAfter).toBeDefined();
  });
});

describe('password reset', () => {
  it('emails a single-use link that sets a new password and ends old sessions', async () => {
    const practice = await createPractice(t.deps);
    const oldSession = await signInAs(t.app, practice.owner.email);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: 'nobody@example.test' },
    });
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: practice.owner.email },
    });
    expect(unknown.body).toBe(known.body);

    const mail = await t.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', practice.owner.email)
      .executeTakeFirstOrThrow();
    expect(mail.kind).toBe('password_reset');
    expect(mail.text).toContain(practice.name);
    const token = /token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    const stored = await t.deps.db.selectFrom('password_resets').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'a brand new password' },
    });
    expect(reset.statusCode).toBe(200);
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'another new password' },
    });
    expect(reuse.statusCode).toBe(400);
    expect((await oldSession.get('/api/session')).json()).toMatchObject({ staff: null });
    await expect(signInAs(t.app, practice.owner.email, factoryPassword)).rejects.toThrow();
    await signInAs(t.app, practice.owner.email, 'a brand new password');
  });

  it('refuses an expired link', async () => {
    const practice = await createPractice(t.deps);
    await t.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email: practice.owner.email } });
    const mail = await t.deps.db.selectFrom('outbox').select('text').executeTakeFirstOrThrow();
    const token = /token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    t.deps.clock.advanceMinutes(61);
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'a brand new password' },
    });
    expect(reset.statusCode).toBe(400);
  });
});
