import type { SchedulingSettingsTable } from '../../db/schema.js';
import { iso } from '../../platform/clock.js';
import type { Scope } from '../../platform/request-context.js';
import { listBlocks, listBusyTime, listTimeOff } from './availability.queries.js';
import type { IsoWeekday, SlotQuery } from './free-slots.js';

export interface SlotAsk {
  clinicianId: string;
  serviceId: string;
  locationId: string;
  durationMinutes: number;
}

/**
 * Everything the free-slot engine needs for one clinician, service and place, read from the
 * database: the weekly blocks, time off and busy time from now to the end of the booking window, and
 * the practice's request settings. `exceptRequestId` leaves one held request out of the busy time.
 */
export async function slotQueryFor(
  scope: Scope,
  ask: SlotAsk,
  settings: SchedulingSettingsTable,
  zone: string,
  now: Date,
): Promise<SlotQuery> {
  const nowIso = iso(now);
  // A day past the window's end: a slot starting at its very end still needs its whole length clear.
  const until = new Date(now.getTime() + (settings.booking_window_days + 2) * 24 * 60 * 60_000).toISOString();
  const [blocks, timeOff, busy] = await Promise.all([
    listBlocks(scope, ask.clinicianId),
    listTimeOff(scope, ask.clinicianId, nowIso),
    listBusyTime(
      scope,
      ask.clinicianId,
      new Date(now.getTime() - settings.buffer_minutes * 60_000).toISOString(),
      until,
      nowIso,
    ),
  ]);
  const interval = (row: { starts_at: string; ends_at: string }) => ({
    start: new Date(row.starts_at),
    end: new Date(row.ends_at),
  });
  return {
    zone,
    blocks: blocks.map((row) => ({
      weekday: row.weekday as IsoWeekday,
      start: row.start_time,
      end: row.end_time,
      locationId: row.location_id,
      serviceIds: JSON.parse(row.service_ids) as string[],
      allowRequests: row.allow_requests === 1,
    })),
    timeOff: timeOff.map(interval),
    busy: busy.map(interval),
    bufferMinutes: settings.buffer_minutes,
    intervalMinutes: settings.slot_interval_minutes,
    durationMinutes: ask.durationMinutes,
    minimumNoticeMinutes: settings.min_notice_minutes,
    bookingWindowDays: settings.booking_window_days,
    now,
    serviceId: ask.serviceId,
    locationId: ask.locationId,
    onlineOnly: true,
  };
}
