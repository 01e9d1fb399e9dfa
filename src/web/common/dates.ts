import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import relativeTime from 'dayjs/plugin/relativeTime.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

function inZone(iso: string, timeZone: string | undefined) {
  const value = dayjs.utc(iso);
  if (!timeZone) return value.local();
  try {
    return value.tz(timeZone);
  } catch {
    return value.local();
  }
}

/** "14 Mar 2025" in the practice's time zone. */
export function formatDate(iso: string, timeZone?: string): string {
  return inZone(iso, timeZone).format('D MMM YYYY');
}

/** "14 Mar 2025, 09:41" in the practice's time zone. */
export function formatDateTime(iso: string, timeZone?: string): string {
  return inZone(iso, timeZone).format('D MMM YYYY, HH:mm');
}

/** "14 Mar 2025, 09:41:07" — for logs where order within a minute matters. */
export function formatTimestamp(iso: string, timeZone?: string): string {
  return inZone(iso, timeZone).format('D MMM YYYY, HH:mm:ss');
}

/** A calendar date (YYYY-MM-DD, no time zone) as "23 Apr 1990". */
export function formatCalendarDate(date: string): string {
  const value = dayjs(date);
  return value.isValid() ? value.format('D MMM YYYY') : date;
}

/** "3 minutes ago". */
export function fromNow(iso: string): string {
  return dayjs.utc(iso).fromNow();
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
