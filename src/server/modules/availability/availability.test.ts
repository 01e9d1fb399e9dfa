import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPractice, createStaff } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { requestsWorld } from '../../../../test/helpers/appointment-requests.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { Availability, RequestSettings, TimeOff } from '../../../shared/schemas/availability.js';
import type { FreeSlotList } from '../../../shared/schemas/appointment-requests.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('availability', () => {
  it('keeps the weekly blocks as the practice’s wall-clock time, and refuses what the practice does not have', async () => {
    const w = await requestsWorld(t);
    const url = `/api/availability/${w.practice.owner.id}`;
    const view = (await w.staff.get(url)).json<Availability>();
    expect(view.timeZone).toBe('America/New_York');
    expect(view.blocks).toHaveLength(5);
    expect(view.blocks[0]).toMatchObject({ weekday: 1, start: '09:00', end: '17:00', allowRequests: true });

    const bad = await w.staff.put(`${url}/blocks`, {
      blocks: [
        { weekday: 8, start: '9:00', end: '17:00', locationId: w.location.id, serviceIds: [], allowRequests: true },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['blocks.0.weekday', 'blocks.0.start']));

    const elsewhere = await createPractice(t.deps);
    const { createLocation } = await import('../../../../test/factories/scheduling.js');
    const theirs = await createLocation(t.deps, elsewhere.id);
    const foreign = await w.staff.put(`${url}/blocks`, {
      blocks: [
        { weekday: 1, start: '22:00', end: '02:00', locationId: theirs.id, serviceIds: [], allowRequests: true },
      ],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ error: { fields: [{ field: 'blocks.0.locationId' }] } });

    // A block crossing midnight is kept as written.
    const night = await w.staff.put(`${url}/blocks`, {
      blocks: [
        {
          weekday: 5,
          start: '22:00',
          end: '02:00',
          locationId: w.location.id,
          serviceIds: [w.service.id],
          allowRequests: false,
        },
      ],
    });
    expect(night.statusCode, night.body).toBe(200);
    expect(night.json<Availability>().blocks).toEqual([
      expect.objectContaining({
        weekday: 5,
        start: '22:00',
        end: '02:00',
        serviceIds: [w.service.id],
        allowRequests: false,
      }),
    ]);
    // Not open to requests: the portal offers nothing.
    expect((await w.clientAgent.get(w.slotsUrl)).json<FreeSlotList>().slots).toEqual([]);
  });

  it('takes time off out of the free slots, and gives it back when removed', async () => {
    const w = await requestsWorld(t);
    const url = `/api/availability/${w.practice.owner.id}/time-off`;
    const added = await w.staff.post(url, {
      startsAt: '2027-01-05T05:00:00.000Z',
      endsAt: '2027-01-06T05:00:00.000Z',
      note: 'Conference',
    });
    expect(added.statusCode, added.body).toBe(201);
    const slots = (await w.clientAgent.get(w.slotsUrl)).json<FreeSlotList>().slots;
    expect(slots.some((slot) => slot.startsWith('2027-01-05'))).toBe(false);
    expect(slots.some((slot) => slot.startsWith('2027-01-06'))).toBe(true);
    const backwards = await w.staff.post(url, {
      startsAt: '2027-01-06T05:00:00.000Z',
      endsAt: '2027-01-05T05:00:00.000Z',
    });
    expect(backwards.json()).toMatchObject({ error: { fields: [{ field: 'endsAt' }] } });
    const { id } = added.json<TimeOff>();
    expect((await w.staff.request('DELETE', `${url}/${id}`)).statusCode).toBe(200);
    expect((await w.clientAgent.get(w.slotsUrl)).json<FreeSlotList>().slots).toContain('2027-01-05T14:00:00.000Z');
    expect((await w.staff.request('DELETE', `${url}/${id}`)).statusCode).toBe(404);
  });

  it('lets a clinician manage their own hours only; owners and schedulers anyone’s; another practice none', async () => {
    const w = await requestsWorld(t);
    const clinician = await createStaff(t.deps, w.practice.id, { roles: ['clinician'] });
    const scheduler = await createStaff(t.deps, w.practice.id, { roles: ['scheduler'] });
    const asClinician = await signInAs(t.app, clinician.email);
    expect((await asClinician.get(`/api/availability/${clinician.id}`)).statusCode).toBe(200);
    expect((await asClinician.get(`/api/availability/${w.practice.owner.id}`)).statusCode).toBe(403);
    const asScheduler = await signInAs(t.app, scheduler.email);
    expect((await asScheduler.get(`/api/availability/${clinician.id}`)).statusCode).toBe(200);
    // A scheduler is not a clinician: no hours of their own to keep.
    expect((await asScheduler.get(`/api/availability/${scheduler.id}`)).statusCode).toBe(404);
    const elsewhere = await createPractice(t.deps);
    const stranger = await signInAs(t.app, elsewhere.owner.email);
    expect((await stranger.get(`/api/availability/${w.practice.owner.id}`)).statusCode).toBe(404);
  });

  it('keeps the request settings to owners, with the defaults of the issue', async () => {
    const practice = await createPractice(t.deps);
    const owner = await signInAs(t.app, practice.owner.email);
    expect((await owner.get('/api/settings/appointment-requests')).json<RequestSettings>()).toEqual({
      requestsEnabled: false,
      minimumNoticeMinutes: 1440,
      bookingWindowDays: 60,
      slotIntervalMinutes: 30,
      bufferMinutes: 0,
      holdMinutes: 4320,
      clientCancelAllowed: true,
      clientCancelNoticeMinutes: 1440,
      reminderMinutes: 1440,
      reminderNamesService: false,
    });
    const clinician = await signInAs(t.app, (await createStaff(t.deps, practice.id)).email);
    expect((await clinician.get('/api/settings/appointment-requests')).statusCode).toBe(403);
    const bad = await owner.put('/api/settings/appointment-requests', {
      requestsEnabled: true,
      minimumNoticeMinutes: -1,
      bookingWindowDays: 0,
      slotIntervalMinutes: 30,
      bufferMinutes: 0,
      holdMinutes: 4320,
      clientCancelAllowed: true,
      clientCancelNoticeMinutes: 1440,
      reminderMinutes: 1440,
      reminderNamesService: false,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    expect(fields).toEqual(['minimumNoticeMinutes', 'bookingWindowDays']);
  });
});
