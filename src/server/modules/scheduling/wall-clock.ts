import { DateTime } from 'luxon';
import rrule from 'rrule';

// rrule is CommonJS to Node (its ES build is not exported): take RRule from the module object.
const { RRule } = rrule;

/**
 * Wall-clock time in a practice's IANA zone, and recurring series over it. Every instant is
 * computed with luxon from a local date and time; rrule works on local dates only (as floating
 * UTC dates), so a series at 10:00 stays at 10:00 on both sides of a daylight-saving change.
 */

/**
 * The instant of a local date and time in the zone, or null when that time does not exist there
 * (the hour skipped when clocks go forward). In the hour repeated when clocks go back, the first
 * (earlier) instant is taken.
 */
export function instantAt(date: string, time: string, zone: string): DateTime | null {
  const local = instantAtOrAfterGap(date, time, zone);
  if (!local.isValid) return null;
  if (local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) return null;
  return local;
}

/**
 * Like `instantAt`, but a time in the skipped hour moves forward by the gap (02:30 → 03:30), as
 * clocks do. A time of the repeated hour is its first (earlier) instant: luxon picks the later.
 */
export function instantAtOrAfterGap(date: string, time: string, zone: string): DateTime {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  const earlier = local.minus({ hours: 1 });
  return earlier.toFormat('yyyy-MM-dd HH:mm') === local.toFormat('yyyy-MM-dd HH:mm') ? earlier : local;
}

/** The local date (YYYY-MM-DD) and time (HH:mm) of an instant in the zone. */
export function wallClockOf(instant: string, zone: string): { date: string; time: string } {
  const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/** The date `days` after a local date. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toFormat('yyyy-MM-dd');
}

/** Whole days from one local date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

export interface Recurrence {
  /** 1: weekly; 2: every other week. */
  interval: 1 | 2;
  /** The last local date an occurrence may fall on. */
  until: string | null;
  count: number | null;
}

/** The rule as stored: RFC 5545 without DTSTART (the series keeps its first date and zone). */
export function ruleText(recurrence: Recurrence): string {
  const end =
    recurrence.count !== null ? `COUNT=${recurrence.count}` : `UNTIL=${(recurrence.until ?? '').replaceAll('-', '')}`;
  return `FREQ=WEEKLY;INTERVAL=${recurrence.interval};${end}`;
}

/** Reads a stored rule back. */
export function parseRuleText(text: string): Recurrence {
  const parts = new Map(text.split(';').map((part) => part.split('=') as [string, string]));
  const until = parts.get('UNTIL');
  const count = parts.get('COUNT');
  return {
    interval: parts.get('INTERVAL') === '2' ? 2 : 1,
    until: until ? `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` : null,
    count: count ? Number(count) : null,
  };
}

/** The local dates of a series starting on `startsOn`, at most `limit` of them (one more tells the caller it ran over). */
export function seriesDates(startsOn: string, recurrence: Recurrence, limit: number): string[] {
  const floating = (date: string) => new Date(`${date}T00:00:00.000Z`);
  const rule = new RRule({
    freq: RRule.WEEKLY,
    interval: recurrence.interval,
    dtstart: floating(startsOn),
    ...(recurrence.count !== null ? { count: Math.min(recurrence.count, limit + 1) } : {}),
    ...(recurrence.until !== null ? { until: floating(recurrence.until) } : {}),
  });
  return rule.all((_, index) => index < limit + 1).map((date) => date.toISOString().slice(0, 10));
}
