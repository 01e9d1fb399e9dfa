import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime.js';
import utc from 'dayjs/plugin/utc.js';
import * as shared from '../../shared/date-time-format.js';
import type { DateTimeFormat } from '../../shared/date-time-format.js';
import { appliedDateTimeFormat } from './date-format-state.js';

dayjs.extend(utc);
dayjs.extend(relativeTime);

/**
 * Every date and time the web apps show is formatted here, in the practice's format (day or month
 * first, 12- or 24-hour) by the same functions the server's emails use (src/shared/date-time-format.ts).
 * The format is the practice's: each app applies it as soon as it knows the practice (the staff
 * session, the portal's practice), before any page renders, and again when the owner changes it,
 * so call sites pass only the time zone.
 */

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export { applyDateTimeFormat } from './date-format-state.js';

let fallback: DateTimeFormat | null = null;

/** The format in use: the practice's, or the browser's until the practice is known. */
export function dateTimeFormat(): DateTimeFormat {
  return appliedDateTimeFormat() ?? (fallback ??= shared.defaultDateTimeFormat(browserTimeZone()));
}

/** "14 Mar 2025" or "Mar 14, 2025" in the practice's time zone. */
export function formatDate(iso: string, timeZone?: string): string {
  return shared.formatDate(iso, dateTimeFormat(), timeZone);
}

/** "21:37" or "9:37 PM" in the practice's time zone. */
export function formatTime(iso: string, timeZone?: string): string {
  return shared.formatTime(iso, dateTimeFormat(), timeZone);
}

/** "14 Mar 2025, 21:37" or "Mar 14, 2025, 9:37 PM" in the practice's time zone. */
export function formatDateTime(iso: string, timeZone?: string): string {
  return shared.formatDateTime(iso, dateTimeFormat(), timeZone);
}

/** "14 Mar 2025, 21:37:07" — for logs where order within a minute matters. */
export function formatTimestamp(iso: string, timeZone?: string): string {
  return shared.formatDateTime(iso, dateTimeFormat(), timeZone, { seconds: true });
}

/** "Friday, 14 March" or "Friday, March 14" (with the year when asked). */
export function formatWeekdayDate(iso: string, timeZone?: string, options: { withYear?: boolean } = {}): string {
  return shared.formatWeekdayDate(iso, dateTimeFormat(), timeZone, options);
}

/** "Friday, 14 March 2025, 21:37": for `title` attributes and screen readers. */
export function formatFullDateTime(iso: string, timeZone?: string): string {
  return shared.formatFullDateTime(iso, dateTimeFormat(), timeZone);
}

/** "EST", "GMT+1": the zone's short name at that instant. */
export function zoneAbbreviation(iso: string, timeZone: string): string {
  return shared.zoneAbbreviation(iso, timeZone);
}

/** A key equal for two instants on the same day in the time zone ("2025-03-14"). */
export function calendarDay(iso: string | Date, timeZone?: string): string {
  return shared.calendarDay(iso, timeZone);
}

/** A calendar date (YYYY-MM-DD, no time zone) as "23 Apr 1990" or "Apr 23, 1990". */
export function formatCalendarDate(date: string): string {
  return shared.formatCalendarDate(date, dateTimeFormat());
}

/** A calendar date as typed in forms: "23/04/1990" or "04/23/1990". */
export function formatNumericDate(date: string): string {
  return shared.formatNumericDate(date, dateTimeFormat());
}

/** "DD/MM/YYYY" or "MM/DD/YYYY": what a date field asks for. */
export function numericDatePattern(): string {
  return shared.numericDatePattern(dateTimeFormat());
}

/** Reads a date typed in the practice's order as YYYY-MM-DD, or says what is wrong with it. */
export function parseNumericDate(text: string): shared.ParsedNumericDate {
  return shared.parseNumericDate(text, dateTimeFormat());
}

/** "3 minutes ago". */
export function fromNow(iso: string): string {
  return dayjs.utc(iso).fromNow();
}
