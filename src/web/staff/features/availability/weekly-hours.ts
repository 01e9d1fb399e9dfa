import { DateTime } from 'luxon';
import type { AvailabilityBlock } from '../../../../shared/schemas/availability.js';

/** ISO weekdays, 1 = Monday … 7 = Sunday (the API's numbering). */
export const weekdays = [
  { value: 1, label: 'Monday' },
  { value: 2, label: 'Tuesday' },
  { value: 3, label: 'Wednesday' },
  { value: 4, label: 'Thursday' },
  { value: 5, label: 'Friday' },
  { value: 6, label: 'Saturday' },
  { value: 7, label: 'Sunday' },
] as const;

export function weekdayName(weekday: number): string {
  return weekdays.find((day) => day.value === weekday)?.label ?? `Day ${weekday}`;
}

/** The weekday after this one (Sunday → Monday). */
export function nextWeekday(weekday: number): number {
  return (weekday % 7) + 1;
}

/** A block whose end is at or before its start runs past midnight into the next day. */
export function crossesMidnight(start: string, end: string): boolean {
  return end <= start;
}

/** A wall-clock "HH:MM" as an instant whose UTC clock reads it, for the practice's time format. */
export function wallClockInstant(time: string): string {
  return `2000-01-03T${time}:00.000Z`;
}

/** One block's span in words: "Monday 09:00–17:00", or "Friday 22:00 – Saturday 02:00". */
export function blockSpan(
  block: Pick<AvailabilityBlock, 'weekday' | 'start' | 'end'>,
  formatTime: (time: string) => string,
): string {
  const day = weekdayName(block.weekday);
  if (!crossesMidnight(block.start, block.end)) return `${day} ${formatTime(block.start)}–${formatTime(block.end)}`;
  return `${day} ${formatTime(block.start)} – ${weekdayName(nextWeekday(block.weekday))} ${formatTime(block.end)}`;
}

/** Blocks in the week's order: by weekday, then start. */
export function inWeekOrder<T extends { weekday: number; start: string }>(blocks: readonly T[]): T[] {
  return [...blocks].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

/**
 * A local date and time as a datetime-local input gives it ("2026-12-24T09:00"), read in the
 * practice's zone, as a UTC instant; null when it is not a date and time. A time the zone skips
 * (the spring-forward hour) moves forward, as the zone's clocks do.
 */
export function localToInstant(local: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const value = DateTime.fromISO(local, { zone });
  return value.isValid ? value.toUTC().toISO({ suppressMilliseconds: true }) : null;
}
