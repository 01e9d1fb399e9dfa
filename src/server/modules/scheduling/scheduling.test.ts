import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Calendar,
  CalendarAppointment,
  Location,
  SchedulingSettings,
  Service,
} from '../../../shared/schemas/scheduling.js';
import { createClient } from '../../../../test/factories/clients.js';
import { createPractice, createStaff, type FactoryPractice } from '../../../../test/factories/practices.js';
import { createLocation, createService } from '../../../../test/factories/scheduling.js';
import { signInAs, type Agent } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

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

async function auditRows(action: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'client_id', 'details'])
    .where('practice_id', '=', practice.id)
    .where('action', '=', action)
    .execute();
}

describe('Settings → Services and Locations', () => {
  it('lets an owner add, edit, archive and restore a service, offered by the clinicians chosen', async () => {
    const colleague = await createStaff(t.deps, practice.id, { roles: ['clinician'], name: 'Dr. Colleague' });
    const added = await owner.post('/api/services', {
      name: 'Individual therapy',
      cptCode: '90834',
      durationMinutes: 50,
      feeMinor: 15000,
      onlineRequests: true,
      clinicianIds: [practice.owner.id, colleague.id],
    });
    expect(added.statusCode, added.body).toBe(201);
    const service = added.json<Service>();
    expect(service).toMatchObject({ name: 'Individual therapy', cptCode: '90834', feeMinor: 15000, archived: false });
    const edited = await owner.put(`/api/services/${service.id}`, {
      name: 'Individual therapy (45)',
      cptCode: null,
      durationMinutes: 45,
      feeMinor: 12000,
      onlineRequests: false,
      clinicianIds: [colleague.id],
    });
    expect(edited.json<Service>()).toMatchObject({ cptCode: null, durationMinutes: 45, clinicianIds: [colleague.id] });
    expect((await owner.post(`/api/services/${service.id}/archive`)).json<Service>().archived).toBe(true);
    expect((await owner.post(`/api/services/${service.id}/restore`)).json<Service>().archived).toBe(false);
    const setup = (await owner.get('/api/scheduling/setup')).json<SchedulingSettings>();
    expect(setup.services.map((s) => s.name)).toEqual(['Individual therapy (45)']);
    expect(setup.clinicians.map((c) => c.id).sort()).toEqual([practice.owner.id, colleague.id].sort());
    expect((await auditRows('service.created')).length).toBe(1);
    expect((await auditRows('service.archived')).length).toBe(1);
  });

  it('names the fields that are wrong, and refuses clinicians of another practice', async () => {
    const stranger = await createPractice(t.deps);
    const refused = await owner.post('/api/services', {
      name: ' ',
      cptCode: 'abc',
      durationMinutes: 2,
      feeMinor: -1,
      onlineRequests: false,
      clinicianIds: [],
    });
    expect(refused.statusCode).toBe(400);
    const fields = refused.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'cptCode', 'durationMinutes', 'feeMinor']));
    const foreign = await owner.post('/api/services', {
      name: 'Intake',
      cptCode: '90791',
      durationMinutes: 60,
      feeMinor: 0,
      onlineRequests: false,
      clinicianIds: [stranger.owner.id],
    });
    expect(foreign.json()).toMatchObject({ error: { fields: [{ field: 'clinicianIds.0' }] } });
  });

  it('keeps in-person locations with an address and telehealth with an https link; other practices’ ids are not found', async () => {
    const office = await owner.post('/api/locations', {
      kind: 'in_person',
      name: 'Main office',
      address: '12 Harbour St',
    });
    expect(office.statusCode, office.body).toBe(201);
    const video = await owner.post('/api/locations', {
      kind: 'telehealth',
      name: 'Telehealth',
      videoLink: 'https://meet.example.test/dr-owner',
    });
    expect(video.json<Location>()).toMatchObject({
      kind: 'telehealth',
      videoLink: 'https://meet.example.test/dr-owner',
    });
    const unsafe = await owner.post('/api/locations', {
      kind: 'telehealth',
      name: 'Bad',
      videoLink: 'javascript:alert(1)',
    });
    expect(unsafe.json()).toMatchObject({ error: { fields: [{ field: 'videoLink' }] } });
    const noAddress = await owner.post('/api/locations', { kind: 'in_person', name: 'Annex' });
    expect(noAddress.json()).toMatchObject({ error: { fields: [{ field: 'address' }] } });

    const other = await createPractice(t.deps);
    const theirs = await createLocation(t.deps, other.id);
    const theirService = await createService(t.deps, other.id);
    expect((await owner.post(`/api/locations/${theirs.id}/archive`)).statusCode).toBe(404);
    expect((await owner.post(`/api/services/${theirService.id}/archive`)).statusCode).toBe(404);
    const scheduler = await createStaff(t.deps, practice.id, { roles: ['scheduler'] });
    const asScheduler = await signInAs(t.app, scheduler.email);
    expect((await asScheduler.post('/api/locations', { kind: 'in_person', name: 'X', address: 'Y' })).statusCode).toBe(
      403,
    );
    expect((await asScheduler.get('/api/scheduling/setup')).statusCode).toBe(200);
  });
});

describe('the calendar', () => {
  let serviceId: string;
  let locationId: string;
  let clientId: string;

  beforeEach(async () => {
    serviceId = (await createService(t.deps, practice.id, { clinicianIds: [practice.owner.id] })).id;
    locationId = (await createLocation(t.deps, practice.id)).id;
    clientId = (await createClient(t.deps, practice.id)).id;
  });

  const booking = (overrides: Record<string, unknown> = {}) => ({
    clientId,
    serviceId,
    clinicianId: practice.owner.id,
    locationId,
    date: '2026-03-04',
    time: '10:00',
    ...overrides,
  });

  async function week(agent: Agent, query = ''): Promise<Calendar> {
    const answer = await agent.get(`/api/calendar?from=2026-03-02T05:00:00.000Z&to=2026-03-09T04:00:00.000Z${query}`);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<Calendar>();
  }

  it('books at the wall-clock time in the practice’s zone for the service’s length, and shows it in the week', async () => {
    const booked = await owner.post('/api/appointments', booking());
    expect(booked.statusCode, booked.body).toBe(201);
    const [appointment] = booked.json<{ appointments: CalendarAppointment[] }>().appointments;
    // 10:00 in New York on 4 March is 15:00 UTC (EST); 50 minutes.
    expect(appointment).toMatchObject({
      startsAt: '2026-03-04T15:00:00.000Z',
      endsAt: '2026-03-04T15:50:00.000Z',
      status: 'scheduled',
      clinicianId: practice.owner.id,
    });
    expect((await week(owner)).appointments.map((a) => a.id)).toEqual([appointment?.id]);
    expect(await auditRows('appointment.created')).toMatchObject([{ client_id: clientId }]);
    expect((await auditRows('calendar.viewed')).length).toBe(1);
  });

  it('books and moves for a length staff give instead of the service’s, naming a length out of range', async () => {
    const booked = await owner.post('/api/appointments', booking({ durationMinutes: 90 }));
    expect(booked.statusCode, booked.body).toBe(201);
    const [appointment] = booked.json<{ appointments: CalendarAppointment[] }>().appointments;
    expect(appointment).toMatchObject({ startsAt: '2026-03-04T15:00:00.000Z', endsAt: '2026-03-04T16:30:00.000Z' });
    // 11:00 now overlaps the 90 minutes.
    expect((await owner.post('/api/appointments', booking({ time: '11:00' }))).statusCode).toBe(409);
    const moved = await owner.put(`/api/appointments/${appointment?.id}`, booking({ durationMinutes: 30 }));
    expect(moved.json<{ appointments: CalendarAppointment[] }>().appointments[0]?.endsAt).toBe(
      '2026-03-04T15:30:00.000Z',
    );
    // Left out, the length is the service's again.
    const reset = await owner.put(`/api/appointments/${appointment?.id}`, booking());
    expect(reset.json<{ appointments: CalendarAppointment[] }>().appointments[0]?.endsAt).toBe(
      '2026-03-04T15:50:00.000Z',
    );
    const wrong = await owner.post('/api/appointments', booking({ durationMinutes: 3 }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { fields: [{ field: 'durationMinutes' }] } });
  });

  it('warns of a conflict with 409 naming it, and books over it only when staff confirm', async () => {
    const first = (await owner.post('/api/appointments', booking())).json<{ appointments: CalendarAppointment[] }>()
      .appointments[0];
    const clash = await owner.post('/api/appointments', booking({ time: '10:30' }));
    expect(clash.statusCode).toBe(409);
    const body = clash.json<{ error: { reason: string; conflicts: { id: string }[] } }>();
    expect(body.error.reason).toBe('time_taken');
    expect(body.error.conflicts.map((c) => c.id)).toEqual([first?.id]);
    const confirmed = await owner.post(
      '/api/appointments',
      booking({ time: '10:30', acknowledgedConflicts: [first?.id] }),
    );
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect((await week(owner)).appointments).toHaveLength(2);
  });

  it('moves and cancels; a cancellation frees the time; a time the clocks skip is refused by name', async () => {
    const first = (await owner.post('/api/appointments', booking())).json<{ appointments: CalendarAppointment[] }>()
      .appointments[0];
    const moved = await owner.put(`/api/appointments/${first?.id}`, {
      ...booking({ date: '2026-03-05', time: '09:00' }),
    });
    expect(moved.json<{ appointments: CalendarAppointment[] }>().appointments[0]?.startsAt).toBe(
      '2026-03-05T14:00:00.000Z',
    );
    const cancelled = await owner.post(`/api/appointments/${first?.id}/status`, { status: 'cancelled_by_client' });
    expect(cancelled.json<{ appointments: CalendarAppointment[] }>().appointments[0]?.status).toBe(
      'cancelled_by_client',
    );
    expect((await owner.post('/api/appointments', booking({ date: '2026-03-05', time: '09:00' }))).statusCode).toBe(
      201,
    );
    // Restoring the cancelled one would double-book: refused.
    expect((await owner.post(`/api/appointments/${first?.id}/status`, { status: 'scheduled' })).statusCode).toBe(409);
    const gap = await owner.post('/api/appointments', booking({ date: '2026-03-08', time: '02:30' }));
    expect(gap.json()).toMatchObject({ error: { fields: [{ field: 'time' }] } });
  });

  it('shows a clinician their own calendar only, and books only their own clients', async () => {
    const clinician = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    const agent = await signInAs(t.app, clinician.email);
    await owner.post('/api/appointments', booking());
    const own = await week(agent);
    expect(own.appointments).toEqual([]);
    expect(own.clinicians.map((c) => c.id)).toEqual([clinician.id]);
    expect(
      (
        await agent.get(
          `/api/calendar?from=2026-03-02T05:00:00.000Z&to=2026-03-09T04:00:00.000Z&clinicianId=${practice.owner.id}`,
        )
      ).statusCode,
    ).toBe(404);
    await t.deps.db
      .insertInto('service_clinicians')
      .values({ practice_id: practice.id, service_id: serviceId, staff_id: clinician.id })
      .execute();
    // The client is the owner's, not theirs: not found.
    expect((await agent.post('/api/appointments', booking({ clinicianId: clinician.id }))).statusCode).toBe(404);
    const theirs = await createClient(
      t.deps,
      practice.id,
      {},
      { clinicians: { primaryId: clinician.id, otherIds: [] } },
    );
    const booked = await agent.post('/api/appointments', booking({ clinicianId: clinician.id, clientId: theirs.id }));
    expect(booked.statusCode, booked.body).toBe(201);
    const biller = await createStaff(t.deps, practice.id, { roles: ['biller'] });
    expect(
      (
        await (
          await signInAs(t.app, biller.email)
        ).get('/api/calendar?from=2026-03-02T05:00:00.000Z&to=2026-03-09T04:00:00.000Z')
      ).statusCode,
    ).toBe(403);
  });

  it('answers 404 for another practice’s appointment', async () => {
    const other = await createPractice(t.deps);
    const otherAgent = await signInAs(t.app, other.owner.email);
    const mine = (await owner.post('/api/appointments', booking())).json<{ appointments: CalendarAppointment[] }>()
      .appointments[0];
    expect((await otherAgent.post(`/api/appointments/${mine?.id}/status`, { status: 'attended' })).statusCode).toBe(
      404,
    );
    expect((await otherAgent.put(`/api/appointments/${mine?.id}`, booking())).statusCode).toBe(404);
  });
});

describe('recurring series across daylight-saving changes', () => {
  async function seriesIn(zone: string, date: string, repeat: Record<string, unknown>, time = '10:00') {
    const home = await createPractice(t.deps, { timeZone: zone });
    const agent = await signInAs(t.app, home.owner.email);
    const service = await createService(t.deps, home.id, { clinicianIds: [home.owner.id] });
    const location = await createLocation(t.deps, home.id);
    const client = await createClient(t.deps, home.id, { phone: null });
    const body = {
      clientId: client.id,
      serviceId: service.id,
      clinicianId: home.owner.id,
      locationId: location.id,
      date,
      time,
      repeat,
    };
    const answer = await agent.post('/api/appointments', body);
    expect(answer.statusCode, answer.body).toBe(201);
    return { agent, body, appointments: answer.json<{ appointments: CalendarAppointment[] }>().appointments };
  }

  it('keeps 10:00 at 10:00 in New York through the spring-forward gap', async () => {
    const { appointments } = await seriesIn('America/New_York', '2026-03-01', {
      frequency: 'weekly',
      until: null,
      count: 3,
    });
    expect(appointments.map((a) => a.startsAt)).toEqual([
      '2026-03-01T15:00:00.000Z',
      '2026-03-08T14:00:00.000Z',
      '2026-03-15T14:00:00.000Z',
    ]);
  });

  it('keeps 10:00 at 10:00 in New York through the fall-back repeated hour, every other week until a date', async () => {
    const { appointments } = await seriesIn('America/New_York', '2026-10-18', {
      frequency: 'every_other_week',
      until: '2026-11-15',
      count: null,
    });
    expect(appointments.map((a) => a.startsAt)).toEqual([
      '2026-10-18T14:00:00.000Z',
      '2026-11-01T15:00:00.000Z',
      '2026-11-15T15:00:00.000Z',
    ]);
  });

  it('puts a 01:30 series on the first 01:30 of the night New York repeats that hour', async () => {
    const { appointments } = await seriesIn(
      'America/New_York',
      '2026-10-25',
      { frequency: 'weekly', until: null, count: 2 },
      '01:30',
    );
    expect(appointments.map((a) => a.startsAt)).toEqual(['2026-10-25T05:30:00.000Z', '2026-11-01T05:30:00.000Z']);
  });

  it('keeps 10:00 at 10:00 in London across both changes', async () => {
    const spring = await seriesIn('Europe/London', '2026-03-22', { frequency: 'weekly', until: null, count: 2 });
    expect(spring.appointments.map((a) => a.startsAt)).toEqual([
      '2026-03-22T10:00:00.000Z',
      '2026-03-29T09:00:00.000Z',
    ]);
    const autumn = await seriesIn('Europe/London', '2026-10-18', { frequency: 'weekly', until: null, count: 2 });
    expect(autumn.appointments.map((a) => a.startsAt)).toEqual([
      '2026-10-18T09:00:00.000Z',
      '2026-10-25T10:00:00.000Z',
    ]);
  });

  it('moves "this and following" to a new time, leaving the earlier ones, and cancels "this and following"', async () => {
    const { agent, body, appointments } = await seriesIn('America/New_York', '2026-03-01', {
      frequency: 'weekly',
      until: null,
      count: 4,
    });
    const second = appointments[1];
    const moved = await agent.put(`/api/appointments/${second?.id}`, {
      ...body,
      date: '2026-03-09',
      time: '11:00',
      scope: 'following',
      repeat: undefined,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // Each following one moves a day later, to 11:00 local (EDT from 8 March).
    expect(moved.json<{ appointments: CalendarAppointment[] }>().appointments.map((a) => a.startsAt)).toEqual([
      '2026-03-09T15:00:00.000Z',
      '2026-03-16T15:00:00.000Z',
      '2026-03-23T15:00:00.000Z',
    ]);
    const third = appointments[2];
    const cancelled = await agent.post(`/api/appointments/${third?.id}/status`, {
      status: 'cancelled_by_practice',
      scope: 'following',
    });
    expect(cancelled.json<{ appointments: CalendarAppointment[] }>().appointments.map((a) => a.status)).toEqual([
      'cancelled_by_practice',
      'cancelled_by_practice',
    ]);
    const one = await agent.post(`/api/appointments/${appointments[0]?.id}/status`, {
      status: 'attended',
      scope: 'this',
    });
    expect(one.json<{ appointments: CalendarAppointment[] }>().appointments).toHaveLength(1);
  });

  it('refuses a series over 104 appointments and one with both or neither end, naming the field', async () => {
    const home = await createPractice(t.deps);
    const agent = await signInAs(t.app, home.owner.email);
    const service = await createService(t.deps, home.id, { clinicianIds: [home.owner.id] });
    const location = await createLocation(t.deps, home.id);
    const client = await createClient(t.deps, home.id);
    const body = {
      clientId: client.id,
      serviceId: service.id,
      clinicianId: home.owner.id,
      locationId: location.id,
      date: '2026-03-04',
      time: '10:00',
    };
    const tooLong = await agent.post('/api/appointments', {
      ...body,
      repeat: { frequency: 'weekly', until: '2030-01-01', count: null },
    });
    expect(tooLong.json()).toMatchObject({ error: { fields: [{ field: 'repeat.until' }] } });
    const both = await agent.post('/api/appointments', {
      ...body,
      repeat: { frequency: 'weekly', until: '2026-05-01', count: 3 },
    });
    expect(both.json()).toMatchObject({ error: { fields: [{ field: 'repeat.until' }] } });
  });
});
