import { defaultDateTimeFormat, formatDateTime, type DateTimeFormat } from '../../../shared/date-time-format.js';
import type { PracticesTable } from '../../db/schema.js';

/**
 * The practice's date and time format: what the owner chose, or, until they choose, what its time
 * zone suggests (United States zones: month first, 12-hour; others: day first, 24-hour).
 */
export function practiceDateTimeFormat(
  practice: Pick<PracticesTable, 'time_zone' | 'date_order' | 'clock'>,
): DateTimeFormat {
  const start = defaultDateTimeFormat(practice.time_zone);
  return { dateOrder: practice.date_order ?? start.dateOrder, clock: practice.clock ?? start.clock };
}

/** An instant as the practice writes it, in its time zone: "Mar 14, 2025, 9:37 PM" (emails use this). */
export function formatPracticeDateTime(
  practice: Pick<PracticesTable, 'time_zone' | 'date_order' | 'clock'>,
  instant: string | Date,
): string {
  return formatDateTime(instant, practiceDateTimeFormat(practice), practice.time_zone);
}
