import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessagePage } from '../../src/shared/schemas/messages.js';
import type { PortalAccessView } from '../../src/shared/schemas/portal-access.js';
import { sessionCookieName, type NewSession } from '../../src/server/platform/sessions.js';
import { Agent, signInAs } from '../helpers/agent.js';
import { sampleFiles } from '../helpers/messages.js';
import { redeemLink } from '../helpers/portal.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { createClient } from './clients.js';
import { createConversation, createMessage } from './messages.js';
import { createPortalAccess, createPortalToken } from './portal.js';
import { createPractice, createStaff } from './practices.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/** A practice, its signed-in owner and one client with a consenting email. */
async function world() {
  const practice = await createPractice(t.deps);
  const staff = await signInAs(t.app, practice.owner.email);
  const client = await createClient(t.deps, practice.id);
  return { practice, staff, client };
}

async function portalTab(staff: Agent, clientId: string): Promise<PortalAccessView> {
  const response = await staff.get(`/api/clients/${clientId}/portal`);
  expect(response.statusCode).toBe(200);
  return response.json<PortalAccessView>();
}

/** The browser that holds the session a factory's sign-in opened. */
function clientAgent(session: NewSession): Agent {
  const cookie = `${sessionCookieName(t.deps.config, 'client')}=${t.app.signCookie(session.token)}`;
  return new Agent(t.app, cookie, session.csrfToken);
}

describe('createPortalAccess', () => {
  it('invites the client through the service, as the owner', async () => {
    const { practice, staff, client } = await world();
    const access = await createPortalAccess(t.deps, practice.id, client.id, { state: 'invited' });
    expect(access).toMatchObject({ state: 'invited', emailId: client.emails[0]?.id, session: null });
    const view = await portalTab(staff, client.id);
    expect(view).toMatchObject({ state: 'invited', email: { id: access.emailId, address: access.emailAddress } });
    expect(view.invitations).toEqual([expect.objectContaining({ kind: 'invitation', sentTo: access.emailAddress })]);
    expect(view.events).toEqual([
      expect.objectContaining({ action: 'portal.invited', actorName: practice.owner.name }),
    ]);
  });

  it('makes active access by signing in with a link, and hands back the session it opened', async () => {
    const { practice, staff, client } = await world();
    const access = await createPortalAccess(t.deps, practice.id, client.id, { state: 'active' });
    const view = await portalTab(staff, client.id);
    expect(view).toMatchObject({ state: 'active', firstSignedInAt: expect.any(String) as unknown });
    expect(view.events.map((e) => e.action)).toEqual(expect.arrayContaining(['portal.invited', 'portal.signed_in']));
    if (!access.session) throw new Error('active access without a session');
    expect((await clientAgent(access.session).get(`/api/portal/${practice.slug}/me`)).statusCode).toBe(200);
  });

  it('disables invited access through the service', async () => {
    const { practice, staff, client } = await world();
    await createPortalAccess(t.deps, practice.id, client.id, { state: 'disabled' });
    expect(await portalTab(staff, client.id)).toMatchObject({
      state: 'disabled',
      disabledAt: expect.any(String) as unknown,
    });
  });

  it('invites the email asked for, with the permissions asked for', async () => {
    const { practice, staff } = await world();
    const client = await createClient(t.deps, practice.id, {
      emails: [
        { address: 'home@example.test', type: 'home', emailOk: true, isPrimary: true },
        { address: 'work@example.test', type: 'work', emailOk: true, isPrimary: false },
      ],
    });
    const work = client.emails.find((e) => e.address === 'work@example.test');
    await createPortalAccess(t.deps, practice.id, client.id, {
      state: 'invited',
      emailId: work?.id,
      permissions: { messaging: false, billing: false },
    });
    expect(await portalTab(staff, client.id)).toMatchObject({
      email: { address: 'work@example.test' },
      permissions: { appointments: true, messaging: false, billing: false, pay: false },
    });
  });
});

describe('createPortalToken', () => {
  it('issues links and invitations that sign in, and ones that are expired or used', async () => {
    const { practice, client } = await world();
    await createPortalAccess(t.deps, practice.id, client.id, { state: 'invited' });
    const problem = async (token: string | null) =>
      (await redeemLink(t.app, practice, token ?? '')).response.json<{ error: { reason?: string } }>().error.reason;
    const expired = await createPortalToken(t.deps, practice.id, client.id, { kind: 'link', expired: true });
    expect(await problem(expired.token)).toBe('expired');
    const used = await createPortalToken(t.deps, practice.id, client.id, { kind: 'invitation', used: true });
    expect(await problem(used.token)).toBe('used');
    const invitation = await createPortalToken(t.deps, practice.id, client.id, { kind: 'invitation' });
    expect(invitation.token).toEqual(expect.any(String));
    expect((await redeemLink(t.app, practice, invitation.token ?? '')).response.statusCode).toBe(200);
    const link = await createPortalToken(t.deps, practice.id, client.id, { kind: 'link' });
    const { response, agent } = await redeemLink(t.app, practice, link.token ?? '');
    expect(response.statusCode).toBe(200);
    expect((await agent?.get(`/api/portal/${practice.slug}/me`))?.statusCode).toBe(200);
  });

  it('issues a staff code that signs in with the access email, unless expired', async () => {
    const { practice, client } = await world();
    const access = await createPortalAccess(t.deps, practice.id, client.id, { state: 'active' });
    const signIn = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/portal/${practice.slug}/sign-in/code`,
        payload: { email: access.emailAddress, code },
      });
    const expired = await createPortalToken(t.deps, practice.id, client.id, { kind: 'staff_code', expired: true });
    expect(expired.token).toBeNull();
    expect((await signIn(expired.code)).json()).toMatchObject({ error: { code: 'code_invalid' } });
    const fresh = await createPortalToken(t.deps, practice.id, client.id, { kind: 'staff_code' });
    expect((await signIn(fresh.code)).statusCode).toBe(200);
  });
});

describe('createMessage and createConversation', () => {
  it('sends staff and client messages that both sides see, with attachments', async () => {
    const { practice, staff, client } = await world();
    const access = await createPortalAccess(t.deps, practice.id, client.id, { state: 'active' });
    const clinician = await createStaff(t.deps, practice.id, { name: 'Dr. Byrne' });
    const fromStaff = await createMessage(t.deps, practice.id, client.id, {
      from: 'staff',
      staffId: clinician.id,
      body: 'See you Thursday.',
      files: [{ name: 'plan.pdf', data: sampleFiles.pdf() }],
    });
    const fromClient = await createMessage(t.deps, practice.id, client.id, { from: 'client' });
    expect(fromStaff.attachments).toEqual([
      expect.objectContaining({ fileName: 'plan.pdf', contentType: 'application/pdf' }),
    ]);
    // Each was sent by its own side, as the audit log records it.
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id'])
      .where('practice_id', '=', practice.id)
      .where('action', '=', 'message.sent')
      .orderBy('actor_type')
      .execute();
    expect(audited).toEqual([
      { actor_type: 'client', actor_id: client.id },
      { actor_type: 'staff', actor_id: clinician.id },
    ]);

    const staffPage = (await staff.get(`/api/clients/${client.id}/messages`)).json<MessagePage>();
    expect(staffPage.items.map((m) => [m.id, m.sender, m.senderName, m.body])).toEqual([
      [fromClient.id, 'client', fromClient.senderName, fromClient.body],
      [fromStaff.id, 'staff', 'Dr. Byrne', 'See you Thursday.'],
    ]);
    if (!access.session) throw new Error('active access without a session');
    const portal = clientAgent(access.session);
    const portalPage = (await portal.get(`/api/portal/${practice.slug}/messages`)).json<MessagePage>();
    expect(portalPage.items.map((m) => m.id)).toEqual([fromClient.id, fromStaff.id]);
    const attachmentId = fromStaff.attachments[0]?.id ?? '';
    const download = await portal.get(`/api/portal/${practice.slug}/attachments/${attachmentId}`);
    expect(download.rawPayload.equals(sampleFiles.pdf())).toBe(true);
  });

  it('lets staff write to an invited client, and needs access made first', async () => {
    const { practice, staff, client } = await world();
    await expect(createMessage(t.deps, practice.id, client.id, { from: 'staff' })).rejects.toThrow(
      /createPortalAccess/,
    );
    await createPortalAccess(t.deps, practice.id, client.id, { state: 'invited' });
    await expect(createMessage(t.deps, practice.id, client.id, { from: 'client' })).rejects.toThrow(/needs active/);
    const message = await createMessage(t.deps, practice.id, client.id, { from: 'staff' });
    const page = (await staff.get(`/api/clients/${client.id}/messages`)).json<MessagePage>();
    expect(page.items.map((m) => m.id)).toEqual([message.id]);
  });

  it('sends a conversation in order, alternating from the client', async () => {
    const { practice, staff, client } = await world();
    await createPortalAccess(t.deps, practice.id, client.id, { state: 'active' });
    const messages = await createConversation(t.deps, practice.id, client.id, 4);
    expect(messages.map((m) => m.sender)).toEqual(['client', 'staff', 'client', 'staff']);
    const page = (await staff.get(`/api/clients/${client.id}/messages`)).json<MessagePage>();
    expect(page.items.map((m) => m.id)).toEqual(messages.map((m) => m.id).reverse());
    const conversations = (await staff.get('/api/conversations')).json<{
      items: { clientId: string; unreadCount: number }[];
    }>();
    expect(conversations.items).toEqual([expect.objectContaining({ clientId: client.id, unreadCount: 2 })]);
  });
});
