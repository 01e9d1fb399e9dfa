import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../shared/schemas/messages.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { openEventStream } from '../../../../test/helpers/event-stream.js';
import { messagingWorld, postMessage } from '../../../../test/helpers/messages.js';
import { invite } from '../../../../test/helpers/portal.js';
import { buildTestApp, testDatabaseKind, type TestApp } from '../../../../test/helpers/test-app.js';
import { buildApp } from '../../app.js';
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
  streams.push(opened);
  return opened;
}

const parse = (data: string) => JSON.parse(data) as LiveEvent;

describe('live events', () => {
  it("tell staff of a client's message, and never of another practice's", async () => {
    const w = await messagingWorld(t);
    const other = await messagingWorld(t);
    const staffStream = await stream('/api/events', w.staff.cookie);
    expect(staffStream.status).toBe(200);
    expect(staffStream.headers.get('content-type')).toContain('text/event-stream');
    expect(staffStream.headers.get('cache-control')).toBe('no-store');

    await postMessage(other.clientAgent, other.portalUrl, { body: 'for the other practice' });
    const sent = await postMessage(w.clientAgent, w.portalUrl, { body: 'hello' });
    const event = await staffStream.next();
    expect(event?.event).toBe('messages');
    expect(parse(event?.data ?? '{}')).toEqual({
      type: 'message.created',
      clientId: w.client.id,
      messageId: sent.json<{ id: string }>().id,
    });
    // Ids only: the text never travels in an event.
    expect(event?.data).not.toContain('hello');
    expect(await staffStream.next(300)).toBeNull();
  });

  it('tell a client only of their own conversation, and end when their messaging is switched off', async () => {
    const w = await messagingWorld(t);
    const clientStream = await stream(`/api/portal/${w.practice.slug}/events`, w.clientAgent.cookie);
    expect(clientStream.status).toBe(200);

    // Another client of the same practice gets a message: nothing for this client.
    const second = await createClient(t.deps, w.practice.id);
    await invite(t.deps, w.staff, second.id, second.emails[0]?.id ?? '');
    expect((await postMessage(w.staff, `/api/clients/${second.id}/messages`, { body: 'not yours' })).statusCode).toBe(
      201,
    );
    const sent = await postMessage(w.staff, w.staffUrl, { body: 'just for you' });
    const event = await clientStream.next();
    expect(parse(event?.data ?? '{}')).toMatchObject({
      type: 'message.created',
      messageId: sent.json<{ id: string }>().id,
    });

    await w.clientAgent.post(`${w.portalUrl}/read`, { upTo: sent.json<{ id: string }>().id });
    expect(parse((await clientStream.next())?.data ?? '{}')).toMatchObject({ type: 'messages.read' });

    await w.staff.put(`/api/clients/${w.client.id}/portal/permissions`, {
      appointments: true,
      messaging: false,
      billing: true,
      pay: false,
    });
    // The next event finds messaging off: the stream says so and ends, delivering nothing.
    await t.deps.live.publish({
      practiceId: w.practice.id,
      type: 'message.created',
      clientId: w.client.id,
      messageId: null,
    });
    expect(await clientStream.next()).toEqual({ event: 'end', data: '{"reason":"ended"}' });
    expect(await clientStream.next(500)).toBeNull();
    expect(clientStream.ended).toBe(true);
  });

  it("tell a clinician only of their clients' conversations, as assigned at the moment of each event", async () => {
    const w = await messagingWorld(t);
    const clinician = await createStaff(t.deps, w.practice.id, { roles: ['clinician'] });
    // Ada (the world's client) is the owner's; Bea is the clinician's.
    const bea = await createClient(
      t.deps,
      w.practice.id,
      {},
      { clinicians: { primaryId: clinician.id, otherIds: [] } },
    );
    await invite(t.deps, w.staff, bea.id, bea.emails[0]?.id ?? '');
    const beaUrl = `/api/clients/${bea.id}/messages`;
    const ownerStream = await stream('/api/events', w.staff.cookie);
    const clinicianStream = await stream('/api/events', (await signInAs(t.app, clinician.email)).cookie);
    expect(clinicianStream.status).toBe(200);
    const messageIdOf = (response: { body: string }) => (JSON.parse(response.body) as { id: string }).id;
    const nextMessage = async (events: typeof ownerStream) => parse((await events.next())?.data ?? '{}');

    // Ada writes: the owner hears of it, the clinician does not.
    const fromAda = await postMessage(w.clientAgent, w.portalUrl, { body: 'for my clinician' });
    expect(await nextMessage(ownerStream)).toMatchObject({ clientId: w.client.id, messageId: messageIdOf(fromAda) });
    // The practice writes to Bea: both hear of it, and that is the clinician's first event.
    const toBea = await postMessage(w.staff, beaUrl, { body: 'see you Tuesday' });
    expect(await nextMessage(ownerStream)).toMatchObject({ clientId: bea.id, messageId: messageIdOf(toBea) });
    expect(await nextMessage(clinicianStream)).toEqual({
      type: 'message.created',
      clientId: bea.id,
      messageId: messageIdOf(toBea),
    });
    expect(await clinicianStream.next(300)).toBeNull();

    // Ada is handed to the clinician and Bea to the owner: the open stream follows at once.
    const reassign = (clientId: string, primaryId: string) =>
      w.staff.put(`/api/clients/${clientId}/clinicians`, { primaryId, otherIds: [] });
    expect((await reassign(w.client.id, clinician.id)).statusCode).toBe(200);
    expect((await reassign(bea.id, w.practice.owner.id)).statusCode).toBe(200);
    const toBeaAgain = await postMessage(w.staff, beaUrl, { body: 'moved to Dana' });
    expect(await nextMessage(ownerStream)).toMatchObject({ clientId: bea.id, messageId: messageIdOf(toBeaAgain) });
    const fromAdaAgain = await postMessage(w.clientAgent, w.portalUrl, { body: 'hello again' });
    expect(await nextMessage(ownerStream)).toMatchObject({
      clientId: w.client.id,
      messageId: messageIdOf(fromAdaAgain),
    });
    expect(await nextMessage(clinicianStream)).toEqual({
      type: 'message.created',
      clientId: w.client.id,
      messageId: messageIdOf(fromAdaAgain),
    });
    expect(await clinicianStream.next(300)).toBeNull();
  });

  it('refuses a stream without a session, and staff of another practice see none of its events', async () => {
    const w = await messagingWorld(t);
    const anonymous = await fetch(`${base}/api/events`);
    expect(anonymous.status).toBe(401);
    const portalAnonymous = await fetch(`${base}/api/portal/${w.practice.slug}/events`);
    expect(portalAnonymous.status).toBe(401);
    const outsider = await createPractice(t.deps);
    const outsiderStream = await stream('/api/events', (await signInAs(t.app, outsider.owner.email)).cookie);
    await postMessage(w.clientAgent, w.portalUrl, { body: 'hello' });
    expect(await outsiderStream.next(500)).toBeNull();
  });
});

/** Two started event buses on the test database and a channel of their own, as two server processes would have. */
async function busesOnOneChannel(): Promise<[PostgresEventBus, PostgresEventBus]> {
  const url = process.env.TEST_DATABASE_URL ?? '';
  const channel = `test_${newId().replaceAll('-', '').slice(0, 12)}`;
  const buses: [PostgresEventBus, PostgresEventBus] = [
    new PostgresEventBus(url, channel),
    new PostgresEventBus(url, channel),
  ];
  await Promise.all(buses.map((bus) => bus.start()));
  return buses;
}

describe.runIf(testDatabaseKind === 'postgres')('live events across server instances (PostgreSQL)', () => {
  it('reach a listener on another instance through LISTEN/NOTIFY', async () => {
    const [one, two] = await busesOnOneChannel();
    try {
      const practiceId = newId();
      const received = new Promise<PracticeEvent>((resolve) => two.subscribe(practiceId, resolve));
      const elsewhere: PracticeEvent[] = [];
      two.subscribe(newId(), (event) => elsewhere.push(event));
      const event: PracticeEvent = { practiceId, type: 'message.created', clientId: newId(), messageId: newId() };
      await one.publish(event);
      expect(await received).toEqual(event);
      expect(elsewhere).toEqual([]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('send events published at once one after the other, all of them, in order, without a pg warning', async () => {
    const [one, two] = await busesOnOneChannel();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const practiceId = newId();
      const events: PracticeEvent[] = Array.from({ length: 50 }, () => ({
        practiceId,
        type: 'message.created',
        clientId: newId(),
        messageId: newId(),
      }));
      const received: PracticeEvent[] = [];
      const all = new Promise<void>((resolve) => {
        two.subscribe(practiceId, (event) => {
          received.push(event);
          if (received.length === events.length) resolve();
        });
      });
      await Promise.all(events.map((event) => one.publish(event)));
      await all;
      expect(received).toEqual(events);
      expect(warnings.filter((w) => w.message.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('bring a message posted on one instance to a staff member connected to another', async () => {
    const buses = await busesOnOneChannel();
    // Two apps on one database, as two server processes would be, each with its own bus.
    const first = await buildApp({ ...t.deps, live: buses[0] ?? t.deps.live });
    const second = await buildApp({ ...t.deps, live: buses[1] ?? t.deps.live });
    try {
      const w = await messagingWorld({ app: first, deps: t.deps });
      const secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
      const staffStream = await openEventStream(`${secondUrl}/api/events`, w.staff.cookie);
      streams.push(staffStream);
      const sent = await postMessage(w.clientAgent, w.portalUrl, { body: 'from the first instance' });
      expect(sent.statusCode).toBe(201);
      const event = await staffStream.next(5000);
      expect(parse(event?.data ?? '{}')).toMatchObject({ type: 'message.created', clientId: w.client.id });
    } finally {
      for (const stream of streams.splice(0)) stream.close();
      await Promise.all([first.close(), second.close()]);
      await Promise.all(buses.map((bus) => bus.close()));
    }
  });
});
