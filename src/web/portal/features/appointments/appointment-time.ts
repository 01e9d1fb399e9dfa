import {
  browserTimeZone,
  calendarDay,
  formatTime,
  formatWeekdayDate,
  zoneAbbreviation,
} from '../../../common/dates.js';

/**
 * Appointment times in the zone the client chose, written in the practice's date and time format
 * (day or month first, 12- or 24-hour) like every other date in Portico, with the zone's short
 * name so a repeated hour on the night the clocks go back is told apart.
 */

export { browserTimeZone };

/** "2027-01-05": the local date of an instant in a zone, for grouping slots by day. */
export function localDate(instant: string, timeZone: string): string {
  return calendarDay(instant, timeZone);
}

/** "Tuesday, January 5" or "Tuesday, 5 January"; with the year when it is not this year's. */
export function dayLabel(instant: string, timeZone: string, now: Date = new Date()): string {
  const withYear = calendarDay(instant, timeZone).slice(0, 4) !== calendarDay(now, timeZone).slice(0, 4);
  return formatWeekdayDate(instant, timeZone, { withYear });
}

/** "3:00 PM GMT" or "15:00 GMT". */
export function timeLabel(instant: string, timeZone: string): string {
  return `${formatTime(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`;
}

/** "Tuesday, January 5, 2027, 3:00 PM GMT" or "Tuesday, 5 January 2027, 15:00 GMT". */
export function whenLabel(instant: string, timeZone: string): string {
  return `${formatWeekdayDate(instant, timeZone, { withYear: true })}, ${timeLabel(instant, timeZone)}`;
}

/** Every zone the browser knows, for choosing another. */
export function knownTimeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

/** "America/New York" for "America/New_York": the zone's name as people read it. */
export function zoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ');
}
