import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice, createStaff, factoryPassword } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { fields?: { field: string; message: string }[] } }).error.fields ?? [];

async function actions(staffId: string) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('actor_id', '=', staffId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.action);
}

async function newestEmailTo(to: string) {
  return t.deps.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

const tokenIn = (text: string) => /confirm-email#token=([\w-]+)/.exec(text)?.[1] ?? '';

describe('My account', () => {
  it('shows a clinician their own account and lets them rename themselves', async () => {
    const practice = await createPractice(t.deps);
    const clinician = await createStaff(t.deps, practice.id, { roles: ['clinician'], name: 'Sam Rivera' });
    const agent = await signInAs(t.app, clinician.email);
    expect((await agent.get('/api/account')).json()).toEqual({
      id: clinician.id,
      name: 'Sam Rivera',
      email: clinician.email,
      roles: ['clinician'],
      pendingEmail: null,
    });
    const blank = await agent.put('/api/account/name', { name: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(fieldsOf(blank.body)).toEqual([{ field: 'name', message: 'is required' }]);
    const renamed = await agent.put('/api/account/name', { name: 'Sam Rivera-Holt' });
    expect(renamed.json()).toMatchObject({ name: 'Sam Rivera-Holt' });
    expect((await agent.get('/api/session')).json()).toMatchObject({ staff: { name: 'Sam Rivera-Holt' } });
    expect(await actions(clinician.id)).toContain('staff.name_changed');
    // The owner's account is untouched.
    const owner = await t.deps.db
      .selectFrom('staff_users')
      .select('name')
      .where('id', '=', practice.owner.id)
      .executeTakeFirst();
    expect(owner?.name).toBe(practice.owner.name);
  });
});

describe('changing the sign-in email', () => {
  it('changes it only when the one-time link sent to the new address is used, with a notice to the old one', async () => {
    const practice = await createPractice(t.deps);
    const agent = await signInAs(t.app, practice.owner.email);
    const wrong = await agent.post('/api/account/email', { email: 'new@example.test', currentPassword: 'not it' });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong.body)).toEqual([{ field: 'currentPassword', message: 'is not right' }]);

    const asked = await agent.post('/api/account/email', {
      email: 'New@Example.test',
      currentPassword: factoryPassword,
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ email: practice.owner.email, pendingEmail: 'new@example.test' });
    const confirm = await newestEmailTo('new@example.test');
    expect(confirm.kind).toBe('staff_email_change_confirm');
    const token = tokenIn(confirm.text);
    expect(token).toHaveLength(43);
    const notice = await newestEmailTo(practice.owner.email);
    expect(notice.kind).toBe('staff_email_change_notice');
    expect(notice.text).toContain('new@example.test');
    expect(notice.text).not.toContain(token);
    // Only the token's hash is stored.
    const stored = await t.deps.db.selectFrom('email_changes').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(token);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);

    // Nothing changed yet: the old email still signs in.
    await signInAs(t.app, practice.owner.email);

    // Used from a browser that is not signed in.
    const used = await t.app.inject({ method: 'POST', url: '/api/account/email/confirm', payload: { token } });
    expect(used.statusCode).toBe(200);
    expect((await agent.get('/api/account')).json()).toMatchObject({ email: 'new@example.test', pendingEmail: null });
    await signInAs(t.app, 'new@example.test');
    await expect(signInAs(t.app, practice.owner.email)).rejects.toThrow();

    // Single use.
    const again = await t.app.inject({ method: 'POST', url: '/api/account/email/confirm', payload: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { code: 'token_invalid' } });
    expect(await actions(practice.owner.id)).toEqual(
      expect.arrayContaining(['staff.email_change_refused', 'staff.email_change_requested', 'staff.email_changed']),
    );
  });

  it('lets the link expire after 24 hours, a newer request replace it, and a cancel end it', async () => {
    const practice = await createPractice(t.deps);
    const agent = await signInAs(t.app, practice.owner.email);
    await agent.post('/api/account/email', { email: 'first@example.test', currentPassword: factoryPassword });
    const first = tokenIn((await newestEmailTo('first@example.test')).text);
    t.deps.clock.advanceMinutes(1);
    await agent.post('/api/account/email', { email: 'second@example.test', currentPassword: factoryPassword });
    const second = tokenIn((await newestEmailTo('second@example.test')).text);
    const replaced = await t.app.inject({
      method: 'POST',
      url: '/api/account/email/confirm',
      payload: { token: first },
    });
    expect(replaced.statusCode).toBe(400);

    t.deps.clock.advanceMinutes(24 * 60 + 1);
    // The session would be idle by now: sign in again to look.
    const later = await signInAs(t.app, practice.owner.email);
    expect((await later.get('/api/account')).json()).toMatchObject({ pendingEmail: null });
    const expired = await t.app.inject({
      method: 'POST',
      url: '/api/account/email/confirm',
      payload: { token: second },
    });
    expect(expired.statusCode).toBe(400);

    await later.post('/api/account/email', { email: 'third@example.test', currentPassword: factoryPassword });
    const third = tokenIn((await newestEmailTo('third@example.test')).text);
    expect((await later.post('/api/account/email/cancel', {})).json()).toMatchObject({ pendingEmail: null });
    const cancelled = await t.app.inject({
      method: 'POST',
      url: '/api/account/email/confirm',
      payload: { token: third },
    });
    expect(cancelled.statusCode).toBe(400);
    const row = await t.deps.db
      .selectFrom('staff_users')
      .select('email')
      .where('id', '=', practice.owner.id)
      .executeTakeFirst();
    expect(row?.email).toBe(practice.owner.email);
  });

  it('refuses an email another account has, and the same email', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    const agent = await signInAs(t.app, practice.owner.email);
    const taken = await agent.post('/api/account/email', {
      email: other.owner.email,
      currentPassword: factoryPassword,
    });
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken.body)).toEqual([{ field: 'email', message: 'already has an account' }]);
    const same = await agent.post('/api/account/email', {
      email: practice.owner.email,
      currentPassword: factoryPassword,
    });
    expect(fieldsOf(same.body)).toEqual([{ field: 'email', message: 'is already your email' }]);
    const invalid = await agent.post('/api/account/email', { email: 'nope', currentPassword: '' });
    expect(
      fieldsOf(invalid.body)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['currentPassword', 'email']);
  });
});

describe('changing the password', () => {
  it('needs the current password, and ends the account’s other sessions only', async () => {
    const practice = await createPractice(t.deps);
    const clinician = await createStaff(t.deps, practice.id);
    const here = await signInAs(t.app, practice.owner.email);
    const elsewhere = await signInAs(t.app, practice.owner.email);
    const colleague = await signInAs(t.app, clinician.email);

    const wrong = await here.post('/api/account/password', {
      currentPassword: 'wrong password',
      newPassword: 'a brand new password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong.body)).toEqual([{ field: 'currentPassword', message: 'is not right' }]);
    expect((await elsewhere.get('/api/account')).statusCode).toBe(200);

    const short = await here.post('/api/account/password', { currentPassword: factoryPassword, newPassword: 'short' });
    expect(fieldsOf(short.body)).toEqual([{ field: 'newPassword', message: 'must be at least 10 characters' }]);

    const changed = await here.post('/api/account/password', {
      currentPassword: factoryPassword,
      newPassword: 'a brand new password',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ signedOut: 1 });
    expect((await here.get('/api/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/account')).statusCode).toBe(401);
    expect((await colleague.get('/api/account')).statusCode).toBe(200);
    await signInAs(t.app, practice.owner.email, 'a brand new password');
    await expect(signInAs(t.app, practice.owner.email)).rejects.toThrow();
    expect(await actions(practice.owner.id)).toEqual(
      expect.arrayContaining(['staff.password_change_refused', 'staff.password_changed']),
    );
  });
});

describe('active sessions', () => {
  it('lists the account’s sessions, marks this one, and signs out one', async () => {
    const practice = await createPractice(t.deps);
    const clinician = await createStaff(t.deps, practice.id);
    const here = await signInAs(t.app, practice.owner.email);
    t.deps.clock.advanceMinutes(2);
    const phone = await signInAs(t.app, practice.owner.email);
    await signInAs(t.app, clinician.email);
    const listed = await here.get('/api/account/sessions');
    const sessions = listed.json<{ id: string; current: boolean; ip: string | null; lastSeenAt: string }[]>();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]?.ip).toBe('127.0.0.1');
    const tokenHashes = (await t.deps.db.selectFrom('sessions').select('token_hash').execute()).map(
      (r) => r.token_hash,
    );
    for (const session of sessions) expect(tokenHashes).not.toContain(session.id);

    const other = sessions.find((s) => !s.current);
    const ended = await here.post(`/api/account/sessions/${other?.id}/sign-out`, {});
    expect(ended.statusCode).toBe(200);
    expect((await phone.get('/api/account')).statusCode).toBe(401);
    expect((await here.get('/api/account')).statusCode).toBe(200);
    // Gone now, and never another account's.
    expect((await here.post(`/api/account/sessions/${other?.id}/sign-out`, {})).statusCode).toBe(404);
    expect((await here.post(`/api/account/sessions/${'a'.repeat(32)}/sign-out`, {})).statusCode).toBe(404);
    expect(await actions(practice.owner.id)).toContain('staff.session_ended');
  });

  it('answers 404 for another account’s or another practice’s session', async () => {
    const practice = await createPractice(t.deps);
    const other = await createPractice(t.deps);
    const mine = await signInAs(t.app, practice.owner.email);
    const theirs = await signInAs(t.app, other.owner.email);
    const [theirSession] = (await theirs.get('/api/account/sessions')).json<{ id: string }[]>();
    expect((await mine.post(`/api/account/sessions/${theirSession?.id}/sign-out`, {})).statusCode).toBe(404);
    expect((await theirs.get('/api/account')).statusCode).toBe(200);
  });

  it('signs out everywhere else, keeping this browser and other accounts', async () => {
    const practice = await createPractice(t.deps);
    const clinician = await createStaff(t.deps, practice.id);
    const here = await signInAs(t.app, practice.owner.email);
    const laptop = await signInAs(t.app, practice.owner.email);
    const tablet = await signInAs(t.app, practice.owner.email);
    const colleague = await signInAs(t.app, clinician.email);
    const result = await here.post('/api/account/sessions/sign-out-others', {});
    expect(result.json()).toEqual({ signedOut: 2 });
    expect((await laptop.get('/api/account')).statusCode).toBe(401);
    expect((await tablet.get('/api/account')).statusCode).toBe(401);
    expect((await here.get('/api/account')).statusCode).toBe(200);
    expect((await colleague.get('/api/account')).statusCode).toBe(200);
    expect((await here.get('/api/account/sessions')).json()).toHaveLength(1);
    expect(await actions(practice.owner.id)).toContain('staff.signed_out_everywhere');
  });
});

describe('guessing the current password', () => {
  it('refuses a sixth wrong current password within 15 minutes, from any address, while a right one takes its attempt back', async () => {
    const practice = await createPractice(t.deps);
    const clinician = await createStaff(t.deps, practice.id);
    const agent = await signInAs(t.app, practice.owner.email);
    const other = await signInAs(t.app, practice.owner.email);
    const colleague = await signInAs(t.app, clinician.email);
    const guess = (as: typeof agent, currentPassword: string) =>
      as.post('/api/account/password', { currentPassword, newPassword: 'a brand new password' });

    // A right password does not count, so it can come between wrong ones.
    await agent.post('/api/account/email', { email: 'first@example.test', currentPassword: factoryPassword });
    for (let i = 0; i < 4; i++) expect((await guess(agent, `guess ${i}`)).statusCode).toBe(400);
    expect(
      (await other.post('/api/account/email', { email: 'x@example.test', currentPassword: 'guess 4' })).statusCode,
    ).toBe(400);

    const refused = await guess(other, 'guess 5');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Refused even with the right password: the limit is the account's, not the guess's.
    expect((await guess(agent, factoryPassword)).statusCode).toBe(429);
    // Another account is not affected.
    expect((await guess(colleague, 'wrong')).statusCode).toBe(400);

    t.deps.clock.advanceMinutes(15);
    expect((await guess(agent, factoryPassword)).statusCode).toBe(200);
  });
});
