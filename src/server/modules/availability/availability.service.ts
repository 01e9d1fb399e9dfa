import type {
  Availability,
  RequestSettings,
  TimeOff,
  TimeOffInput,
  WeeklyBlocksBody,
} from '../../../shared/schemas/availability.js';
import type { AvailabilityBlocksTable, SchedulingSettingsTable, TimeOffTable } from '../../db/schema.js';
import { auditIn } from '../../platform/audit.js';
import { iso, type Clock } from '../../platform/clock.js';
import type { StaffActor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Scope, StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { getPractice } from '../practices/index.js';
import {
  deleteTimeOff,
  findActiveClinician,
  findLocations,
  findSchedulingSettings,
  findServices,
  insertTimeOff,
  listBlocks,
  listTimeOff,
  replaceBlocks,
  saveSchedulingSettings,
} from './availability.queries.js';

/**
 * Whose availability a staff member may see and change: owners and schedulers anyone's (they run
 * every calendar), a clinician their own.
 */
export function mayManageAvailability(actor: StaffActor, clinicianId: string): boolean {
  return actor.roles.includes('owner') || actor.roles.includes('scheduler') || actor.staffId === clinicianId;
}

async function requireClinician(ctx: StaffContext, clinicianId: string): Promise<void> {
  if (!mayManageAvailability(ctx.actor, clinicianId)) throw new AppError('forbidden');
  if (!(await findActiveClinician(ctx, clinicianId))) throw notFound();
}

export function toBlock(row: AvailabilityBlocksTable): Availability['blocks'][number] {
  return {
    id: row.id,
    weekday: row.weekday,
    start: row.start_time,
    end: row.end_time,
    locationId: row.location_id,
    serviceIds: JSON.parse(row.service_ids) as string[],
    allowRequests: row.allow_requests === 1,
  };
}

function toTimeOff(row: TimeOffTable): TimeOff {
  return { id: row.id, startsAt: row.starts_at, endsAt: row.ends_at, note: row.note };
}

async function availabilityOf(ctx: StaffContext, clinicianId: string): Promise<Availability> {
  const [practice, blocks, timeOff] = await Promise.all([
    getPractice(ctx),
    listBlocks(ctx, clinicianId),
    listTimeOff(ctx, clinicianId, iso(ctx.clock.now())),
  ]);
  return { clinicianId, timeZone: practice.time_zone, blocks: blocks.map(toBlock), timeOff: timeOff.map(toTimeOff) };
}

export async function getAvailability(ctx: StaffContext, clinicianId: string): Promise<Availability> {
  await requireClinician(ctx, clinicianId);
  return availabilityOf(ctx, clinicianId);
}

/** Saves the clinician's weekly blocks as a whole; each names a location and services of the practice. */
export async function saveWeeklyBlocks(
  ctx: StaffContext,
  clinicianId: string,
  body: WeeklyBlocksBody,
): Promise<Availability> {
  await requireClinician(ctx, clinicianId);
  await ctx.inTransaction(async (tx) => {
    const locationIds = [...new Set(body.blocks.map((block) => block.locationId))];
    const known = new Set((await findLocations(tx, locationIds)).map((location) => location.id));
    const serviceIds = [...new Set(body.blocks.flatMap((block) => block.serviceIds))];
    const services = new Set((await findServices(tx, serviceIds)).map((service) => service.id));
    const fields = body.blocks.flatMap((block, index) => [
      ...(known.has(block.locationId)
        ? []
        : [{ field: `blocks.${index}.locationId`, message: 'is not a location of the practice' }]),
      ...block.serviceIds
        .map((id, at) => ({ id, at }))
        .filter(({ id }) => !services.has(id))
        .map(({ at }) => ({ field: `blocks.${index}.serviceIds.${at}`, message: 'is not a service of the practice' })),
    ]);
    if (fields.length > 0) throw new AppError('validation_failed', undefined, fields);
    const now = iso(tx.clock.now());
    await replaceBlocks(
      tx,
      clinicianId,
      body.blocks.map((block) => ({
        id: newId(),
        weekday: block.weekday,
        start_time: block.start,
        end_time: block.end,
        location_id: block.locationId,
        service_ids: JSON.stringify([...new Set(block.serviceIds)]),
        allow_requests: block.allowRequests ? 1 : 0,
        created_at: now,
        updated_at: now,
      })),
    );
    await auditIn(tx, { action: 'availability.updated', details: { clinicianId, blocks: body.blocks.length } });
  });
  return availabilityOf(ctx, clinicianId);
}

export async function addTimeOff(ctx: StaffContext, clinicianId: string, input: TimeOffInput): Promise<TimeOff> {
  await requireClinician(ctx, clinicianId);
  const row = {
    id: newId(),
    clinician_id: clinicianId,
    starts_at: new Date(input.startsAt).toISOString(),
    ends_at: new Date(input.endsAt).toISOString(),
    note: input.note,
    created_at: iso(ctx.clock.now()),
  };
  await ctx.inTransaction(async (tx) => {
    await insertTimeOff(tx, row);
    await auditIn(tx, { action: 'availability.time_off_added', details: { clinicianId, timeOffId: row.id } });
  });
  return toTimeOff({ ...row, practice_id: ctx.practiceId });
}

export async function removeTimeOff(ctx: StaffContext, clinicianId: string, id: string): Promise<void> {
  await requireClinician(ctx, clinicianId);
  await ctx.inTransaction(async (tx) => {
    if (!(await deleteTimeOff(tx, clinicianId, id))) throw notFound();
    await auditIn(tx, { action: 'availability.time_off_removed', details: { clinicianId, timeOffId: id } });
  });
}

/** A practice without a saved row has these (the columns' defaults, migration 022): requests off. */
export function defaultSchedulingSettings(practiceId: string, now: string): SchedulingSettingsTable {
  return {
    practice_id: practiceId,
    requests_enabled: 0,
    min_notice_minutes: 24 * 60,
    booking_window_days: 60,
    slot_interval_minutes: 30,
    buffer_minutes: 0,
    hold_minutes: 72 * 60,
    client_cancel_allowed: 1,
    client_cancel_notice_minutes: 24 * 60,
    reminder_minutes: 24 * 60,
    reminder_names_service: 0,
    updated_at: now,
  };
}

export async function loadSchedulingSettings(scope: Scope & { clock: Clock }): Promise<SchedulingSettingsTable> {
  return (await findSchedulingSettings(scope)) ?? defaultSchedulingSettings(scope.practiceId, iso(scope.clock.now()));
}

function toRequestSettings(row: SchedulingSettingsTable): RequestSettings {
  return {
    requestsEnabled: row.requests_enabled === 1,
    minimumNoticeMinutes: row.min_notice_minutes,
    bookingWindowDays: row.booking_window_days,
    slotIntervalMinutes: row.slot_interval_minutes,
    bufferMinutes: row.buffer_minutes,
    holdMinutes: row.hold_minutes,
    clientCancelAllowed: row.client_cancel_allowed === 1,
    clientCancelNoticeMinutes: row.client_cancel_notice_minutes,
    reminderMinutes: row.reminder_minutes,
    reminderNamesService: row.reminder_names_service === 1,
  };
}

export async function getRequestSettings(ctx: StaffContext): Promise<RequestSettings> {
  return toRequestSettings(await loadSchedulingSettings(ctx));
}

export async function updateRequestSettings(ctx: StaffContext, body: RequestSettings): Promise<RequestSettings> {
  return ctx.inTransaction(async (tx) => {
    const row: SchedulingSettingsTable = {
      practice_id: tx.practiceId,
      requests_enabled: body.requestsEnabled ? 1 : 0,
      min_notice_minutes: body.minimumNoticeMinutes,
      booking_window_days: body.bookingWindowDays,
      slot_interval_minutes: body.slotIntervalMinutes,
      buffer_minutes: body.bufferMinutes,
      hold_minutes: body.holdMinutes,
      client_cancel_allowed: body.clientCancelAllowed ? 1 : 0,
      client_cancel_notice_minutes: body.clientCancelNoticeMinutes,
      reminder_minutes: body.reminderMinutes,
      reminder_names_service: body.reminderNamesService ? 1 : 0,
      updated_at: iso(tx.clock.now()),
    };
    await saveSchedulingSettings(tx, row);
    await auditIn(tx, { action: 'settings.appointment_requests_updated' });
    return toRequestSettings(row);
  });
}
