import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEventStream } from '../../../../test/helpers/event-stream.js';
import { messagingWorld, postMessage } from '../../../../test/helpers/messages.js';
import { invite, latestPortalEmail, redeemLink } from '../../../../test/helpers/portal.js';
import { createClient } from '../../../../test/factories/clients.js';
import type { Agent } from '../../../../test/helpers/agent.js';
import { buildTestApp, testDatabaseKind, type TestApp } from '../../../../test/helpers/test-app.js';
import { PostgresEventBus, type PracticeEvent } from '../../platform/live-events.js';
import { newId } from '../../platform/tokens.js';

let t: TestApp;
let base: string;
const streams: { close: () => void }[] = [];

beforeEach(async () => {
  t = await buildTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await t.close();
});

async function stream(path: string, cookie: string) {
  const opened = await openEventStream(`${base}${path}`, cookie);
  expect(opened.status).toBe(200);
  streams.push(opened);
  return opened;
}

type World = Awaited<ReturnType<typeof messagingWorld>>;

/** A second client of the world's practice, invited and signed in, with their own agent. */
async function secondClient(w: World): Promise<{ id: string; agent: Agent }> {
  const client = await createClient(t.deps, w.practice.id);
  const email = client.emails[0];
  if (!email) throw new Error('factory client has no email');
  await invite(t.deps, w.staff, client.id, email.id);
  const { agent } = await redeemLink(t.app, w.practice, (await latestPortalEmail(t.deps, email.address)).token);
  if (!agent) throw new Error('second client could not sign in');
  return { id: client.id, agent };
}

async function switchPortal(w: World, enabled: boolean) {
  const current = (await w.staff.get('/api/settings/portal')).json<{ defaults: unknown; welcomeMessage: string }>();
  const saved = await w.staff.put('/api/settings/portal', {
    enabled,
    defaults: current.defaults,
    welcomeMessage: current.welcomeMessage,
  });
  expect(saved.statusCode, saved.body).toBe(200);
}

const eventsOf = (w: World) => `/api/portal/${w.practice.slug}/events`;

describe('portal access changes reach open portal pages', () => {
  it("switching the portal off ends every open stream of the practice's clients, and no other practice's", async () => {
    const w = await messagingWorld(t);
    const second = await secondClient(w);
    const other = await messagingWorld(t);
    // The same client in two tabs, another client of the practice, staff, and another practice's client.
    const tabs = [await stream(eventsOf(w), w.clientAgent.cookie), await stream(eventsOf(w), w.clientAgent.cookie)];
    const secondStream = await stream(eventsOf(w), second.agent.cookie);
    const staffStream = await stream('/api/events', w.staff.cookie);
    const otherStream = await stream(eventsOf(other), other.clientAgent.cookie);

    await switchPortal(w, false);

    for (const open of [...tabs, secondStream]) {
      expect(await open.next()).toEqual({ event: 'end', data: '{"reason":"portal_off"}' });
      expect(await open.next(300)).toBeNull();
      expect(open.ended).toBe(true);
    }
    // Staff keep their stream; the other practice hears nothing and keeps its stream too.
    expect(await staffStream.next(300)).toBeNull();
    expect(staffStream.ended).toBe(false);
    expect(await otherStream.next(300)).toBeNull();
    const sent = await postMessage(other.staff, other.staffUrl, { body: 'still here' });
    expect(sent.statusCode).toBe(201);
    expect((await otherStream.next())?.event).toBe('messages');

    // The sessions are gone: a reconnecting tab is refused, and the session endpoint says the portal is off.
    expect((await fetch(`${base}${eventsOf(w)}`, { headers: { cookie: w.clientAgent.cookie } })).status).toBe(401);
    expect((await w.clientAgent.get(`/api/portal/${w.practice.slug}/session`)).json()).toEqual({
      signedIn: false,
      portalEnabled: false,
    });

    await switchPortal(w, true);
    expect((await w.clientAgent.get(`/api/portal/${w.practice.slug}/session`)).json()).toEqual({
      signedIn: false,
      portalEnabled: true,
    });
  });

  it("disabling a client's access ends all of that client's open streams, and only theirs", async () => {
    const w = await messagingWorld(t);
    const second = await secondClient(w);
    const tabs = [await stream(eventsOf(w), w.clientAgent.cookie), await stream(eventsOf(w), w.clientAgent.cookie)];
    const secondStream = await stream(eventsOf(w), second.agent.cookie);

    const disabled = await w.staff.post(`/api/clients/${w.client.id}/portal/disable`, {});
    expect(disabled.statusCode, disabled.body).toBe(200);

    for (const open of tabs) {
      expect(await open.next()).toEqual({ event: 'end', data: '{"reason":"access_ended"}' });
      expect(await open.next(300)).toBeNull();
      expect(open.ended).toBe(true);
    }
    expect((await fetch(`${base}${eventsOf(w)}`, { headers: { cookie: w.clientAgent.cookie } })).status).toBe(401);

    // The other client's stream stays open and still brings their messages.
    expect(await secondStream.next(300)).toBeNull();
    expect(secondStream.ended).toBe(false);
    const sent = await postMessage(w.staff, `/api/clients/${second.id}/messages`, { body: 'for you' });
    expect(sent.statusCode).toBe(201);
    expect((await secondStream.next())?.event).toBe('messages');
  });

  it("disabling access because the portal email's address changed ends the client's open stream too", async () => {
    const w = await messagingWorld(t);
    const open = await stream(eventsOf(w), w.clientAgent.cookie);
    const updated = await w.staff.put(`/api/clients/${w.client.id}`, {
      firstName: w.client.firstName,
      lastName: w.client.lastName,
      emails: [{ id: w.email.id, address: 'moved@example.test', type: 'home', emailOk: true, isPrimary: true }],
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(await open.next()).toEqual({ event: 'end', data: '{"reason":"access_ended"}' });
    expect(await open.next(300)).toBeNull();
    expect(open.ended).toBe(true);
  });

  it('announces nothing when the change that would disable access is refused and rolled back', async () => {
    const w = await messagingWorld(t);
    const open = await stream(eventsOf(w), w.clientAgent.cookie);
    // Disable and resend to an email the client does not have: refused, so nothing was disabled.
    const refused = await w.staff.post(`/api/clients/${w.client.id}/portal/disable-and-resend`, {
      emailId: '00000000-0000-4000-8000-000000000000',
      message: 'Welcome.',
    });
    expect(refused.statusCode).toBe(400);
    expect(await open.next(500)).toBeNull();
    expect(open.ended).toBe(false);
    expect((await w.clientAgent.get(`/api/portal/${w.practice.slug}/me`)).statusCode).toBe(200);
  });
});

describe.runIf(testDatabaseKind === 'postgres')('portal access events across server instances (PostgreSQL)', () => {
  it('travel through LISTEN/NOTIFY to the same practice only', async () => {
    const channel = `test_${newId().replaceAll('-', '').slice(0, 12)}`;
    const url = process.env.TEST_DATABASE_URL ?? '';
    const one = new PostgresEventBus(url, channel);
    const two = new PostgresEventBus(url, channel);
    await Promise.all([one.start(), two.start()]);
    try {
      const practiceId = newId();
      const received: PracticeEvent[] = [];
      const elsewhere: PracticeEvent[] = [];
      const both = new Promise<void>((resolve) => {
        two.subscribe(practiceId, (event) => {
          received.push(event);
          if (received.length === 2) resolve();
        });
      });
      two.subscribe(newId(), (event) => elsewhere.push(event));
      const events: PracticeEvent[] = [
        { practiceId, type: 'access.disabled', clientId: newId() },
        { practiceId, type: 'portal.off', clientId: null },
      ];
      for (const event of events) await one.publish(event);
      await both;
      expect(received).toEqual(events);
      expect(elsewhere).toEqual([]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
