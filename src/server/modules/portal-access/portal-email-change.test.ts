import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../shared/schemas/clients.js';
import type { PortalAccessView } from '../../../shared/schemas/portal-access.js';
import { invite, latestPortalEmail, portalWorld, redeemLink } from '../../../../test/helpers/portal.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { createStaff } from '../../../../test/factories/practices.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const newAddress = 'moved@example.test';

/**
 * A client signed in to the portal (a live session), who then asked for a sign-in link that is
 * still unused, and whose clinician generated a sign-in code: everything that works on the old address.
 */
async function signedInClient() {
  const world = await portalWorld(t.app, t.deps);
  const { practice, staff, client, email } = world;
  await invite(t.deps, staff, client.id, email.id);
  const { agent } = await redeemLink(t.app, practice, (await latestPortalEmail(t.deps, email.address)).token);
  if (!agent) throw new Error('the invitation did not sign in');
  expect((await agent.get(`/api/portal/${practice.slug}/me`)).statusCode).toBe(200);
  await requestLink(practice.slug, email.address);
  const pending = await latestPortalEmail(t.deps, email.address);
  const staffCode = (await staff.post(`/api/clients/${client.id}/portal/sign-in-code`)).json<{ code: string }>().code;
  return { ...world, session: agent, pending, staffCode };
}

function requestLink(slug: string, email: string) {
  t.deps.clock.advanceMinutes(1 / 60);
  return t.app.inject({ method: 'POST', url: `/api/portal/${slug}/sign-in/request`, payload: { email } });
}

function useCode(slug: string, email: string, code: string) {
  return t.app.inject({ method: 'POST', url: `/api/portal/${slug}/sign-in/code`, payload: { email, code } });
}

async function mailTo(address: string) {
  return t.deps.db.selectFrom('outbox').select(['kind', 'text']).where('to_address', '=', address).execute();
}

async function portalAudit(clientId: string) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'details', 'actor_type'])
    .where('client_id', '=', clientId)
    .where('action', 'like', 'portal.%')
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    ...row,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
  }));
}

function body(client: Client, emails: unknown[], extra: Record<string, unknown> = {}) {
  return { firstName: client.firstName, lastName: client.lastName, emails, ...extra };
}

type World = Awaited<ReturnType<typeof signedInClient>>;

/** Nothing sent to or issued for the old address works any more, and asking again sends nothing. */
async function expectOldAddressDead(world: World) {
  const { practice, client, email, session, pending, staffCode } = world;
  expect((await session.get(`/api/portal/${practice.slug}/me`)).statusCode).toBe(401);
  expect(
    await t.deps.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('kind', '=', 'client')
      .where('subject_id', '=', client.id)
      .execute(),
  ).toEqual([]);

  const link = await redeemLink(t.app, practice, pending.token);
  expect(link.response.statusCode).toBe(400);
  expect(link.response.json()).toMatchObject({ error: { code: 'link_problem', reason: 'unavailable' } });
  for (const code of [pending.code, staffCode]) {
    expect((await useCode(practice.slug, email.address, code)).json()).toMatchObject({
      error: { code: 'code_invalid' },
    });
  }

  const sentBefore = (await mailTo(email.address)).length;
  expect((await requestLink(practice.slug, email.address)).statusCode).toBe(200);
  expect(await mailTo(email.address)).toHaveLength(sentBefore);
}

describe('Client Portal access follows its email when the client is edited', () => {
  it('an in-place address change of the portal email disables access: old session, links and codes end at once', async () => {
    const world = await signedInClient();
    const { staff, client, email } = world;
    const updated = await staff.put(
      `/api/clients/${client.id}`,
      body(client, [{ id: email.id, address: newAddress, type: 'home', emailOk: true, isPrimary: true }]),
    );
    expect(updated.statusCode).toBe(200);

    await expectOldAddressDead(world);
    const view = (await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>();
    expect(view.state).toBe('disabled');
    // Disabled, not moved: nothing goes to the new address until staff send an invitation.
    expect(await mailTo(newAddress)).toEqual([]);
    expect((await requestLink(world.practice.slug, newAddress)).statusCode).toBe(200);
    expect(await mailTo(newAddress)).toEqual([]);
    expect(await portalAudit(client.id)).toContainEqual(
      expect.objectContaining({ action: 'portal.disabled', actor_type: 'staff', details: { reason: 'email_changed' } }),
    );
  });

  it('removing the portal email disables access the same way', async () => {
    const world = await signedInClient();
    const { staff, client } = world;
    const updated = await staff.put(
      `/api/clients/${client.id}`,
      body(client, [{ address: newAddress, type: 'work', emailOk: true, isPrimary: true }]),
    );
    expect(updated.statusCode).toBe(200);

    await expectOldAddressDead(world);
    expect((await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>().state).toBe('disabled');
    expect(await mailTo(newAddress)).toEqual([]);
    expect(await portalAudit(client.id)).toContainEqual(
      expect.objectContaining({ action: 'portal.disabled', details: { reason: 'email_removed' } }),
    );
  });

  it('removing every email disables access too', async () => {
    const world = await signedInClient();
    expect((await world.staff.put(`/api/clients/${world.client.id}`, body(world.client, []))).statusCode).toBe(200);
    await expectOldAddressDead(world);
  });

  it('with resendPortalInvitation: the new address is invited in the same step and the old one is dead', async () => {
    const world = await signedInClient();
    const { practice, staff, client, email } = world;
    const updated = await staff.put(
      `/api/clients/${client.id}`,
      body(client, [{ id: email.id, address: newAddress, type: 'home', emailOk: true, isPrimary: true }], {
        resendPortalInvitation: { to: newAddress, message: 'Your portal now uses your new address.' },
      }),
    );
    expect(updated.statusCode).toBe(200);

    await expectOldAddressDead(world);
    const view = (await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>();
    expect(view).toMatchObject({ state: 'invited', email: { id: email.id, address: newAddress } });
    const invitation = await latestPortalEmail(t.deps, newAddress);
    expect(invitation.row.kind).toBe('portal_invitation');
    expect(invitation.row.text).toContain('Your portal now uses your new address.');
    const signIn = await redeemLink(t.app, practice, invitation.token);
    expect(signIn.response.statusCode).toBe(200);
    expect((await signIn.agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(200);

    // The test clock stands still, so the rows are told apart by what they say, not by their order.
    expect(await portalAudit(client.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'portal.disabled',
          actor_type: 'staff',
          details: { reason: 'email_changed' },
        }),
        expect.objectContaining({
          action: 'portal.invited',
          actor_type: 'staff',
          details: { resend: false, emailChanged: true, restored: true },
        }),
      ]),
    );
  });

  it('with resendPortalInvitation after removing the portal email: the invitation goes to the address named', async () => {
    const world = await signedInClient();
    const { staff, client } = world;
    const updated = await staff.put(
      `/api/clients/${client.id}`,
      body(
        client,
        [
          { address: 'other@example.test', type: 'home', emailOk: true, isPrimary: true },
          { address: newAddress, type: 'work', emailOk: true, isPrimary: false },
        ],
        { resendPortalInvitation: { to: newAddress, message: 'Welcome back.' } },
      ),
    );
    expect(updated.statusCode).toBe(200);
    await expectOldAddressDead(world);
    expect((await latestPortalEmail(t.deps, newAddress)).row.text).toContain('Welcome back.');
    expect(await mailTo('other@example.test')).toEqual([]);
    const newId = updated.json<Client>().emails.find((e) => e.address === newAddress)?.id;
    const view = (await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>();
    expect(view).toMatchObject({ state: 'invited', email: { id: newId, address: newAddress } });
    expect(await portalAudit(client.id)).toContainEqual(
      expect.objectContaining({ action: 'portal.disabled', details: { reason: 'email_removed' } }),
    );
  });

  it('keeps access when the portal address stays among the client’s emails', async () => {
    const world = await signedInClient();
    const { practice, staff, client, email, session } = world;
    // Another primary email, the portal email kept under a new type; then the same address re-entered as a new row.
    for (const emails of [
      [
        { address: newAddress, type: 'home', emailOk: true, isPrimary: true },
        { id: email.id, address: email.address, type: 'work', emailOk: true, isPrimary: false },
      ],
      [{ address: email.address, type: 'home', emailOk: true, isPrimary: true }],
    ]) {
      expect((await staff.put(`/api/clients/${client.id}`, body(client, emails))).statusCode).toBe(200);
    }
    expect((await session.get(`/api/portal/${practice.slug}/me`)).statusCode).toBe(200);
    expect((await redeemLink(t.app, practice, world.pending.token)).response.statusCode).toBe(200);
    expect((await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>().state).toBe('active');
    expect((await portalAudit(client.id)).map((row) => row.action)).not.toContain('portal.disabled');
  });
});

describe('resendPortalInvitation is checked', () => {
  /** The refused update left the emails, the access, its session (unless told) and its links as they were. */
  async function expectNothingChanged(world: World, { sessionKept = true } = {}) {
    const { practice, staff, client, session } = world;
    expect((await staff.get(`/api/clients/${client.id}`)).json<Client>().emails).toEqual(client.emails);
    expect((await staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>().state).toBe('active');
    expect(await mailTo(newAddress)).toEqual([]);
    expect((await portalAudit(client.id)).map((row) => row.action)).not.toContain('portal.disabled');
    if (sessionKept) expect((await session.get(`/api/portal/${practice.slug}/me`)).statusCode).toBe(200);
    expect((await redeemLink(t.app, practice, world.pending.token)).response.statusCode).toBe(200);
  }

  it('names the field when the address is not one of the emails with Email OK on', async () => {
    const world = await signedInClient();
    const { staff, client, email } = world;
    for (const [emails, to] of [
      [[{ id: email.id, address: newAddress, type: 'home', emailOk: true, isPrimary: true }], 'stranger@example.test'],
      [[{ id: email.id, address: newAddress, type: 'home', emailOk: false, isPrimary: true }], newAddress],
    ] as const) {
      const response = await staff.put(
        `/api/clients/${client.id}`,
        body(client, [...emails], { resendPortalInvitation: { to, message: 'Hi.' } }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'validation_failed', fields: [{ field: 'resendPortalInvitation.to' }] },
      });
    }
    await expectNothingChanged(world);
  });

  it('refuses it when the change leaves the portal email where it is, changing nothing', async () => {
    const world = await signedInClient();
    const { staff, client, email } = world;
    const response = await staff.put(
      `/api/clients/${client.id}`,
      body(
        client,
        [
          { id: email.id, address: email.address, type: 'home', emailOk: true, isPrimary: false },
          { address: newAddress, type: 'home', emailOk: true, isPrimary: true },
        ],
        { resendPortalInvitation: { to: newAddress, message: 'Hi.' } },
      ),
    );
    expect(response.statusCode).toBe(409);
    await expectNothingChanged(world);
  });

  it('saves nothing when the invitation cannot be sent: the update and the disabling are one transaction', async () => {
    const world = await signedInClient();
    const { staff, client, email } = world;
    const settings = (await staff.get('/api/settings/portal')).json<{ defaults: object; welcomeMessage: string }>();
    await staff.put('/api/settings/portal', {
      enabled: false,
      defaults: settings.defaults,
      welcomeMessage: settings.welcomeMessage,
    });
    const response = await staff.put(
      `/api/clients/${client.id}`,
      body(client, [{ id: email.id, address: newAddress, type: 'home', emailOk: true, isPrimary: true }], {
        resendPortalInvitation: { to: newAddress, message: 'Hi.' },
      }),
    );
    expect(response.json()).toMatchObject({ error: { code: 'portal_off' } });
    await staff.put('/api/settings/portal', {
      enabled: true,
      defaults: settings.defaults,
      welcomeMessage: settings.welcomeMessage,
    });
    // Turning the portal off ended the session by itself; the link sent before still works.
    await expectNothingChanged(world, { sessionKept: false });
  });
});

describe('who may change the Client Portal email', () => {
  const members = [
    { who: 'a biller', roles: ['biller'] },
    { who: 'a scheduler', roles: ['scheduler'] },
    { who: 'a biller who is another client’s clinician', roles: ['biller', 'clinician'] },
  ] as const;
  for (const { who, roles } of members) {
    it(`${who} (no Client Portal rights for this client) cannot change or remove it: refused naming the field, access untouched`, async () => {
      const world = await signedInClient();
      const { practice, client, email, session } = world;
      const member = await createStaff(t.deps, practice.id, { roles });
      const agent = await signInAs(t.app, member.email);
      const portalEmail = { id: email.id, address: email.address, type: 'home', emailOk: true, isPrimary: true };

      const changed = await agent.put(
        `/api/clients/${client.id}`,
        body(client, [{ ...portalEmail, address: newAddress }]),
      );
      expect(changed.statusCode).toBe(400);
      expect(changed.json()).toMatchObject({
        error: { code: 'validation_failed', fields: [{ field: 'emails.0.address' }] },
      });
      const removed = await agent.put(
        `/api/clients/${client.id}`,
        body(client, [{ address: newAddress, type: 'work', emailOk: true, isPrimary: true }]),
      );
      expect(removed.statusCode).toBe(400);
      expect(removed.json()).toMatchObject({ error: { code: 'validation_failed', fields: [{ field: 'emails' }] } });

      // Nothing was saved and the client's access works as before.
      const saved = (await world.staff.get(`/api/clients/${client.id}`)).json<Client>();
      expect(saved.emails.map((e) => e.address)).toEqual([email.address]);
      expect((await world.staff.get(`/api/clients/${client.id}/portal`)).json<PortalAccessView>().state).toBe('active');
      expect((await session.get(`/api/portal/${practice.slug}/me`)).statusCode).toBe(200);
      expect((await portalAudit(client.id)).map((row) => row.action)).not.toContain('portal.disabled');

      // The rest of the contact details are theirs to edit, the portal email kept as it is.
      const added = await agent.put(
        `/api/clients/${client.id}`,
        body(client, [portalEmail, { address: newAddress, type: 'work', emailOk: false, isPrimary: false }], {
          phone: '(617) 555-0199',
        }),
      );
      expect(added.statusCode).toBe(200);
      expect((await session.get(`/api/portal/${practice.slug}/me`)).statusCode).toBe(200);
    });
  }

  it("the client's clinician may: the change disables access as it does for an owner", async () => {
    const world = await signedInClient();
    const { practice, client, email } = world;
    const clinician = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const assigned = await world.staff.put(`/api/clients/${client.id}/clinicians`, {
      primaryId: clinician.id,
      otherIds: [],
    });
    expect(assigned.statusCode).toBe(200);
    const agent = await signInAs(t.app, clinician.email);
    const updated = await agent.put(
      `/api/clients/${client.id}`,
      body(client, [{ id: email.id, address: newAddress, type: 'home', emailOk: true, isPrimary: true }]),
    );
    expect(updated.statusCode).toBe(200);
    await expectOldAddressDead(world);
  });
});
