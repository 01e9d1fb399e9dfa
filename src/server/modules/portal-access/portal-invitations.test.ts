import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortalAccessView } from '../../../shared/schemas/portal-access.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { invite, latestPortalEmail, portalWorld, redeemLink } from '../../../../test/helpers/portal.js';
import { SmtpSink } from '../../../../test/helpers/smtp-sink.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { MailWorker } from '../../platform/mail-worker.js';

/** Each state an emailed invitation or link can reach, made by the flows that reach it. */

let t: TestApp;
let sink: SmtpSink;
let worker: MailWorker;
let acceptDelayMs = 0;

beforeEach(async () => {
  acceptDelayMs = 0;
  sink = new SmtpSink({ acceptDelayMs: () => acceptDelayMs });
  t = await buildTestApp({ SMTP_URL: await sink.start() });
  worker = new MailWorker(t.deps);
});
afterEach(async () => {
  await worker.stop();
  await t.close();
  await sink.stop();
});

async function invitations(staff: Agent, clientId: string) {
  const response = await staff.get(`/api/clients/${clientId}/portal`);
  expect(response.statusCode).toBe(200);
  return response.json<PortalAccessView>().invitations;
}

describe('invitation states', () => {
  it('queued until the worker runs, then sent: accepted by the mail server, with when', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    expect(await invitations(staff, client.id)).toEqual([
      expect.objectContaining({ kind: 'invitation', state: 'queued', stateAt: null, delivery: 'queued' }),
    ]);
    await worker.drain();
    const [sent] = await invitations(staff, client.id);
    expect(sent).toMatchObject({ state: 'sent', stateAt: t.deps.clock.now().toISOString(), delivery: 'sent' });
    expect(sink.messages.map((m) => m.to)).toEqual([[email.address]]);
  });

  it('sending while the mail server has the message and has not answered yet', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    acceptDelayMs = 1500;
    const draining = worker.drain();
    await sink.waitFor((m) => m.to.includes(email.address));
    expect(await invitations(staff, client.id)).toEqual([expect.objectContaining({ state: 'sending' })]);
    await draining;
    expect(await invitations(staff, client.id)).toEqual([expect.objectContaining({ state: 'sent' })]);
  });

  it("failed, with the mail server's reply, when it refuses the address", async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    sink.refuseRecipients(() => ({ code: 550, message: '5.1.1 No such mailbox here' }));
    await invite(t.deps, staff, client.id, email.id);
    await worker.drain();
    const [failed] = await invitations(staff, client.id);
    expect(failed).toMatchObject({ state: 'failed', delivery: 'failed' });
    expect(failed?.lastError).toContain('550 5.1.1 No such mailbox here');
  });

  it('queued and retrying while the mail server answers 4xx, with its reply', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    sink.failWith({ code: 451, message: 'Try again later' });
    await invite(t.deps, staff, client.id, email.id);
    await worker.drain();
    expect(await invitations(staff, client.id)).toEqual([
      expect.objectContaining({ state: 'queued', attempts: 1, lastError: expect.stringContaining('451') as unknown }),
    ]);
  });

  it('used when the client signs in with it; the other unused one is replaced by that sign-in', async () => {
    const { practice, staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    await invite(t.deps, staff, client.id, email.id);
    await worker.drain();
    const newest = await latestPortalEmail(t.deps, email.address);
    t.deps.clock.advanceMinutes(5);
    expect((await redeemLink(t.app, practice, newest.token)).response.statusCode).toBe(200);
    const signedInAt = t.deps.clock.now().toISOString();
    const [second, first] = await invitations(staff, client.id);
    expect(second).toMatchObject({ state: 'used', stateAt: signedInAt, replacedBy: null });
    expect(first).toMatchObject({ state: 'replaced', stateAt: signedInAt, replacedBy: 'other_sign_in' });
  });

  it('replaced by newer links once more than the newest three are unused', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    for (let i = 0; i < 4; i += 1) await invite(t.deps, staff, client.id, email.id);
    await worker.drain();
    const states = (await invitations(staff, client.id)).map((item) => [item.state, item.replacedBy]);
    expect(states).toEqual([
      ['sent', null],
      ['sent', null],
      ['sent', null],
      ['replaced', 'newer_links'],
    ]);
  });

  it('expired when its time runs out unused, with when', async () => {
    const { practice, client, email } = await portalWorld(t.app, t.deps);
    const staff = await signInAs(t.app, practice.owner.email);
    await invite(t.deps, staff, client.id, email.id);
    await worker.drain();
    const [sent] = await invitations(staff, client.id);
    t.deps.clock.advanceMinutes(t.deps.config.portalInvitationHours * 60 + 1);
    const later = await signInAs(t.app, practice.owner.email);
    expect(await invitations(later, client.id)).toEqual([
      expect.objectContaining({ state: 'expired', stateAt: sent?.expiresAt }),
    ]);
  });

  it('stays expired when a later sign-in or disabling reaches it: the first end is what became of it', async () => {
    const { practice, client, email } = await portalWorld(t.app, t.deps);
    const staff = await signInAs(t.app, practice.owner.email);
    await invite(t.deps, staff, client.id, email.id);
    t.deps.clock.advanceMinutes(t.deps.config.portalInvitationHours * 60 + 1);
    const later = await signInAs(t.app, practice.owner.email);
    await invite(t.deps, later, client.id, email.id);
    await redeemLink(t.app, practice, (await latestPortalEmail(t.deps, email.address)).token);
    await later.post(`/api/clients/${client.id}/portal/disable`);
    expect((await invitations(later, client.id)).map((item) => item.state)).toEqual(['used', 'expired']);
  });

  it('cancelled when access is disabled, or a new invitation goes to another email', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    await staff.post(`/api/clients/${client.id}/portal/disable`);
    expect(await invitations(staff, client.id)).toEqual([
      expect.objectContaining({ state: 'cancelled', cancelReason: 'access_disabled' }),
    ]);

    await invite(t.deps, staff, client.id, email.id);
    const updated = await staff.put(`/api/clients/${client.id}`, {
      firstName: client.firstName,
      lastName: client.lastName,
      emails: [
        { id: email.id, address: email.address, type: 'home', emailOk: true, isPrimary: true },
        { address: 'other@example.test', type: 'work', emailOk: true, isPrimary: false },
      ],
    });
    const other = updated
      .json<{ emails: { id: string; address: string }[] }>()
      .emails.find((e) => e.address === 'other@example.test');
    await invite(t.deps, staff, client.id, other?.id ?? '');
    const [moved, restored, disabled] = await invitations(staff, client.id);
    expect(moved).toMatchObject({ state: 'queued', sentTo: 'other@example.test' });
    expect(restored).toMatchObject({ state: 'cancelled', cancelReason: 'email_moved' });
    expect(disabled).toMatchObject({ state: 'cancelled', cancelReason: 'access_disabled' });
  });

  it('withdraws a cancelled link whose email is still waiting: the worker never sends it', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    await staff.post(`/api/clients/${client.id}/portal/disable`);
    expect(await invitations(staff, client.id)).toEqual([
      expect.objectContaining({ state: 'cancelled', delivery: 'withdrawn' }),
    ]);
    // Invited again: only the new invitation goes out.
    await invite(t.deps, staff, client.id, email.id);
    expect(await worker.drain()).toBe(1);
    expect(sink.messages).toHaveLength(1);
    const [again, cancelled] = await invitations(staff, client.id);
    expect(again).toMatchObject({ state: 'sent', delivery: 'sent' });
    expect(cancelled).toMatchObject({ state: 'cancelled', delivery: 'withdrawn' });
  });

  it('leaves an email already sent as it is when its link is cancelled later', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    await worker.drain();
    await staff.post(`/api/clients/${client.id}/portal/disable`);
    expect(await invitations(staff, client.id)).toEqual([
      expect.objectContaining({ state: 'cancelled', delivery: 'sent' }),
    ]);
  });

  it('cancelled when the portal email is edited or removed in Client Info', async () => {
    const { staff, client, email } = await portalWorld(t.app, t.deps);
    await invite(t.deps, staff, client.id, email.id);
    await staff.put(`/api/clients/${client.id}`, {
      firstName: client.firstName,
      lastName: client.lastName,
      emails: [{ id: email.id, address: 'edited@example.test', type: 'home', emailOk: true, isPrimary: true }],
    });
    expect(await invitations(staff, client.id)).toEqual([
      expect.objectContaining({ state: 'cancelled', cancelReason: 'email_changed' }),
    ]);

    await invite(t.deps, staff, client.id, email.id);
    await staff.put(`/api/clients/${client.id}`, {
      firstName: client.firstName,
      lastName: client.lastName,
      emails: [{ address: 'fresh@example.test', type: 'home', emailOk: true, isPrimary: true }],
    });
    const [removed] = await invitations(staff, client.id);
    expect(removed).toMatchObject({ state: 'cancelled', cancelReason: 'email_removed' });
  });

  it("answers 404 for another practice's client", async () => {
    const { client } = await portalWorld(t.app, t.deps);
    const other = await createPractice(t.deps);
    await createClient(t.deps, other.id);
    const stranger = await signInAs(t.app, other.owner.email);
    expect((await stranger.get(`/api/clients/${client.id}/portal`)).statusCode).toBe(404);
  });
});
