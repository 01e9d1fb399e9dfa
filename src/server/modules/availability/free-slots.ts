import { DateTime } from 'luxon';
import rrule, { type Weekday } from 'rrule';

// rrule is CommonJS to Node (its ES build is not exported): take RRule from the module object.
const { RRule } = rrule;

/**
 * The free-slot engine: which start instants a client may ask for. Pure — no database, no clock of
 * its own — so every rule is tested here, across time zones and DST, without a server.
 *
 * Availability is kept as local wall-clock time in the practice's IANA zone (a block is "Monday
 * 09:00–17:00", not an offset); rrule enumerates the weeks, luxon turns each local date and time
 * into an instant in that zone. Nothing here adds hours by hand: a day on which the clocks change is
 * 23 or 25 hours long, and slots follow real elapsed time from the block's start.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WeeklyBlock {
  weekday: IsoWeekday;
  /** Local wall-clock "HH:MM" in the practice's zone. */
  start: string;
  /** Local "HH:MM"; at or before `start` means the block ends on the next day (crosses midnight). */
  end: string;
  locationId: string;
  /** The services this block is for; empty means every service the clinician offers. */
  serviceIds: readonly string[];
  /** The switch Allow online appointment requests. */
  allowRequests: boolean;
}

/** A half-open span of time [start, end) in UTC instants. */
export interface Interval {
  start: Date;
  end: Date;
}

export interface SlotQuery {
  /** The practice's IANA time zone, in which the blocks are written. */
  zone: string;
  blocks: readonly WeeklyBlock[];
  /** One-off time off: no slot may overlap it. */
  timeOff: readonly Interval[];
  /** Booked appointments and held requests: no slot may come within `bufferMinutes` of them. */
  busy: readonly Interval[];
  bufferMinutes: number;
  /** Slots start every `intervalMinutes` from each block's start. */
  intervalMinutes: number;
  /** The service's duration: a slot must fit inside one block. */
  durationMinutes: number;
  minimumNoticeMinutes: number;
  bookingWindowDays: number;
  now: Date;
  /** Only slots starting in [from, to); the whole booking window when left out. */
  from?: Date;
  to?: Date;
  serviceId?: string;
  locationId?: string;
  /** Only blocks switched to Allow online appointment requests (the portal always asks so). */
  onlineOnly: boolean;
}

const rruleDays: Record<IsoWeekday, Weekday> = {
  1: RRule.MO,
  2: RRule.TU,
  3: RRule.WE,
  4: RRule.TH,
  5: RRule.FR,
  6: RRule.SA,
  7: RRule.SU,
};

export function parseLocalTime(value: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`not a local time (HH:MM): ${value}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Whether a block runs past midnight into the next local day. */
export function crossesMidnight(block: Pick<WeeklyBlock, 'start' | 'end'>): boolean {
  return block.end <= block.start;
}

/** The earliest and latest start a client may ask for now (minimum notice, booking window). */
export function requestWindow(
  query: Pick<SlotQuery, 'zone' | 'now' | 'minimumNoticeMinutes' | 'bookingWindowDays'>,
): Interval {
  const now = DateTime.fromJSDate(query.now, { zone: query.zone });
  return {
    start: now.plus({ minutes: query.minimumNoticeMinutes }).toJSDate(),
    end: now.plus({ days: query.bookingWindowDays }).toJSDate(),
  };
}

/**
 * Where a block falls on one local date, as UTC milliseconds: luxon places the date's local start
 * and end times in the zone (null when the block lies wholly in a spring-forward gap). The answer
 * depends only on the zone, the date and the block's times, and the zone's rules do not change
 * while the server runs, so it is kept: every request asks for the same few hundred dates, and
 * luxon's zone conversions (Intl formatting underneath) were most of a request's time (bench
 * `--only slots`, docs/decisions/037).
 */
const placements = new Map<string, { start: number; end: number } | null>();
const placementsKept = 100_000;

function placeBlock(
  zone: string,
  date: Date,
  block: Pick<WeeklyBlock, 'start' | 'end'>,
): { start: number; end: number } | null {
  const key = `${zone}|${date.getTime()}|${block.start}|${block.end}`;
  const kept = placements.get(key);
  if (kept !== undefined) return kept;
  const day = DateTime.fromObject(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
    { zone },
  );
  const start = day.set(parseLocalTime(block.start));
  const endDay = crossesMidnight(block) ? day.plus({ days: 1 }) : day;
  const end = endDay.set(parseLocalTime(block.end));
  const placed = end <= start ? null : { start: start.toMillis(), end: end.toMillis() };
  if (placements.size >= placementsKept) placements.clear();
  placements.set(key, placed);
  return placed;
}

/**
 * Each occurrence of the blocks as UTC intervals, for the local dates that can touch [from, to).
 * rrule walks the weeks on "floating" dates (the UTC fields of its dates are the local calendar
 * date); luxon places the local times of each date in the practice's zone.
 */
export function blockOccurrences(
  zone: string,
  blocks: readonly WeeklyBlock[],
  from: Date,
  to: Date,
): { block: WeeklyBlock; interval: Interval }[] {
  if (blocks.length === 0 || to <= from) return [];
  // A block that crosses midnight on the day before `from` may still reach into it.
  const first = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  const floating = (day: DateTime): Date => new Date(Date.UTC(day.year, day.month - 1, day.day));
  const result: { block: WeeklyBlock; interval: Interval }[] = [];
  const byDay = new Map<IsoWeekday, WeeklyBlock[]>();
  for (const block of blocks) byDay.set(block.weekday, [...(byDay.get(block.weekday) ?? []), block]);
  const rule = new RRule({
    freq: RRule.WEEKLY,
    byweekday: [...byDay.keys()].map((day) => rruleDays[day]),
    dtstart: floating(first),
    until: floating(last),
  });
  for (const date of rule.all()) {
    // The floating date's own weekday (0 = Sunday), as ISO.
    const weekday = (date.getUTCDay() || 7) as IsoWeekday;
    for (const block of byDay.get(weekday) ?? []) {
      const placed = placeBlock(zone, date, block);
      if (!placed) continue; // a block that lies wholly in a spring-forward gap
      const interval = { start: new Date(placed.start), end: new Date(placed.end) };
      if (interval.end > from && interval.start < to) result.push({ block, interval });
    }
  }
  return result;
}

/** Sorted by start, overlapping and touching spans merged: what the conflict scan walks. */
function mergeSorted(intervals: readonly Interval[], padMinutes: number): { start: number; end: number }[] {
  const pad = padMinutes * 60_000;
  const spans = intervals
    .map((interval) => ({ start: interval.start.getTime() - pad, end: interval.end.getTime() + pad }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start <= previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** The first merged span that ends after `time`, by binary search. */
function firstEndingAfter(spans: readonly { start: number; end: number }[], time: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((spans[middle]?.end ?? 0) <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

function overlapsAny(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  const span = spans[firstEndingAfter(spans, start)];
  return span !== undefined && span.start < end;
}

/** Whether a block may carry a request for this service and location. */
export function blockOffers(
  block: WeeklyBlock,
  query: Pick<SlotQuery, 'serviceId' | 'locationId' | 'onlineOnly'>,
): boolean {
  if (query.onlineOnly && !block.allowRequests) return false;
  if (query.locationId !== undefined && block.locationId !== query.locationId) return false;
  if (query.serviceId !== undefined && block.serviceIds.length > 0 && !block.serviceIds.includes(query.serviceId))
    return false;
  return true;
}

/** The free slot starts, as UTC instants, sorted and without repeats. */
export function freeSlots(query: SlotQuery): Date[] {
  if (query.durationMinutes <= 0 || query.intervalMinutes <= 0) return [];
  const window = requestWindow(query);
  const from = new Date(Math.max(window.start.getTime(), query.from?.getTime() ?? -Infinity));
  // A start exactly at the end of the booking window is still inside it.
  const last = Math.min(window.end.getTime(), (query.to?.getTime() ?? Infinity) - 1);
  if (last < from.getTime()) return [];
  const busy = mergeSorted(query.busy, query.bufferMinutes);
  const off = mergeSorted(query.timeOff, 0);
  const duration = query.durationMinutes * 60_000;
  const step = query.intervalMinutes * 60_000;
  const starts = new Set<number>();
  const blocks = query.blocks.filter((block) => blockOffers(block, query));
  for (const { interval } of blockOccurrences(query.zone, blocks, from, new Date(last + 1))) {
    const blockStart = interval.start.getTime();
    const blockEnd = interval.end.getTime();
    // The first grid point at or after `from`: slots keep the block's rhythm in elapsed time.
    const skip = Math.max(0, Math.ceil((from.getTime() - blockStart) / step));
    for (let start = blockStart + skip * step; start + duration <= blockEnd && start <= last; start += step) {
      if (overlapsAny(busy, start, start + duration) || overlapsAny(off, start, start + duration)) continue;
      starts.add(start);
    }
  }
  return [...starts].sort((a, b) => a - b).map((time) => new Date(time));
}

export type SlotRefusal =
  'in_the_past' | 'inside_minimum_notice' | 'beyond_booking_window' | 'outside_availability' | 'taken';

/**
 * Why a start the client asked for is not free, or null when it is. The same rules as freeSlots,
 * in the order a person would give them, so an answer names the first that fails.
 */
export function checkSlot(query: SlotQuery, start: Date): SlotRefusal | null {
  if (start.getTime() <= query.now.getTime()) return 'in_the_past';
  const window = requestWindow(query);
  if (start < window.start) return 'inside_minimum_notice';
  if (start > window.end) return 'beyond_booking_window';
  const openAt = freeSlots({ ...query, busy: [], from: start, to: new Date(start.getTime() + 1) });
  if (openAt.length === 0) return 'outside_availability';
  const freeAt = freeSlots({ ...query, from: start, to: new Date(start.getTime() + 1) });
  return freeAt.length === 0 ? 'taken' : null;
}
