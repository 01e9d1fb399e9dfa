import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../../test/factories/clients.js';
import { factoryStaffContext } from '../../../../test/factories/contexts.js';
import { createPractice, createStaff, type FactoryPractice } from '../../../../test/factories/practices.js';
import {
  createAppointment,
  createAppointmentRequest,
  createLocation,
  createService,
  type AppointmentFacts,
} from '../../../../test/factories/scheduling.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { iso } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { claimClinicianTime, type TimeClaim } from './index.js';
import { insertAppointment, insertAppointmentRequest } from './scheduling.queries.js';

let t: TestApp;
let practice: FactoryPractice;
let ctx: StaffContext;
let facts: Omit<AppointmentFacts, 'startsAt' | 'endsAt'>;

// The test clock starts at 2026-03-02T15:00Z; the slots below are the next day.
const ten = '2026-03-03T15:00:00.000Z';
const tenFifty = '2026-03-03T15:50:00.000Z';

/**
 * Holds the answer of every read of pending requests (the guard's last read before the caller
 * writes) for a moment, so bookings started together all read before any writes: without the
 * guard's per-clinician lock on PostgreSQL, several would see a free slot and all book it.
 */
class SlowConflictRead implements KyselyPlugin {
  private readonly reads = new WeakSet<QueryId>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    if (node.kind === 'SelectQueryNode' && JSON.stringify(node).includes('"hold_expires_at"')) this.reads.add(queryId);
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs) {
    if (this.reads.has(queryId)) await new Promise((resolve) => setTimeout(resolve, 100));
    return result;
  }
}

beforeEach(async () => {
  t = await buildTestApp({}, { plugins: [new SlowConflictRead()] });
  practice = await createPractice(t.deps);
  ctx = await factoryStaffContext(t.deps, practice.id);
  const client = await createClient(t.deps, practice.id);
  const service = await createService(t.deps, practice.id, { clinicianIds: [practice.owner.id] });
  const location = await createLocation(t.deps, practice.id);
  facts = { clientId: client.id, serviceId: service.id, clinicianId: practice.owner.id, locationId: location.id };
});
afterEach(async () => {
  await t.close();
});

function claim(overrides: Partial<TimeClaim> = {}): Promise<unknown> {
  return ctx.inTransaction((tx) =>
    claimClinicianTime(tx, { clinicianId: practice.owner.id, startsAt: ten, endsAt: tenFifty, ...overrides }),
  );
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('the booking guard', () => {
  it('refuses a time that overlaps an appointment, naming it only when asked', async () => {
    const booked = await createAppointment(t.deps, practice.id, {
      ...facts,
      startsAt: '2026-03-03T15:30:00.000Z',
      endsAt: '2026-03-03T16:20:00.000Z',
    });
    const plain = await refusal(claim());
    expect([plain.status, plain.code, plain.reason, plain.conflicts]).toEqual([
      409,
      'conflict',
      'time_taken',
      undefined,
    ]);
    const named = await refusal(claim({ showConflicts: true }));
    expect(named.conflicts).toEqual([
      { kind: 'appointment', id: booked.id, startsAt: '2026-03-03T15:30:00.000Z', endsAt: '2026-03-03T16:20:00.000Z' },
    ]);
  });

  it('lets back-to-back times both stand, and ignores other clinicians and practices', async () => {
    await createAppointment(t.deps, practice.id, { ...facts, startsAt: tenFifty, endsAt: '2026-03-03T16:40:00.000Z' });
    await createAppointment(t.deps, practice.id, { ...facts, startsAt: '2026-03-03T14:10:00.000Z', endsAt: ten });
    const colleague = await createStaff(t.deps, practice.id, { roles: ['clinician'] });
    await createAppointment(t.deps, practice.id, {
      ...facts,
      clinicianId: colleague.id,
      startsAt: ten,
      endsAt: tenFifty,
    });
    const other = await createPractice(t.deps);
    const otherClient = await createClient(t.deps, other.id);
    const otherService = await createService(t.deps, other.id);
    const otherLocation = await createLocation(t.deps, other.id);
    await createAppointment(t.deps, other.id, {
      clientId: otherClient.id,
      serviceId: otherService.id,
      locationId: otherLocation.id,
      clinicianId: practice.owner.id,
      startsAt: ten,
      endsAt: tenFifty,
    });
    await expect(claim()).resolves.toEqual([]);
  });

  it('counts scheduled, attended and no-show appointments; cancellations free the time', async () => {
    for (const status of ['late_cancelled', 'cancelled_by_client', 'cancelled_by_practice'] as const) {
      await createAppointment(t.deps, practice.id, { ...facts, status, startsAt: ten, endsAt: tenFifty });
    }
    await expect(claim()).resolves.toEqual([]);
    for (const status of ['scheduled', 'attended', 'no_show'] as const) {
      const held = await createAppointment(t.deps, practice.id, { ...facts, status, startsAt: ten, endsAt: tenFifty });
      expect((await refusal(claim())).reason).toBe('time_taken');
      await expect(claim({ exceptAppointmentIds: [held.id] })).resolves.toEqual([]);
      await t.deps.db.deleteFrom('appointments').where('id', '=', held.id).execute();
    }
  });

  it('counts pending requests until their hold expires; answered requests free the time', async () => {
    for (const status of ['accepted', 'declined', 'cancelled', 'expired'] as const) {
      await createAppointmentRequest(t.deps, practice.id, { ...facts, status, startsAt: ten, endsAt: tenFifty });
    }
    await expect(claim()).resolves.toEqual([]);
    const holdExpiresAt = '2026-03-02T18:00:00.000Z';
    const pending = await createAppointmentRequest(t.deps, practice.id, {
      ...facts,
      startsAt: '2026-03-03T15:20:00.000Z',
      endsAt: '2026-03-03T16:10:00.000Z',
      holdExpiresAt,
    });
    expect((await refusal(claim({ showConflicts: true }))).conflicts).toMatchObject([
      { kind: 'request', id: pending.id },
    ]);
    await expect(claim({ exceptRequestId: pending.id })).resolves.toEqual([]);
    t.deps.clock.set(new Date(holdExpiresAt));
    await expect(claim()).resolves.toEqual([]);
  });

  it('books over the conflicts staff confirmed, and over no other', async () => {
    const first = await createAppointment(t.deps, practice.id, { ...facts, startsAt: ten, endsAt: tenFifty });
    await expect(claim({ acknowledged: [first.id] })).resolves.toMatchObject([{ id: first.id }]);
    await createAppointment(t.deps, practice.id, {
      ...facts,
      startsAt: '2026-03-03T15:40:00.000Z',
      endsAt: '2026-03-03T16:30:00.000Z',
    });
    const refused = await refusal(claim({ acknowledged: [first.id], showConflicts: true }));
    expect(refused.conflicts).toHaveLength(2);
  });

  it('refuses someone who is not an active clinician, and a window that is empty or too long', async () => {
    const biller = await createStaff(t.deps, practice.id, { roles: ['biller'] });
    expect((await refusal(claim({ clinicianId: biller.id }))).fields).toMatchObject([{ field: 'clinicianId' }]);
    const stranger = await createPractice(t.deps);
    expect((await refusal(claim({ clinicianId: stranger.owner.id }))).fields).toMatchObject([{ field: 'clinicianId' }]);
    expect((await refusal(claim({ endsAt: ten }))).fields).toMatchObject([{ field: 'startsAt' }]);
    expect((await refusal(claim({ endsAt: '2026-03-04T15:00:00.001Z' }))).fields).toMatchObject([
      { field: 'startsAt' },
    ]);
  });

  it('will not run outside the caller’s transaction', async () => {
    await expect(
      claimClinicianTime(ctx, { clinicianId: practice.owner.id, startsAt: ten, endsAt: tenFifty }),
    ).rejects.toThrow(/inside the caller/);
  });
});

describe('one slot, many takers at once', () => {
  function book(startsAt: string, endsAt: string): Promise<string> {
    return ctx.inTransaction(async (tx) => {
      await claimClinicianTime(tx, { clinicianId: practice.owner.id, startsAt, endsAt });
      const id = newId();
      const now = iso(tx.clock.now());
      await insertAppointment(tx, {
        id,
        client_id: facts.clientId,
        service_id: facts.serviceId,
        clinician_id: facts.clinicianId,
        location_id: facts.locationId,
        starts_at: startsAt,
        ends_at: endsAt,
        status: 'scheduled',
        video_link: null,
        series_id: null,
        created_at: now,
        created_by: ctx.actor.staffId,
        updated_at: now,
        updated_by: ctx.actor.staffId,
      });
      return id;
    });
  }

  function hold(startsAt: string, endsAt: string): Promise<string> {
    return ctx.inTransaction(async (tx) => {
      await claimClinicianTime(tx, { clinicianId: practice.owner.id, startsAt, endsAt });
      const id = newId();
      const now = tx.clock.now();
      await insertAppointmentRequest(tx, {
        id,
        client_id: facts.clientId,
        service_id: facts.serviceId,
        clinician_id: facts.clinicianId,
        location_id: facts.locationId,
        starts_at: startsAt,
        ends_at: endsAt,
        status: 'pending',
        hold_expires_at: iso(new Date(now.getTime() + 72 * 3_600_000)),
        client_message: null,
        client_time_zone: 'Europe/London',
        decline_reason: null,
        appointment_id: null,
        answered_at: null,
        answered_by: null,
        created_at: iso(now),
      });
      return id;
    });
  }

  async function taken(): Promise<number> {
    const appointments = await t.deps.db
      .selectFrom('appointments')
      .select('id')
      .where('clinician_id', '=', practice.owner.id)
      .execute();
    const requests = await t.deps.db
      .selectFrom('appointment_requests')
      .select('id')
      .where('clinician_id', '=', practice.owner.id)
      .execute();
    return appointments.length + requests.length;
  }

  it('lets exactly one of 20 bookings of one slot win; the others are refused with 409', async () => {
    // Each starts a few minutes apart, so every pair overlaps but no two are the same row.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => {
        const start = Date.parse(ten) + i * 60_000;
        return book(new Date(start).toISOString(), new Date(start + 50 * 60_000).toISOString());
      }),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const error of lost) expect(error).toMatchObject({ status: 409, reason: 'time_taken' });
    expect(await taken()).toBe(1);
  });

  it('lets exactly one of 20 requests and bookings racing for one slot win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? book(ten, tenFifty) : hold(ten, tenFifty))),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ status: 409, reason: 'time_taken' });
    }
    expect(await taken()).toBe(1);
  });

  it('lets bookings of different clinicians at the same time all stand', async () => {
    const others = await Promise.all(
      Array.from({ length: 4 }, () => createStaff(t.deps, practice.id, { roles: ['clinician'] })),
    );
    const results = await Promise.allSettled(
      others.map((other) =>
        ctx.inTransaction((tx) => claimClinicianTime(tx, { clinicianId: other.id, startsAt: ten, endsAt: tenFifty })),
      ),
    );
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
  });
});
