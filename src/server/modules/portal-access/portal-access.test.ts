import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortalAccessView } from '../../../shared/schemas/portal-access.js';
import { invite, latestPortalEmail, portalWorld, redeemLink } from '../../../../test/helpers/portal.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('Client Portal tab', () => {
  it('starts not invited with the practice defaults and lists consenting emails only', async () => {
    const { staff, client } = await portalWorld(t.app, t.deps);
    const view = (await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>();
    expect(view).toMatchObject({
      state: 'not_invited',
      practicePortalEnabled: true,
      permissions: { appointments: true, messaging: true, billing: true, pay: false },
      payEffective: false,
      email: null,
    });
    expect(view.payUnavailableReason).toContain('Online payments');
    expect(view.eligibleEmails).toHaveLength(1);
  });

  it('reading the tab is an access to the client’s records: audited, and not shown among the portal events', async () => {
    const { practice, staff, client } = await portalWorld(t.app, t.deps);
    const views = () =>
      t.deps.db
        .selectFrom('audit_log')
        .select(['actor_type', 'actor_id', 'client_id', 'practice_id', 'kind'])
        .where('action', '=', 'portal.access_viewed')
        .execute();
    expect((await staff.get(`/api/clients/${client.id}/portal`)).statusCode).toBe(200);
    expect(await views()).toEqual([
      {
        actor_type: 'staff',
        actor_id: practice.owner.id,
        client_id: client.id,
        practice_id: practice.id,
        kind: 'portal_access',
      },
    ]);
    const again = (await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>();
    expect(await views()).toHaveLength(2);
    // The tab lists what happened to the access, not who looked at it.
    expect(again.events.map((e) => e.action)).not.toContain('portal.access_viewed');
    // A client the caller does not reach is not found, and nothing is written.
    const other = await createPractice(t.deps);
    const foreign = await createClient(t.deps, other.id);
    expect((await staff.get(`/api/clients/${foreign.id}/portal`)).statusCode).toBe(404);
    expect(await views()).toHaveLength(2);
  });

  it('invites, shows delivery from the outbox, and audits', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    const response = await invite(t.deps, staff, client.id, email.id, 'Hello from <b>us</b>');
    expect(response.statusCode).toBe(200);
    const view = response.json<PortalAccessView>();
    expect(view.state).toBe('invited');
    expect(view.email?.address).toBe(email.address);
    expect(view.invitations).toEqual([
      expect.objectContaining({ kind: 'invitation', sentTo: email.address, delivery: 'queued' }),
    ]);
    expect(view.events.map((e) => e.action)).toContain('portal.invited');
    const { row } = await latestPortalEmail(t.deps, email.address);
    expect(row.kind).toBe('portal_invitation');
    expect(row.html).toContain('Hello from &lt;b&gt;us&lt;/b&gt;');
  });

  it('refuses an email without consent, naming the field', async () => {
    const { staff, client } = await portalWorld(t.app, t.deps);
    const updated = await staff.put(`/api/clients/${client.id}`, {
      firstName: client.firstName,
      lastName: client.lastName,
      emails: [{ ...client.emails[0], emailOk: false }],
    });
    expect(updated.statusCode).toBe(200);
    const response = await invite(t.deps, staff, client.id, client.emails[0]?.id ?? '');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { fields: [{ field: 'emailId' }] } });
    expect(await t.deps.db.selectFrom('outbox').select('id').where('kind', '=', 'portal_invitation').execute()).toEqual(
      [],
    );
  });

  it('moves access to another email and kills links sent to the old one', async () => {
    const { practice, staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    const old = await latestPortalEmail(t.deps, email.address);
    const updated = await staff.put(`/api/clients/${client.id}`, {
      firstName: client.firstName,
      lastName: client.lastName,
      emails: [
        { id: email.id, address: email.address, type: 'home', emailOk: true, isPrimary: true },
        { address: 'second@example.test', type: 'work', emailOk: true, isPrimary: false },
      ],
    });
    const second = updated
      .json<{ emails: { id: string; address: string }[] }>()
      .emails.find((e) => e.address === 'second@example.test');
    await invite(t.deps, staff, client.id, second?.id ?? '');
    const { response } = await redeemLink(t.app, practice, old.token);
    expect(response.json()).toMatchObject({ error: { code: 'link_problem', reason: 'unavailable' } });
    const fresh = await latestPortalEmail(t.deps, 'second@example.test');
    expect((await redeemLink(t.app, practice, fresh.token)).response.statusCode).toBe(200);
  });

  it('saves permissions, and pay stays ineffective without payments', async () => {
    const { staff, client } = await portalWorld(t.app, t.deps);
    const response = await staff.put(`/api/clients/${client.id}/portal/permissions`, {
      appointments: false,
      messaging: true,
      billing: false,
      pay: true,
    });
    const view = response.json<PortalAccessView>();
    expect(view.permissions).toEqual({ appointments: false, messaging: true, billing: false, pay: true });
    expect(view.payEffective).toBe(false);
  });

  it('disables access: sessions end at once and links die; Send email restores it', async () => {
    const { practice, staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    const first = await latestPortalEmail(t.deps, email.address);
    await invite(t.deps, staff, client.id, email.id);
    const second = await latestPortalEmail(t.deps, email.address);
    const { agent } = await redeemLink(t.app, practice, first.token);
    expect((await agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(200);

    const disabled = await staff.post(`/api/clients/${client.id}/portal/disable`);
    expect(disabled.json<PortalAccessView>().state).toBe('disabled');
    expect((await agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(401);
    expect((await redeemLink(t.app, practice, second.token)).response.statusCode).toBe(400);

    await invite(t.deps, staff, client.id, email.id);
    const restored = await latestPortalEmail(t.deps, email.address);
    expect((await redeemLink(t.app, practice, restored.token)).response.statusCode).toBe(200);
    const view = (await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>();
    expect(view.state).toBe('active');
    expect(view.lastSignedInAt).not.toBeNull();
  });

  it('emails a sign-in link and generates a code only once access is active', async () => {
    const { practice, staff, client, email } = await portalWorld(t.app, t.deps);
    expect((await staff.post(`/api/clients/${client.id}/portal/sign-in-code`)).statusCode).toBe(409);
    await invite(t.deps, staff, client.id, email.id);
    await redeemLink(t.app, practice, (await latestPortalEmail(t.deps, email.address)).token);

    t.deps.clock.advanceMinutes(1 / 60); // newest first needs a later time under the standing test clock
    const link = await staff.post(`/api/clients/${client.id}/portal/sign-in-link`);
    expect(link.json<PortalAccessView>().invitations[0]).toMatchObject({ kind: 'link' });
    const codeResponse = await staff.post(`/api/clients/${client.id}/portal/sign-in-code`);
    const { code } = codeResponse.json<{ code: string }>();
    expect(code).toMatch(/^\d{6}$/);
    const signIn = await t.app.inject({
      method: 'POST',
      url: `/api/portal/${practice.slug}/sign-in/code`,
      payload: { email: email.address, code },
    });
    expect(signIn.statusCode).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('client_id', '=', client.id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['portal.sign_in_link_sent', 'portal.sign_in_code_generated', 'portal.signed_in']),
    );
  });

  it('Yes, Disable and Resend: old access ends, the new address is invited', async () => {
    const { practice, staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    const old = await latestPortalEmail(t.deps, email.address);
    const { agent } = await redeemLink(t.app, practice, old.token);
    const updated = await staff.put(`/api/clients/${client.id}`, {
      firstName: client.firstName,
      lastName: client.lastName,
      emails: [{ address: 'new-primary@example.test', type: 'home', emailOk: true, isPrimary: true }],
    });
    const newEmail = updated.json<{ emails: { id: string }[] }>().emails[0];
    const response = await staff.post(`/api/clients/${client.id}/portal/disable-and-resend`, {
      emailId: newEmail?.id,
      message: 'Your new address is set up.',
    });
    expect(response.json<PortalAccessView>()).toMatchObject({
      state: 'invited',
      email: { address: 'new-primary@example.test' },
    });
    expect((await agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(401);
  });
});

describe('invite on create', () => {
  const body = {
    firstName: 'Noor',
    lastName: 'Haddad',
    emails: [
      { address: 'noor.work@example.test', type: 'work', emailOk: false, isPrimary: true },
      { address: 'noor@example.test', type: 'home', emailOk: true, isPrimary: false },
    ],
    portalInvitation: { message: 'Welcome, Noor.' },
  };

  it('creates the client and sends the welcome email to a consenting email in one step', async () => {
    const { staff } = await portalWorld(t.app, t.deps);
    const created = await staff.post('/api/clients', body);
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const view = (await staff.get(`/api/clients/${id}/portal`)).json<PortalAccessView>();
    expect(view).toMatchObject({ state: 'invited', email: { address: 'noor@example.test' } });
    const { row } = await latestPortalEmail(t.deps, 'noor@example.test');
    expect(row.text).toContain('Welcome, Noor.');
  });

  it('creates nothing when the invitation cannot be sent', async () => {
    const { staff } = await portalWorld(t.app, t.deps);
    const settings = (await staff.get('/api/settings/portal')).json<{ defaults: object; welcomeMessage: string }>();
    await staff.put('/api/settings/portal', {
      enabled: false,
      defaults: settings.defaults,
      welcomeMessage: settings.welcomeMessage,
    });
    const created = await staff.post('/api/clients', body);
    expect(created.statusCode).toBe(409);
    const list = await staff.get('/api/clients?q=noor');
    expect(list.json()).toMatchObject({ total: 0 });
    const noConsent = await staff.post('/api/clients', { ...body, emails: [{ ...body.emails[0] }] });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json()).toMatchObject({ error: { fields: [{ field: 'portalInvitation' }] } });
  });
});

describe('practice-wide switch', () => {
  it('off: no sign-in, no portal emails, sessions end; on: previous access returns', async () => {
    const { practice, staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    const { agent } = await redeemLink(t.app, practice, (await latestPortalEmail(t.deps, email.address)).token);
    const settings = (await staff.get('/api/settings/portal')).json<{ defaults: object; welcomeMessage: string }>();
    const off = await staff.put('/api/settings/portal', {
      enabled: false,
      defaults: settings.defaults,
      welcomeMessage: settings.welcomeMessage,
    });
    expect(off.body).toContain('"enabled":false');
    expect((await agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(401);

    const before = await t.deps.db.selectFrom('outbox').select('id').execute();
    await t.app.inject({
      method: 'POST',
      url: `/api/portal/${practice.slug}/sign-in/request`,
      payload: { email: email.address },
    });
    expect(await t.deps.db.selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
    expect((await invite(t.deps, staff, client.id, email.id)).statusCode).toBe(409);
    const info = await t.app.inject({ method: 'GET', url: `/api/portal/${practice.slug}` });
    expect(info.json()).toMatchObject({ enabled: false });

    await staff.put('/api/settings/portal', {
      enabled: true,
      defaults: settings.defaults,
      welcomeMessage: settings.welcomeMessage,
    });
    const view = (await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>();
    expect(view.state).toBe('active');
    t.deps.clock.advanceMinutes(1);
    await t.app.inject({
      method: 'POST',
      url: `/api/portal/${practice.slug}/sign-in/request`,
      payload: { email: email.address },
    });
    const link = await latestPortalEmail(t.deps, email.address);
    expect((await redeemLink(t.app, practice, link.token)).response.statusCode).toBe(200);
  });

  it('only the owner changes settings', async () => {
    const { staff } = await portalWorld(t.app, t.deps);
    const settings = (await staff.get('/api/settings/portal')).json<{ defaults: object; welcomeMessage: string }>();
    const { createStaff } = await import('../../../../test/factories/practices.js');
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: staff.cookie } });
    const practiceId = session.json<{ practice: { id: string } }>().practice.id;
    const clinician = await createStaff(t.deps, practiceId);
    const { signInAs } = await import('../../../../test/helpers/agent.js');
    const agent = await signInAs(t.app, clinician.email);
    const response = await agent.put('/api/settings/portal', {
      enabled: false,
      defaults: settings.defaults,
      welcomeMessage: settings.welcomeMessage,
    });
    expect(response.statusCode).toBe(403);
  });
});
