import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice, createStaff, factoryPassword } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { openSecret } from '../../platform/sealed-secrets.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { codeAt, enrolTwoFactor, pendingSignIn, signInWithCode } from '../../../../test/helpers/two-factor.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { fields?: { field: string; message: string }[] } }).error.fields ?? [];
const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

async function actions(staffId: string) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('actor_id', '=', staffId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.action);
}

function codeStep(token: string, code: string, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in/code', payload: { token, code }, remoteAddress });
}

/** The clock moves on a minute (two time steps), so the app shows a new code. */
const nextCode = async (secret: string) => {
  t.deps.clock.advanceMinutes(1);
  return codeAt(secret, t.deps.clock.now());
};

describe('setting up two-factor', () => {
  it('shows the secret as a QR code and text, turns on only with a right code, and answers ten backup codes once', async () => {
    const practice = await createPractice(t.deps);
    const agent = await signInAs(t.app, practice.owner.email);
    expect((await agent.get('/api/session')).json()).toMatchObject({
      twoFactor: { enabled: false, setupRequired: false },
    });
    const setUp = await agent.post('/api/account/two-factor/setup');
    expect(setUp.statusCode, setUp.body).toBe(200);
    const { secret, otpauthUrl, qrCode } = setUp.json<{ secret: string; otpauthUrl: string; qrCode: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(otpauthUrl).toContain(encodeURIComponent(practice.owner.email));
    expect(Buffer.from(qrCode.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toContain('<svg');
    // Sealed at rest: a copy of the database does not hold the secret an authenticator app is given.
    const sealed = await t.deps.db
      .selectFrom('staff_two_factor')
      .select('secret')
      .where('staff_id', '=', practice.owner.id)
      .executeTakeFirstOrThrow();
    expect(sealed.secret).toMatch(/^v1\./);
    expect(sealed.secret).not.toContain(secret);

    const wrong = await agent.post('/api/account/two-factor/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong.body)).toEqual([{ field: 'code', message: 'is not right, or has been used already' }]);
    const notACode = await agent.post('/api/account/two-factor/confirm', { code: '12ab' });
    expect(fieldsOf(notACode.body)).toEqual([{ field: 'code', message: 'must be the 6-digit code from your app' }]);
    expect((await agent.get('/api/account/two-factor')).json()).toMatchObject({ enabled: false });

    const code = await codeAt(secret, t.deps.clock.now());
    const confirmed = await agent.post('/api/account/two-factor/confirm', {
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { backupCodes } = confirmed.json<{ backupCodes: string[] }>();
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    for (const backup of backupCodes) expect(backup).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    // Kept hashed: no backup code is stored as it was shown.
    const stored = await t.deps.db.selectFrom('staff_backup_codes').select('code_hash').execute();
    expect(stored).toHaveLength(10);
    for (const backup of backupCodes) {
      expect(JSON.stringify(stored)).not.toContain(backup.replaceAll('-', ''));
    }

    expect((await agent.get('/api/account/two-factor')).json()).toEqual({
      enabled: true,
      enabledAt: t.deps.clock.now().toISOString(),
      backupCodesLeft: 10,
      requiredByPractice: false,
    });
    expect((await agent.get('/api/session')).json()).toMatchObject({ twoFactor: { enabled: true } });
    expect((await agent.post('/api/account/two-factor/setup')).statusCode).toBe(409);
    expect(await actions(practice.owner.id)).toEqual(
      expect.arrayContaining([
        'staff.two_factor_setup_started',
        'staff.two_factor_code_failed',
        'staff.two_factor_enabled',
      ]),
    );
  });
});

describe('signing in with two-factor', () => {
  async function enrolledOwner() {
    const practice = await createPractice(t.deps);
    const enrolled = await enrolTwoFactor(await signInAs(t.app, practice.owner.email), t.deps.clock);
    return { practice, ...enrolled };
  }

  it('asks for a code after the password, with a pending sign-in that is no session', async () => {
    const { practice, secret } = await enrolledOwner();
    const sessionsBefore = await t.deps.db.selectFrom('sessions').select('token_hash').execute();
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: practice.owner.email, password: factoryPassword },
    });
    expect(first.statusCode).toBe(200);
    const pending = first.json<{ codeRequired: true; token: string; expiresAt: string }>();
    expect(pending).toEqual({
      codeRequired: true,
      token: expect.any(String) as string,
      expiresAt: new Date(t.deps.clock.now().getTime() + 5 * 60_000).toISOString(),
    });
    expect(first.cookies).toEqual([]);
    expect(await t.deps.db.selectFrom('sessions').select('token_hash').execute()).toEqual(sessionsBefore);
    // Kept hashed.
    const challenge = await t.deps.db.selectFrom('two_factor_challenges').selectAll().executeTakeFirstOrThrow();
    expect(challenge.token_hash).not.toBe(pending.token);

    const wrong = await codeStep(pending.token, '000000');
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong.body)).toEqual([{ field: 'code', message: 'is not right, or has been used already' }]);
    expect(await actions(practice.owner.id)).toContain('staff.two_factor_code_failed');

    const right = await codeStep(pending.token, await nextCode(secret));
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json()).toMatchObject({ staff: { id: practice.owner.id }, twoFactor: { enabled: true } });
    // The pending sign-in is used up.
    const again = await codeStep(pending.token, await nextCode(secret));
    expect(codeOf(again.body)).toBe('token_invalid');
  });

  it('refuses a code replayed within its window, and takes each backup code once', async () => {
    const { practice, secret, backupCodes } = await enrolledOwner();
    const code = await nextCode(secret);
    expect((await codeStep(await pendingSignIn(t.app, practice.owner.email), code)).statusCode).toBe(200);
    // The same code, still within its window, on a new pending sign-in.
    const replay = await codeStep(await pendingSignIn(t.app, practice.owner.email), code);
    expect(replay.statusCode).toBe(400);
    // So is a code of the step before (still within the tolerance of one step).
    t.deps.clock.advanceMinutes(0.5);
    const earlier = await codeAt(secret, new Date(t.deps.clock.now().getTime() - 30_000));
    expect((await codeStep(await pendingSignIn(t.app, practice.owner.email), earlier)).statusCode).toBe(400);

    const backup = backupCodes[3] ?? '';
    const withBackup = await codeStep(await pendingSignIn(t.app, practice.owner.email), backup.toUpperCase());
    expect(withBackup.statusCode, withBackup.body).toBe(200);
    const backupAgain = await codeStep(await pendingSignIn(t.app, practice.owner.email), backup);
    expect(backupAgain.statusCode).toBe(400);
    const agent = await signInWithCode(t.app, practice.owner.email, await nextCode(secret));
    expect((await agent.get('/api/account/two-factor')).json()).toMatchObject({ backupCodesLeft: 9 });
  });

  it('ends a pending sign-in after five minutes or five wrong codes', async () => {
    const { practice, secret } = await enrolledOwner();
    const token = await pendingSignIn(t.app, practice.owner.email);
    t.deps.clock.advanceMinutes(6);
    const late = await codeStep(token, await codeAt(secret, t.deps.clock.now()));
    expect(late.statusCode).toBe(400);
    expect(codeOf(late.body)).toBe('token_invalid');

    const worn = await pendingSignIn(t.app, practice.owner.email);
    // Each from its own address, so only the pending sign-in's own count is at work (the
    // account's bucket allows five wrong codes).
    for (let i = 0; i < 5; i += 1) {
      expect((await codeStep(worn, `00000${i}`, `192.0.2.${i + 1}`)).statusCode).toBe(400);
    }
    t.deps.clock.advanceMinutes(16);
    const right = await codeStep(worn, await codeAt(secret, t.deps.clock.now()), '192.0.2.99');
    expect(codeOf(right.body)).toBe('token_invalid');
  });

  it('limits wrong codes per account, refusing even the right code until the window ends', async () => {
    const { practice, secret } = await enrolledOwner();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const token = await pendingSignIn(t.app, practice.owner.email);
      statuses.push((await codeStep(token, `11111${i}`, `198.51.100.${i + 1}`)).statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    const token = await pendingSignIn(t.app, practice.owner.email);
    const code = await codeAt(secret, t.deps.clock.now());
    expect((await codeStep(token, code, '198.51.100.50')).statusCode).toBe(429);
    t.deps.clock.advanceMinutes(15);
    const later = await pendingSignIn(t.app, practice.owner.email);
    const signedIn = await codeStep(later, await codeAt(secret, t.deps.clock.now()), '198.51.100.50');
    expect(signedIn.statusCode, signedIn.body).toBe(200);
  });

  it('limits wrong codes per address, whatever the account', async () => {
    const practice = await createPractice(t.deps);
    const accounts = [practice.owner];
    for (let i = 0; i < 2; i += 1) accounts.push(await createStaff(t.deps, practice.id));
    for (const account of accounts) await enrolTwoFactor(await signInAs(t.app, account.email), t.deps.clock);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const account = accounts[i % 3] ?? practice.owner;
      statuses.push(
        (await codeStep(await pendingSignIn(t.app, account.email), `22222${i % 10}`, '203.0.113.9')).statusCode,
      );
    }
    expect(statuses).toEqual([...Array<number>(10).fill(400), 429]);
  });

  it('lets only one of two requests with the same code sign in, however close together', async () => {
    const { practice, secret, backupCodes } = await enrolledOwner();
    const code = await nextCode(secret);
    const tokens = [await pendingSignIn(t.app, practice.owner.email), await pendingSignIn(t.app, practice.owner.email)];
    const both = await Promise.all(tokens.map((token) => codeStep(token, code)));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 400]);

    // The same pending sign-in, sent twice at once with a code each: one session at most.
    const shared = await pendingSignIn(t.app, practice.owner.email);
    const twice = await Promise.all([codeStep(shared, backupCodes[0] ?? ''), codeStep(shared, backupCodes[1] ?? '')]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 400]);

    // One backup code sent on two pending sign-ins at once.
    const backup = backupCodes[2] ?? '';
    const pair = [await pendingSignIn(t.app, practice.owner.email), await pendingSignIn(t.app, practice.owner.email)];
    const raced = await Promise.all(pair.map((token) => codeStep(token, backup)));
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const used = await t.deps.db
      .selectFrom('staff_backup_codes')
      .select('id')
      .where('used_at', 'is not', null)
      .execute();
    expect(used).toHaveLength(2);
  });
});

describe('turning two-factor off', () => {
  it('needs the password and a code, and is audited', async () => {
    const practice = await createPractice(t.deps);
    const agent = await signInAs(t.app, practice.owner.email);
    const { secret, backupCodes } = await enrolTwoFactor(agent, t.deps.clock);
    const wrongPassword = await agent.post('/api/account/two-factor/disable', {
      password: 'not the password',
      code: await nextCode(secret),
    });
    expect(fieldsOf(wrongPassword.body)).toEqual([{ field: 'password', message: 'is not right' }]);
    const wrongCode = await agent.post('/api/account/two-factor/disable', {
      password: factoryPassword,
      code: '123456',
    });
    expect(fieldsOf(wrongCode.body)).toEqual([{ field: 'code', message: 'is not right, or has been used already' }]);
    const off = await agent.post('/api/account/two-factor/disable', {
      password: factoryPassword,
      code: backupCodes[0] ?? '',
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, backupCodesLeft: 0 });
    expect(await t.deps.db.selectFrom('staff_backup_codes').select('id').execute()).toEqual([]);
    // Signing in takes the password alone again.
    await signInAs(t.app, practice.owner.email);
    expect(await actions(practice.owner.id)).toEqual(
      expect.arrayContaining([
        'staff.two_factor_disable_refused',
        'staff.two_factor_code_failed',
        'staff.two_factor_disabled',
      ]),
    );
  });

  it('makes new backup codes in place of the old ones with a code from the app', async () => {
    const practice = await createPractice(t.deps);
    const agent = await signInAs(t.app, practice.owner.email);
    const { secret, backupCodes } = await enrolTwoFactor(agent, t.deps.clock);
    const fresh = await agent.post('/api/account/two-factor/backup-codes', { code: await nextCode(secret) });
    expect(fresh.statusCode, fresh.body).toBe(200);
    const newCodes = fresh.json<{ backupCodes: string[] }>().backupCodes;
    expect(newCodes).toHaveLength(10);
    const old = await codeStep(await pendingSignIn(t.app, practice.owner.email), backupCodes[0] ?? '');
    expect(old.statusCode).toBe(400);
    const withNew = await codeStep(await pendingSignIn(t.app, practice.owner.email), newCodes[0] ?? '');
    expect(withNew.statusCode).toBe(200);
    expect(await actions(practice.owner.id)).toContain('staff.backup_codes_replaced');
  });
});

describe('a practice that requires two-factor', () => {
  async function requiringPractice() {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    const refused = await owner.put('/api/practice/security', { requireTwoFactor: true });
    expect(refused.statusCode).toBe(409);
    const { secret } = await enrolTwoFactor(owner, t.deps.clock);
    const clinician = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const required = await owner.put('/api/practice/security', { requireTwoFactor: true });
    expect(required.statusCode, required.body).toBe(200);
    expect(required.json()).toEqual({ requireTwoFactor: true, membersWithoutTwoFactor: 1 });
    return { practice, owner, ownerSecret: secret, clinician };
  }

  it('limits a member without two-factor to setting it up, until they have', async () => {
    const { practice, clinician } = await requiringPractice();
    const member = await signInAs(t.app, clinician.email);
    expect((await member.get('/api/session')).json()).toMatchObject({
      staff: { id: clinician.id },
      twoFactor: { enabled: false, setupRequired: true },
    });
    for (const [method, url] of [
      ['GET', '/api/clients'],
      ['GET', '/api/account'],
      ['GET', '/api/practice/security'],
      ['POST', '/api/account/two-factor/backup-codes'],
      ['GET', '/api/no-such-route'],
    ] as const) {
      const refused = await member.request(method, url, method === 'POST' ? { code: '123456' } : undefined);
      expect(refused.statusCode, url).toBe(403);
      expect(codeOf(refused.body), url).toBe('two_factor_required');
    }
    // Pages still load: the web app shows the set-up page.
    expect((await member.get('/clients')).statusCode).not.toBe(403);
    expect((await member.get('/api/account/two-factor')).json()).toMatchObject({
      enabled: false,
      requiredByPractice: true,
    });
    expect(await actions(clinician.id)).toContain('staff.signed_in');
    await enrolTwoFactor(member, t.deps.clock);
    expect((await member.get('/api/clients')).statusCode).toBe(200);
    expect((await member.get('/api/session')).json()).toMatchObject({
      twoFactor: { enabled: true, setupRequired: false },
    });
    const owner = await signInWithCode(
      t.app,
      practice.owner.email,
      await nextCode((await ownerSecretOf(practice.owner.id)) ?? ''),
    );
    expect((await owner.get('/api/practice/security')).json()).toEqual({
      requireTwoFactor: true,
      membersWithoutTwoFactor: 0,
    });
  });

  it('signs a limited session out, and keeps two-factor on while it is required', async () => {
    const { owner, ownerSecret, clinician } = await requiringPractice();
    const member = await signInAs(t.app, clinician.email);
    expect((await member.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await member.get('/api/session')).json()).toMatchObject({ staff: null, twoFactor: null });
    const kept = await owner.post('/api/account/two-factor/disable', {
      password: factoryPassword,
      code: await nextCode(ownerSecret),
    });
    expect(kept.statusCode).toBe(409);
    const off = await owner.put('/api/practice/security', { requireTwoFactor: false });
    expect(off.json()).toMatchObject({ requireTwoFactor: false });
    expect((await signInAs(t.app, clinician.email).then((a) => a.get('/api/clients'))).statusCode).toBe(200);
  });

  it("lets an owner reset a member's two-factor, and no one else's", async () => {
    const { practice, owner, clinician } = await requiringPractice();
    const member = await signInAs(t.app, clinician.email);
    const { secret } = await enrolTwoFactor(member, t.deps.clock);
    const other = await createPractice(t.deps);

    const asMember = await member.post(`/api/staff/${practice.owner.id}/two-factor/reset`);
    expect(asMember.statusCode).toBe(403);
    expect((await owner.post(`/api/staff/${other.owner.id}/two-factor/reset`)).statusCode).toBe(404);
    expect((await owner.post(`/api/staff/${practice.owner.id}/two-factor/reset`)).statusCode).toBe(400);

    const reset = await owner.post(`/api/staff/${clinician.id}/two-factor/reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    // Ends nothing else: the member's open session still works.
    expect((await member.get('/api/clients')).statusCode).toBe(200);
    expect((await member.get('/api/account/two-factor')).json()).toMatchObject({ enabled: false });
    // At the next sign-in there is no code to ask, and set-up comes first.
    const next = await signInAs(t.app, clinician.email);
    expect((await next.get('/api/session')).json()).toMatchObject({ twoFactor: { setupRequired: true } });
    expect((await next.get('/api/clients')).statusCode).toBe(403);
    expect(secret).toBeTruthy();
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('action', '=', 'staff.two_factor_reset')
      .execute();
    expect(audit).toEqual([
      {
        action: 'staff.two_factor_reset',
        actor_id: practice.owner.id,
        details: JSON.stringify({ staffId: clinician.id, hadTwoFactor: true }),
      },
    ]);
  });
});

/** The secret of the account's authenticator app, as the server reads it back from its sealed copy. */
async function ownerSecretOf(staffId: string): Promise<string | undefined> {
  const row = await t.deps.db
    .selectFrom('staff_two_factor')
    .select('secret')
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return row ? openSecret(t.deps.config.sessionSecret, row.secret) : undefined;
}

export type { Agent };
