import { calendarDay, formatFullDateTime, formatTime, formatWeekdayDate } from '../../../common/dates.js';

/**
 * Message times in the practice's time zone and date and time format, as staff and emails show
 * them: "9:41 AM" or "09:41", and days as "Today", "Monday, March 3" or "Monday, 3 March".
 */

/** A key that is equal for two times on the same day in the practice's time zone. */
export function dayKey(iso: string, timeZone: string): string {
  return calendarDay(iso, timeZone);
}

export function dayLabel(iso: string, timeZone: string, now: Date = new Date()): string {
  const day = calendarDay(iso, timeZone);
  const today = calendarDay(now, timeZone);
  if (day === today) return 'Today';
  if (isDayBefore(day, today)) return 'Yesterday';
  return formatWeekdayDate(iso, timeZone, { withYear: day.slice(0, 4) !== today.slice(0, 4) });
}

/** Whether calendar day `a` (YYYY-MM-DD) is the day before `b`, whatever the clocks did overnight. */
function isDayBefore(a: string, b: string): boolean {
  const next = new Date(`${a}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10) === b;
}

export function timeLabel(iso: string, timeZone: string): string {
  return formatTime(iso, timeZone);
}

/** The full date and time, for the tooltip-like `title` and for screen readers. */
export function fullLabel(iso: string, timeZone: string): string {
  return formatFullDateTime(iso, timeZone);
}
