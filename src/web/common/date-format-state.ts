import type { DateTimeFormat } from '../../shared/date-time-format.js';

/**
 * The practice's date and time format, as each app's session gate applies it. Kept apart from the
 * formatters (dates.ts, with dayjs), so a page that shows no date — a sign-in page — need not load them.
 */
let applied: DateTimeFormat | null = null;

/** Applies the practice's format to every formatter in dates.ts (called by each app's session gate). */
export function applyDateTimeFormat(format: DateTimeFormat): void {
  applied = format;
}

/** The format applied, or null before the practice is known. */
export function appliedDateTimeFormat(): DateTimeFormat | null {
  return applied;
}
