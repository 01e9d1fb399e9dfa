import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { createService } from '../../../../test/factories/scheduling.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { requestsWorld, signedInClient, signInAgain } from '../../../../test/helpers/appointment-requests.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type {
  FreeSlotList,
  PortalAppointments,
  PortalRequest,
  RequestInbox,
  RequestOptions,
} from '../../../shared/schemas/appointment-requests.js';
import { AppointmentJobs } from './appointment-jobs.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type World = Awaited<ReturnType<typeof requestsWorld>>;

async function slots(w: World): Promise<string[]> {
  const response = await w.clientAgent.get(w.slotsUrl);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<FreeSlotList>().slots;
}

function ask(w: World, startsAt: string, extra: Record<string, unknown> = {}) {
  return w.clientAgent.post(`${w.base}/appointment-requests`, {
    ...w.ask,
    startsAt,
    timeZone: 'Europe/London',
    message: 'Mornings suit me best.',
    ...extra,
  });
}

async function countRequests(w: World): Promise<number> {
  const rows = await t.deps.db
    .selectFrom('appointment_requests')
    .select('id')
    .where('practice_id', '=', w.practice.id)
    .execute();
  return rows.length;
}

async function outbox(w: World, kind: string) {
  return t.deps.db
    .selectFrom('outbox')
    .selectAll()
    .where('practice_id', '=', w.practice.id)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
}

describe('free slots in the portal', () => {
  it('lists the clinician’s free starts in UTC, from after the minimum notice to the end of the window', async () => {
    const w = await requestsWorld(t);
    const list = await slots(w);
    // Now is Monday 09:00 EST: 24 hours' notice makes Tuesday 09:00 (14:00Z) the first start.
    expect(list[0]).toBe('2027-01-05T14:00:00.000Z');
    // 60 days on is Friday 5 March 09:00; a 50-minute service fits 09:00–16:00 on weekdays.
    expect(list.at(-1)).toBe('2027-03-05T14:00:00.000Z');
    expect(list.every((slot) => !['2027-01-09', '2027-01-10'].includes(slot.slice(0, 10)))).toBe(true);
  });

  it('offers the client only their own clinicians, services offered online, and where they take requests', async () => {
    const w = await requestsWorld(t);
    const other = await createStaff(t.deps, w.practice.id, { roles: ['clinician'] });
    await createService(t.deps, w.practice.id, {
      name: 'Couples therapy',
      onlineRequests: true,
      clinicianIds: [other.id],
    });
    await createService(t.deps, w.practice.id, {
      name: 'Intake',
      onlineRequests: false,
      clinicianIds: [w.practice.owner.id],
    });
    const options = (await w.clientAgent.get(`${w.base}/appointment-options`)).json<RequestOptions>();
    expect(options.practiceTimeZone).toBe('America/New_York');
    expect(options.services).toEqual([
      {
        id: w.service.id,
        name: 'Individual therapy',
        durationMinutes: 50,
        clinicians: [
          {
            id: w.practice.owner.id,
            name: w.practice.owner.name,
            locations: [{ id: w.location.id, name: 'Main office', kind: 'in_person' }],
          },
        ],
      },
    ]);
    // Another clinician's slots are not the client's to see.
    const theirs = await w.clientAgent.get(
      `${w.base}/appointment-slots?${new URLSearchParams({ ...w.ask, clinicianId: other.id }).toString()}`,
    );
    expect(theirs.statusCode).toBe(404);
  });

  it('refuses everything while the practice takes no requests, or the client’s permission is off', async () => {
    const w = await requestsWorld(t, { requestsEnabled: false });
    for (const response of [await w.clientAgent.get(w.slotsUrl), await w.clientAgent.get(`${w.base}/appointments`)]) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { reason: 'requests_off' } });
    }
    const on = await requestsWorld(t);
    const off = await on.staff.put(`/api/clients/${on.client.id}/portal/permissions`, {
      appointments: false,
      messaging: true,
      billing: true,
      pay: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await ask(on, '2027-01-05T15:00:00.000Z')).statusCode).toBe(403);
    expect(await countRequests(on)).toBe(0);
  });
});

describe('requesting a time', () => {
  it('holds the slot pending, tells the clinician only that a request waits, and shows it to the client', async () => {
    const w = await requestsWorld(t);
    const response = await ask(w, '2027-01-05T15:00:00.000Z');
    expect(response.statusCode, response.body).toBe(201);
    const request = response.json<PortalRequest>();
    expect(request).toMatchObject({
      status: 'pending',
      startsAt: '2027-01-05T15:00:00.000Z',
      endsAt: '2027-01-05T15:50:00.000Z',
      message: 'Mornings suit me best.',
      holdExpiresAt: '2027-01-05T15:00:00.000Z', // 72 hours would pass the start: held until then
    });
    expect(await slots(w)).not.toContain('2027-01-05T15:00:00.000Z');
    const [waiting] = await outbox(w, 'appointment_request_waiting');
    expect(waiting?.to_address).toBe(w.practice.owner.email);
    expect(waiting?.text).not.toContain(w.client.lastName);
    expect(waiting?.text).not.toContain('Individual therapy');
    const overview = (await w.clientAgent.get(`${w.base}/appointments`)).json<PortalAppointments>();
    expect(overview.requests.map((r) => r.id)).toEqual([request.id]);
    expect(overview.timeZone).toBe('Europe/London');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('practice_id', '=', w.practice.id)
      .where('client_id', '=', w.client.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['appointment_request.created', 'appointments.viewed']),
    );
  });

  it.each([
    ['in the past', '2027-01-04T13:00:00.000Z', 'in_the_past'],
    ['inside the minimum notice', '2027-01-04T20:00:00.000Z', 'inside_minimum_notice'],
    ['beyond the booking window', '2027-03-08T14:00:00.000Z', 'beyond_booking_window'],
    ['outside availability (a Saturday)', '2027-01-09T15:00:00.000Z', 'outside_availability'],
    ['off the slot grid', '2027-01-05T15:30:00.000Z', 'outside_availability'],
  ])('refuses a time %s with 422 naming the reason, holding nothing', async (_label, startsAt, reason) => {
    const w = await requestsWorld(t);
    const response = await ask(w, startsAt);
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'slot_unavailable', reason } });
    expect(await countRequests(w)).toBe(0);
  });

  it('refuses a service the clinician does not offer (422) and a time already taken (409)', async () => {
    const w = await requestsWorld(t);
    const other = await createService(t.deps, w.practice.id, {
      name: 'Family therapy',
      onlineRequests: true,
      clinicianIds: [],
    });
    const notOffered = await ask(w, '2027-01-05T15:00:00.000Z', { serviceId: other.id });
    expect(notOffered.statusCode).toBe(422);
    expect(notOffered.json()).toMatchObject({ error: { reason: 'service_not_offered' } });
    expect((await ask(w, '2027-01-05T15:00:00.000Z')).statusCode).toBe(201);
    const second = await signedInClient(t, w.practice);
    const taken = await second.agent.post(`${w.base}/appointment-requests`, {
      ...w.ask,
      startsAt: '2027-01-05T15:00:00.000Z',
      timeZone: 'America/New_York',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'conflict', reason: 'time_taken' } });
    expect(taken.json<{ error: { conflicts?: unknown } }>().error.conflicts).toBeUndefined();
    expect(await countRequests(w)).toBe(1);
  });

  it('lets exactly one of 20 parallel requests for one slot win', async () => {
    const w = await requestsWorld(t);
    const clients = [
      w.clientAgent,
      ...(await Promise.all([1, 2, 3].map(() => signedInClient(t, w.practice)))).map((c) => c.agent),
    ];
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (clients[i % clients.length] ?? w.clientAgent).post(`${w.base}/appointment-requests`, {
          ...w.ask,
          startsAt: '2027-01-06T16:00:00.000Z',
          timeZone: 'America/New_York',
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await countRequests(w)).toBe(1);
  });

  it('lets the client cancel a pending request, freeing its time', async () => {
    const w = await requestsWorld(t);
    const request = (await ask(w, '2027-01-05T15:00:00.000Z')).json<PortalRequest>();
    const cancel = await w.clientAgent.post(`${w.base}/appointment-requests/${request.id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(await slots(w)).toContain('2027-01-05T15:00:00.000Z');
    expect((await w.clientAgent.post(`${w.base}/appointment-requests/${request.id}/cancel`)).statusCode).toBe(409);
    // Another client's request is not found.
    const second = await signedInClient(t, w.practice);
    const theirs = (
      await second.agent.post(`${w.base}/appointment-requests`, {
        ...w.ask,
        startsAt: '2027-01-05T16:00:00.000Z',
        timeZone: 'UTC',
      })
    ).json<PortalRequest>();
    expect((await w.clientAgent.post(`${w.base}/appointment-requests/${theirs.id}/cancel`)).statusCode).toBe(404);
  });
});

describe('the Requests inbox', () => {
  it('shows the request with both zones, and Accept books it and emails a calendar file', async () => {
    const w = await requestsWorld(t);
    const request = (await ask(w, '2027-01-05T15:00:00.000Z')).json<PortalRequest>();
    const inbox = (await w.staff.get('/api/appointment-requests')).json<RequestInbox>();
    expect(inbox.items).toEqual([
      expect.objectContaining({
        id: request.id,
        clientId: w.client.id,
        serviceName: 'Individual therapy',
        clientTimeZone: 'Europe/London',
        practiceTimeZone: 'America/New_York',
        message: 'Mornings suit me best.',
      }),
    ]);
    const accepted = await w.staff.post(`/api/appointment-requests/${request.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { appointmentId } = accepted.json<{ appointmentId: string }>();
    const appointment = await t.deps.db
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', appointmentId)
      .executeTakeFirstOrThrow();
    expect(appointment).toMatchObject({
      client_id: w.client.id,
      starts_at: '2027-01-05T15:00:00.000Z',
      status: 'scheduled',
    });
    const [confirmation] = await outbox(w, 'appointment_confirmed');
    expect(confirmation?.to_address).toBe(w.clientAddress);
    // In the client's zone, without the service's name.
    expect(confirmation?.text).toContain('Tuesday, January 5, 2027 at 3:00 PM GMT');
    expect(confirmation?.text).not.toContain('Individual therapy');
    const [ics] = JSON.parse(confirmation?.attachments ?? '[]') as { filename: string; content: string }[];
    expect(ics?.filename).toBe('appointment.ics');
    expect(ics?.content).toContain('DTSTART:20270105T150000Z');
    expect(ics?.content).toContain('DTEND:20270105T155000Z');
    expect(ics?.content).not.toContain('Individual therapy');
    const overview = (await w.clientAgent.get(`${w.base}/appointments`)).json<PortalAppointments>();
    expect(overview.upcoming.map((a) => a.id)).toEqual([appointmentId]);
    expect(overview.requests[0]?.status).toBe('accepted');
    expect((await w.staff.get('/api/appointment-requests')).json<RequestInbox>().items).toEqual([]);
  });

  it('lets one of two staff accepting at once win; the other gets a clear 409', async () => {
    const w = await requestsWorld(t);
    const scheduler = await createStaff(t.deps, w.practice.id, { roles: ['scheduler'] });
    const other = await signInAs(t.app, scheduler.email);
    const request = (await ask(w, '2027-01-05T15:00:00.000Z')).json<PortalRequest>();
    const [a, b] = await Promise.all([
      w.staff.post(`/api/appointment-requests/${request.id}/accept`),
      other.post(`/api/appointment-requests/${request.id}/accept`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({ error: { code: 'conflict', reason: 'request_answered' } });
    const booked = await t.deps.db
      .selectFrom('appointments')
      .select('id')
      .where('practice_id', '=', w.practice.id)
      .execute();
    expect(booked).toHaveLength(1);
  });

  it('Decline emails the client the reason and frees the time', async () => {
    const w = await requestsWorld(t);
    // The practice writes day first with the 24-hour clock: the email too, in the client's zone.
    const format = await w.staff.put('/api/settings/date-time-format', { dateOrder: 'day-first', clock: '24-hour' });
    expect(format.statusCode, format.body).toBe(200);
    const request = (await ask(w, '2027-01-05T15:00:00.000Z')).json<PortalRequest>();
    const empty = await w.staff.post(`/api/appointment-requests/${request.id}/decline`, { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { fields: [{ field: 'reason' }] } });
    const declined = await w.staff.post(`/api/appointment-requests/${request.id}/decline`, {
      reason: 'I am away that week.',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const [email] = await outbox(w, 'appointment_request_declined');
    expect(email?.text).toContain('I am away that week.');
    expect(email?.text).toContain('your request for Tuesday, 5 January 2027 at 15:00 GMT.');
    expect(await slots(w)).toContain('2027-01-05T15:00:00.000Z');
    const overview = (await w.clientAgent.get(`${w.base}/appointments`)).json<PortalAppointments>();
    expect(overview.requests[0]).toMatchObject({ status: 'declined', declineReason: 'I am away that week.' });
  });

  it('keeps each clinician to their own requests, billers out, and other practices’ requests not found', async () => {
    const w = await requestsWorld(t);
    const request = (await ask(w, '2027-01-05T15:00:00.000Z')).json<PortalRequest>();
    // The count beside Requests in the navigation: the owner's one, the other clinician's none.
    expect((await w.staff.get('/api/appointment-requests/count')).json()).toEqual({ pending: 1 });
    const clinician = await signInAs(t.app, (await createStaff(t.deps, w.practice.id, { roles: ['clinician'] })).email);
    expect((await clinician.get('/api/appointment-requests')).json<RequestInbox>().items).toEqual([]);
    expect((await clinician.get('/api/appointment-requests/count')).json()).toEqual({ pending: 0 });
    expect((await clinician.post(`/api/appointment-requests/${request.id}/accept`)).statusCode).toBe(404);
    const biller = await signInAs(t.app, (await createStaff(t.deps, w.practice.id, { roles: ['biller'] })).email);
    expect((await biller.get('/api/appointment-requests')).statusCode).toBe(403);
    expect((await biller.get('/api/appointment-requests/count')).statusCode).toBe(403);
    const elsewhere = await createPractice(t.deps);
    const stranger = await signInAs(t.app, elsewhere.owner.email);
    expect((await stranger.get('/api/appointment-requests/count')).json()).toEqual({ pending: 0 });
    expect((await stranger.post(`/api/appointment-requests/${request.id}/accept`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/appointment-requests/${request.id}/decline`, { reason: 'x' })).statusCode).toBe(
      404,
    );
  });
});

describe('holds, cancelling and reminders', () => {
  it('expires a hold that ran out, emails the client and frees the time', async () => {
    const w = await requestsWorld(t, { holdMinutes: 60 });
    const request = (await ask(w, '2027-01-07T15:00:00.000Z')).json<PortalRequest>();
    expect(request.holdExpiresAt).toBe('2027-01-04T15:00:00.000Z');
    const jobs = new AppointmentJobs(t.deps);
    expect((await jobs.runDue()).expired).toBe(0);
    t.deps.clock.advanceMinutes(61);
    expect((await jobs.runDue()).expired).toBeGreaterThanOrEqual(1);
    const [email] = await outbox(w, 'appointment_request_expired');
    expect(email?.to_address).toBe(w.clientAddress);
    const again = { ...w, clientAgent: await signInAgain(t, w.practice.id, w.client.id, w.clientAddress) };
    const overview = (await again.clientAgent.get(`${w.base}/appointments`)).json<PortalAppointments>();
    expect(overview.requests[0]?.status).toBe('expired');
    expect(await slots(again)).toContain('2027-01-07T15:00:00.000Z');
    const staff = await signInAs(t.app, w.practice.owner.email);
    const late = await staff.post(`/api/appointment-requests/${request.id}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: { reason: 'request_answered' } });
  });

  it('lets the client cancel an appointment up to the policy’s notice, and not after', async () => {
    const w = await requestsWorld(t);
    const request = (await ask(w, '2027-01-06T15:00:00.000Z')).json<PortalRequest>();
    const { appointmentId } = (await w.staff.post(`/api/appointment-requests/${request.id}/accept`)).json<{
      appointmentId: string;
    }>();
    const overview = (await w.clientAgent.get(`${w.base}/appointments`)).json<PortalAppointments>();
    expect(overview.upcoming[0]?.mayCancel).toBe(true);
    t.deps.clock.set(new Date('2027-01-05T16:00:00.000Z')); // 23 hours before
    const later = await signInAgain(t, w.practice.id, w.client.id, w.clientAddress);
    const late = await later.post(`${w.base}/appointments/${appointmentId}/cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: { reason: 'cancel_too_late' } });
    t.deps.clock.set(new Date('2027-01-05T14:00:00.000Z')); // 25 hours before
    const inTime = await signInAgain(t, w.practice.id, w.client.id, w.clientAddress);
    expect((await inTime.post(`${w.base}/appointments/${appointmentId}/cancel`)).statusCode).toBe(200);
    const row = await t.deps.db
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', appointmentId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled_by_client');
  });

  it('sends one reminder to the client’s Email OK addresses within the lead time, without the service name', async () => {
    const w = await requestsWorld(t);
    const request = (await ask(w, '2027-01-06T15:00:00.000Z')).json<PortalRequest>();
    await w.staff.post(`/api/appointment-requests/${request.id}/accept`);
    const jobs = new AppointmentJobs(t.deps);
    expect((await jobs.runDue()).reminded).toBe(0);
    t.deps.clock.set(new Date('2027-01-05T15:00:00.000Z')); // 24 hours before
    await jobs.runDue();
    await jobs.runDue();
    const reminders = await outbox(w, 'appointment_reminder');
    expect(reminders.map((r) => r.to_address)).toEqual([w.clientAddress]);
    expect(reminders[0]?.text).toContain('Main office');
    expect(reminders[0]?.text).not.toContain('Individual therapy');
  });

  it('names the service in the reminder when the practice chose to', async () => {
    const w = await requestsWorld(t, { reminderNamesService: true });
    const request = (await ask(w, '2027-01-06T15:00:00.000Z')).json<PortalRequest>();
    await w.staff.post(`/api/appointment-requests/${request.id}/accept`);
    t.deps.clock.set(new Date('2027-01-05T15:00:00.000Z'));
    await new AppointmentJobs(t.deps).runDue();
    const reminders = await outbox(w, 'appointment_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain('What: Individual therapy');
    expect(reminders[0]?.text).toContain('Main office');
    expect(reminders[0]?.subject).not.toContain('Individual therapy');
  });
});
