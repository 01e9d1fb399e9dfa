import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '../../../shared/schemas/team.js';
import {
  createPractice,
  createStaff,
  factoryPassword,
  type FactoryPractice,
} from '../../../../test/factories/practices.js';
import { createInvitation, invitationTokenFor } from '../../../../test/factories/team.js';
import { Agent, sessionCookieFrom, signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { codeAt, enrolTwoFactor, pendingSignIn } from '../../../../test/helpers/two-factor.js';
import { hashToken } from '../../platform/tokens.js';

let t: TestApp;
let practice: FactoryPractice;
let owner: Agent;

beforeEach(async () => {
  t = await buildTestApp();
  practice = await createPractice(t.deps);
  owner = await signInAs(t.app, practice.owner.email);
});
afterEach(async () => {
  await t.close();
});

const newPassword = 'a long enough new password';

function accept(body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: body });
}

async function auditActions(practiceId: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('practice_id', '=', practiceId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.action);
}

async function invitationEmailStatuses(email: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('outbox')
    .select('status')
    .where('kind', '=', 'team_invitation')
    .where('to_address', '=', email)
    .execute();
  return rows.map((row) => row.status);
}

describe('Settings → Team', () => {
  it('lists members and pending invitations, for owners only', async () => {
    const biller = await createStaff(t.deps, practice.id, { roles: ['biller'] });
    await createInvitation(t.deps, practice.id, { email: 'new.person@example.test', roles: ['scheduler'] });
    const listed = await owner.get('/api/team');
    expect(listed.statusCode, listed.body).toBe(200);
    const team = listed.json<Team>();
    expect(team.members.map((m) => [m.email, m.roles, m.status, m.you])).toEqual(
      expect.arrayContaining([
        [practice.owner.email, ['owner', 'clinician'], 'active', true],
        [biller.email, ['biller'], 'active', false],
      ]),
    );
    expect(team.invitations).toMatchObject([
      { email: 'new.person@example.test', roles: ['scheduler'], status: 'invited', expired: false },
    ]);
    const asBiller = await signInAs(t.app, biller.email);
    expect((await asBiller.get('/api/team')).statusCode).toBe(403);
  });

  it('invites through the outbox with a random link of which only the hash is stored, for 7 days', async () => {
    const response = await owner.post('/api/team/invitations', {
      name: 'Ada Clinician',
      email: 'Ada@Example.test',
      roles: ['clinician', 'biller'],
      message: 'Welcome aboard.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const mail = await t.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'team_invitation')
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe('ada@example.test');
    expect(mail.text).toContain('Welcome aboard.');
    expect(mail.text).toContain('clinician and biller');
    const token = await invitationTokenFor(t.deps, 'ada@example.test');
    expect(token.length).toBeGreaterThanOrEqual(43);
    const row = await t.deps.db.selectFrom('staff_invitations').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(7 * 24 * 3600 * 1000);
    // A second invitation gets a different token.
    await createInvitation(t.deps, practice.id, { email: 'other@example.test' });
    expect(await invitationTokenFor(t.deps, 'other@example.test')).not.toBe(token);
    expect(await auditActions(practice.id)).toContain('team.member_invited');
  });

  it('refuses an email already on the team or already invited, naming the field', async () => {
    const member = await createStaff(t.deps, practice.id);
    const onTeam = await owner.post('/api/team/invitations', { name: 'X', email: member.email, roles: ['biller'] });
    expect(onTeam.statusCode).toBe(409);
    expect(onTeam.json()).toMatchObject({ error: { fields: [{ field: 'email', message: 'is already on the team' }] } });
    await createInvitation(t.deps, practice.id, { email: 'pending@example.test' });
    const again = await owner.post('/api/team/invitations', {
      name: 'X',
      email: 'pending@example.test',
      roles: ['biller'],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { fields: [{ field: 'email' }] } });
    const noRoles = await owner.post('/api/team/invitations', { name: 'X', email: 'y@example.test', roles: [] });
    expect(noRoles.statusCode).toBe(400);
    expect(noRoles.json()).toMatchObject({ error: { fields: [{ field: 'roles' }] } });
  });

  it('accepts once with a new password that follows the policy, and signs in', async () => {
    const invitation = await createInvitation(t.deps, practice.id, { roles: ['biller'] });
    const short = await accept({ token: invitation.token, password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ error: { fields: [{ field: 'password' }] } });
    const accepted = await accept({ token: invitation.token, password: newPassword });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ staff: { email: invitation.email, roles: ['biller'] } });
    const agent = new Agent(t.app, sessionCookieFrom(accepted), accepted.json<{ csrfToken: string }>().csrfToken);
    expect((await agent.get('/api/account')).statusCode).toBe(200);
    const again = await accept({ token: invitation.token, password: newPassword });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { code: 'token_invalid' } });
    await signInAs(t.app, invitation.email, newPassword);
    expect(await auditActions(practice.id)).toContain('team.invitation_accepted');
    const team = (await owner.get('/api/team')).json<Team>();
    expect(team.invitations).toEqual([]);
    expect(team.members.find((m) => m.email === invitation.email)).toMatchObject({
      status: 'active',
      roles: ['biller'],
    });
  });

  it('refuses an expired, revoked, replaced or unknown link', async () => {
    const expiring = await createInvitation(t.deps, practice.id);
    t.deps.clock.advanceMinutes(7 * 24 * 60 + 1);
    expect((await accept({ token: expiring.token, password: newPassword })).statusCode).toBe(400);
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/preview',
      payload: { token: expiring.token },
    });
    expect(preview.json()).toMatchObject({ error: { code: 'token_invalid' } });
    owner = await signInAs(t.app, practice.owner.email);
    expect((await owner.get('/api/team')).json<Team>().invitations[0]).toMatchObject({ expired: true });

    // Resent: a new link, a new seven days; the old link no longer works.
    t.deps.clock.advanceMinutes(1);
    const resent = await owner.post(`/api/team/invitations/${expiring.id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    const fresh = await invitationTokenFor(t.deps, expiring.email);
    expect((await invitationEmailStatuses(expiring.email)).sort()).toEqual(['queued', 'withdrawn']);
    expect(fresh).not.toBe(expiring.token);
    expect((await accept({ token: expiring.token, password: newPassword })).statusCode).toBe(400);

    const revoked = await createInvitation(t.deps, practice.id);
    expect((await owner.post(`/api/team/invitations/${revoked.id}/revoke`)).statusCode).toBe(200);
    // Its email, not yet handed to the mail server, is not sent: it would carry a dead link.
    expect(await invitationEmailStatuses(revoked.email)).toEqual(['withdrawn']);
    expect((await accept({ token: revoked.token, password: newPassword })).statusCode).toBe(400);
    expect((await owner.post(`/api/team/invitations/${revoked.id}/resend`)).statusCode).toBe(404);

    expect((await accept({ token: 'x'.repeat(43), password: newPassword })).statusCode).toBe(400);
    expect((await accept({ token: fresh, password: newPassword })).statusCode).toBe(200);
    expect(await auditActions(practice.id)).toEqual(
      expect.arrayContaining(['team.invitation_resent', 'team.invitation_revoked']),
    );
  });

  it('lets one of two accepts at once win', async () => {
    const invitation = await createInvitation(t.deps, practice.id);
    const results = await Promise.all([
      accept({ token: invitation.token, password: newPassword }),
      accept({ token: invitation.token, password: `${newPassword} 2` }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const accounts = await t.deps.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', invitation.email)
      .execute();
    expect(accounts).toHaveLength(1);
  });

  it("lets someone on another practice's team accept with their password and switch between practices", async () => {
    const other = await createPractice(t.deps);
    const invitation = await createInvitation(t.deps, practice.id, { email: other.owner.email, roles: ['clinician'] });
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/preview',
      payload: { token: invitation.token },
    });
    expect(preview.json()).toMatchObject({ hasAccount: true, practiceName: practice.name });
    const wrong = await accept({ token: invitation.token, password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { fields: [{ field: 'password' }] } });
    const accepted = await accept({ token: invitation.token, password: factoryPassword });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ practice: { id: practice.id }, staff: { roles: ['clinician'] } });
    const agent = new Agent(t.app, sessionCookieFrom(accepted), accepted.json<{ csrfToken: string }>().csrfToken);

    const mine = await agent.get('/api/session/practices');
    expect(mine.json<{ id: string; current: boolean }[]>().map((p) => [p.id, p.current])).toEqual(
      expect.arrayContaining([
        [practice.id, true],
        [other.id, false],
      ]),
    );
    const switched = await agent.post('/api/session/switch-practice', { practiceId: other.id });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json()).toMatchObject({ practice: { id: other.id }, staff: { roles: ['owner', 'clinician'] } });
    // The old session ended; the new one is in the other practice.
    expect((await agent.get('/api/account')).statusCode).toBe(401);
    const there = new Agent(t.app, sessionCookieFrom(switched), switched.json<{ csrfToken: string }>().csrfToken);
    expect((await there.get('/api/team')).json<Team>().members.map((m) => m.email)).toContain(other.owner.email);
    // A practice where the membership is not active (or there is none) is not found.
    const stranger = await createPractice(t.deps);
    expect((await there.post('/api/session/switch-practice', { practiceId: stranger.id })).statusCode).toBe(404);
    await owner.post(`/api/team/members/${other.owner.id}/deactivate`);
    expect((await there.post('/api/session/switch-practice', { practiceId: practice.id })).statusCode).toBe(404);
  });

  it('changes roles, and keeps the last active owner', async () => {
    const member = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const changed = await owner.put(`/api/team/members/${member.id}/roles`, { roles: ['scheduler', 'biller'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<Team>().members.find((m) => m.id === member.id)?.roles).toEqual(['biller', 'scheduler']);

    const demoteSelf = await owner.put(`/api/team/members/${practice.owner.id}/roles`, { roles: ['clinician'] });
    expect(demoteSelf.statusCode).toBe(409);
    expect(demoteSelf.json()).toMatchObject({ error: { code: 'conflict', reason: 'last_owner' } });
    const deactivateSelf = await owner.post(`/api/team/members/${practice.owner.id}/deactivate`);
    expect(deactivateSelf.statusCode).toBe(409);

    // With a second owner, one may step down.
    await owner.put(`/api/team/members/${member.id}/roles`, { roles: ['owner'] });
    const stepDown = await owner.put(`/api/team/members/${practice.owner.id}/roles`, { roles: ['clinician'] });
    expect(stepDown.statusCode, stepDown.body).toBe(200);
    expect(await auditActions(practice.id)).toContain('team.roles_changed');
  });

  it("deactivating ends the member's sessions at once and keeps their history; reactivating restores", async () => {
    const member = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const agent = await signInAs(t.app, member.email);
    expect((await agent.get('/api/account')).statusCode).toBe(200);
    const deactivated = await owner.post(`/api/team/members/${member.id}/deactivate`);
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(deactivated.json<Team>().members.find((m) => m.id === member.id)?.status).toBe('deactivated');
    expect((await agent.get('/api/account')).statusCode).toBe(401);
    const sessions = await t.deps.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('subject_id', '=', member.id)
      .execute();
    expect(sessions).toEqual([]);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: member.email, password: factoryPassword },
    });
    expect(signIn.statusCode).toBe(403);
    // The account and its membership stay (their clients, messages and history with them).
    expect(await t.deps.db.selectFrom('staff_users').select('id').where('id', '=', member.id).execute()).toHaveLength(
      1,
    );

    const reactivated = await owner.post(`/api/team/members/${member.id}/reactivate`);
    expect(reactivated.json<Team>().members.find((m) => m.id === member.id)?.status).toBe('active');
    await signInAs(t.app, member.email);
    expect(await auditActions(practice.id)).toEqual(
      expect.arrayContaining(['team.member_deactivated', 'team.member_reactivated']),
    );
  });

  it("answers 404 for another practice's members and invitations", async () => {
    const other = await createPractice(t.deps);
    const theirMember = await createStaff(t.deps, other.id, { roles: ['clinician'] });
    const theirInvitation = await createInvitation(t.deps, other.id);
    for (const [method, url, body] of [
      ['PUT', `/api/team/members/${theirMember.id}/roles`, { roles: ['owner'] }],
      ['POST', `/api/team/members/${theirMember.id}/deactivate`, {}],
      ['POST', `/api/team/members/${other.owner.id}/reactivate`, {}],
      ['POST', `/api/team/invitations/${theirInvitation.id}/resend`, {}],
      ['POST', `/api/team/invitations/${theirInvitation.id}/revoke`, {}],
    ] as const) {
      const response = await owner.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const theirs = await t.deps.db
      .selectFrom('staff_memberships')
      .selectAll()
      .where('practice_id', '=', other.id)
      .execute();
    expect(theirs.every((m) => m.status === 'active' && m.owner === (m.staff_id === other.owner.id ? 1 : 0))).toBe(
      true,
    );
    const invitation = await t.deps.db
      .selectFrom('staff_invitations')
      .selectAll()
      .where('id', '=', theirInvitation.id)
      .executeTakeFirstOrThrow();
    expect(invitation.revoked_at).toBeNull();
    expect((await owner.get('/api/team')).body).not.toContain(theirMember.email);
  });
});

/** A right code later than any used so far: the clock moves on a minute first. */
async function nextCode(secret: string): Promise<string> {
  t.deps.clock.advanceMinutes(1);
  return codeAt(secret, t.deps.clock.now());
}

function codeStep(token: string, code: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in/code', payload: { token, code } });
}

const agentFrom = (response: Awaited<ReturnType<typeof accept>>) =>
  new Agent(t.app, sessionCookieFrom(response), response.json<{ csrfToken: string }>().csrfToken);

/** The owner sets up their own two-factor, then requires it of everyone. */
async function requireTwoFactor(): Promise<void> {
  await enrolTwoFactor(owner, t.deps.clock);
  const required = await owner.put('/api/practice/security', { requireTwoFactor: true });
  expect(required.statusCode, required.body).toBe(200);
}

describe('two-factor on the team’s ways in', () => {
  it('asks an account with two-factor that accepts an invitation for its code before any session', async () => {
    const other = await createPractice(t.deps);
    const theirs = await signInAs(t.app, other.owner.email);
    const { secret } = await enrolTwoFactor(theirs, t.deps.clock);
    const invitation = await createInvitation(t.deps, practice.id, { email: other.owner.email, roles: ['clinician'] });

    const accepted = await accept({ token: invitation.token, password: factoryPassword });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const pending = accepted.json<{ codeRequired?: true; token?: string }>();
    expect(pending).toMatchObject({ codeRequired: true, token: expect.any(String) as string });
    expect(accepted.headers['set-cookie']).toBeUndefined();
    // The invitation is used and the membership stands; the session waits for the code.
    expect((await accept({ token: invitation.token, password: factoryPassword })).json()).toMatchObject({
      error: { code: 'token_invalid' },
    });
    const wrong = await codeStep(pending.token ?? '', '000000');
    expect(wrong.json()).toMatchObject({ error: { code: 'code_invalid' } });
    const signedIn = await codeStep(pending.token ?? '', await nextCode(secret));
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json()).toMatchObject({
      practice: { id: practice.id },
      staff: { roles: ['clinician'] },
      twoFactor: { enabled: true, setupRequired: false },
    });
    const agent = agentFrom(signedIn);
    expect((await agent.get('/api/clients')).statusCode).toBe(200);
  });

  it('lands someone who accepts into a practice that requires two-factor on set-up, and nothing else', async () => {
    await requireTwoFactor();
    const invitation = await createInvitation(t.deps, practice.id, { roles: ['clinician'] });
    const accepted = await accept({ token: invitation.token, password: newPassword });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ twoFactor: { enabled: false, setupRequired: true } });
    const agent = agentFrom(accepted);
    const refused = await agent.get('/api/clients');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'two_factor_required' } });
    expect((await agent.post('/api/session/switch-practice', { practiceId: practice.id })).statusCode).toBe(403);
    await enrolTwoFactor(agent, t.deps.clock);
    expect((await agent.get('/api/clients')).statusCode).toBe(200);
    expect((await agent.get('/api/session')).json()).toMatchObject({
      twoFactor: { enabled: true, setupRequired: false },
    });
  });

  it('switches practice without a second code, still limited to set-up where two-factor is required', async () => {
    const other = await createPractice(t.deps);
    const invitation = await createInvitation(t.deps, practice.id, { email: other.owner.email, roles: ['clinician'] });
    const accepted = await accept({ token: invitation.token, password: factoryPassword });
    const here = agentFrom(accepted);
    await requireTwoFactor();

    // The session opened at acceptance, before the requirement, keeps working until its next sign-in.
    expect((await here.get('/api/clients')).statusCode).toBe(200);
    const away = await here.post('/api/session/switch-practice', { practiceId: other.id });
    expect(away.json()).toMatchObject({ practice: { id: other.id }, twoFactor: { setupRequired: false } });

    // Without two-factor, into the practice that requires it: a session limited to set-up.
    const limited = await agentFrom(away).post('/api/session/switch-practice', { practiceId: practice.id });
    expect(limited.statusCode, limited.body).toBe(200);
    expect(limited.json()).toMatchObject({ practice: { id: practice.id }, twoFactor: { setupRequired: true } });
    const limitedAgent = agentFrom(limited);
    expect((await limitedAgent.get('/api/clients')).json()).toMatchObject({ error: { code: 'two_factor_required' } });
    expect((await limitedAgent.post('/api/session/switch-practice', { practiceId: other.id })).statusCode).toBe(403);

    // With two-factor: the code given at sign-in stands; a switch asks for none.
    const { secret } = await enrolTwoFactor(limitedAgent, t.deps.clock);
    const token = await pendingSignIn(t.app, other.owner.email);
    const signedIn = await codeStep(token, await nextCode(secret));
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json()).toMatchObject({ practice: { id: practice.id } });
    const back = await agentFrom(signedIn).post('/api/session/switch-practice', { practiceId: other.id });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({
      practice: { id: other.id },
      twoFactor: { enabled: true, setupRequired: false },
    });
    const again = await agentFrom(back).post('/api/session/switch-practice', { practiceId: practice.id });
    expect(again.json()).toMatchObject({ practice: { id: practice.id }, twoFactor: { setupRequired: false } });
    expect((await agentFrom(again).get('/api/clients')).statusCode).toBe(200);
  });

  it('ends a deactivated member’s sign-in that waits for its code', async () => {
    const member = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const { secret } = await enrolTwoFactor(await signInAs(t.app, member.email), t.deps.clock);
    const token = await pendingSignIn(t.app, member.email);
    const deactivated = await owner.post(`/api/team/members/${member.id}/deactivate`);
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    const pending = await t.deps.db
      .selectFrom('two_factor_challenges')
      .select('token_hash')
      .where('staff_id', '=', member.id)
      .execute();
    expect(pending).toEqual([]);
    const refused = await codeStep(token, await nextCode(secret));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'token_invalid' } });
    const sessions = await t.deps.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('subject_id', '=', member.id)
      .execute();
    expect(sessions).toEqual([]);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'team.member_deactivated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audited.details ?? '{}')).toMatchObject({ pendingSignInsEnded: 1 });
  });

  it('shows whether each member has two-factor on', async () => {
    const member = await createStaff(t.deps, practice.id, { roles: ['biller'] });
    await enrolTwoFactor(owner, t.deps.clock);
    const team = (await owner.get('/api/team')).json<Team>();
    expect(team.members.map((m) => [m.id, m.twoFactor])).toEqual(
      expect.arrayContaining([
        [practice.owner.id, true],
        [member.id, false],
      ]),
    );
  });
});

/**
 * Holds the answer of every count of a practice's active owners for a moment, so two team changes
 * started together both count before either writes: without the team lock, both would see two
 * owners and both demote, leaving none.
 */
class SlowOwnerCount implements KyselyPlugin {
  private readonly counts = new WeakSet<QueryId>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    const text = JSON.stringify(node);
    if (node.kind === 'SelectQueryNode' && text.includes('staff_memberships') && text.includes('"count"')) {
      this.counts.add(queryId);
    }
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs) {
    if (this.counts.has(queryId)) await new Promise((resolve) => setTimeout(resolve, 300));
    return result;
  }
}

describe('the last active owner, under concurrent changes', () => {
  let slow: TestApp;
  let home: FactoryPractice;
  beforeEach(async () => {
    slow = await buildTestApp({}, { plugins: [new SlowOwnerCount()] });
    home = await createPractice(slow.deps);
  });
  afterEach(async () => {
    await slow.close();
  });

  async function activeOwners(): Promise<number> {
    const owners = await slow.deps.db
      .selectFrom('staff_memberships')
      .select('staff_id')
      .where('practice_id', '=', home.id)
      .where('owner', '=', 1)
      .where('status', '=', 'active')
      .execute();
    return owners.length;
  }

  it('leaves one owner when two owners demote each other at once', async () => {
    const second = await createStaff(slow.deps, home.id, { roles: ['owner'] });
    const [first, other] = [await signInAs(slow.app, home.owner.email), await signInAs(slow.app, second.email)];
    const results = await Promise.all([
      first.put(`/api/team/members/${second.id}/roles`, { roles: ['clinician'] }),
      other.put(`/api/team/members/${home.owner.id}/roles`, { roles: ['clinician'] }),
    ]);
    expect(await activeOwners()).toBe(1);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json()).toMatchObject({ error: { reason: 'last_owner' } });
  });

  it('leaves one owner when two owners deactivate each other at once', async () => {
    const second = await createStaff(slow.deps, home.id, { roles: ['owner'] });
    const [first, other] = [await signInAs(slow.app, home.owner.email), await signInAs(slow.app, second.email)];
    const results = await Promise.all([
      first.post(`/api/team/members/${second.id}/deactivate`),
      other.post(`/api/team/members/${home.owner.id}/deactivate`),
    ]);
    expect(await activeOwners()).toBe(1);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});
