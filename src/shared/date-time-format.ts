/**
 * One date and time format per practice, used alike by the staff app, the portal and emails: the
 * order of day and month ("14 Mar 2025" or "Mar 14, 2025"; "14/03/2025" or "03/14/2025") and the
 * clock ("21:37" or "9:37 PM"). Pure functions over Intl's time-zone data, so the browser and the
 * server print the same text for the same instant. Month and weekday names are English, as is
 * every other word of Portico.
 */

export const dateOrders = ['day-first', 'month-first'] as const;
export const clocks = ['24-hour', '12-hour'] as const;
export type DateOrder = (typeof dateOrders)[number];
export type Clock = (typeof clocks)[number];

export interface DateTimeFormat {
  dateOrder: DateOrder;
  clock: Clock;
}

/**
 * Time zones of the United States and its territories: practices there write the month first and
 * use the 12-hour clock. Every other practice starts with the day first and the 24-hour clock.
 * (A practice changes either in Settings; this only chooses the start.)
 */
const usZones = new Set([
  'America/New_York',
  'America/Detroit',
  'America/Kentucky/Louisville',
  'America/Kentucky/Monticello',
  'America/Louisville',
  'America/Indiana/Indianapolis',
  'America/Indiana/Vincennes',
  'America/Indiana/Winamac',
  'America/Indiana/Marengo',
  'America/Indiana/Petersburg',
  'America/Indiana/Vevay',
  'America/Indiana/Tell_City',
  'America/Indiana/Knox',
  'America/Indianapolis',
  'America/Fort_Wayne',
  'America/Knox_IN',
  'America/Chicago',
  'America/Menominee',
  'America/North_Dakota/Center',
  'America/North_Dakota/New_Salem',
  'America/North_Dakota/Beulah',
  'America/Denver',
  'America/Boise',
  'America/Shiprock',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Sitka',
  'America/Metlakatla',
  'America/Yakutat',
  'America/Nome',
  'America/Adak',
  'America/Atka',
  'America/Puerto_Rico',
  'America/St_Thomas',
  'America/Virgin',
  'Pacific/Honolulu',
  'Pacific/Johnston',
  'Pacific/Guam',
  'Pacific/Saipan',
  'Pacific/Pago_Pago',
  'Pacific/Samoa',
  'Navajo',
]);

/** The format a practice starts with, from its time zone: see `usZones`. */
export function defaultDateTimeFormat(timeZone: string): DateTimeFormat {
  return usZones.has(timeZone) || timeZone.startsWith('US/')
    ? { dateOrder: 'month-first', clock: '12-hour' }
    : { dateOrder: 'day-first', clock: '24-hour' };
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The wall-clock reading of an instant in a time zone. */
export interface ZonedParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
  /** 0 (Sunday) – 6 */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
      era: 'short',
    };
    try {
      formatter = new Intl.DateTimeFormat('en-US', timeZone ? { ...options, timeZone } : options);
    } catch {
      // An unknown zone (never saved: the server validates it) reads as UTC rather than failing a page.
      formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The year, month, day, hour, minute and second of `instant` in `timeZone` (the device's when absent). */
export function zonedParts(instant: string | Date, timeZone?: string): ZonedParts | null {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return null;
  const values: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(date)) values[part.type] = part.value;
  const year = Number(values.year) * (values.era === 'BC' ? -1 : 1);
  const month = Number(values.month);
  const day = Number(values.day);
  return {
    year,
    month,
    day,
    hour: Number(values.hour) % 24,
    minute: Number(values.minute),
    second: Number(values.second),
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function dayMonthYear(format: DateTimeFormat, day: number, month: number, year: number | null): string {
  const name = monthNames[month - 1]?.slice(0, 3) ?? '';
  if (format.dateOrder === 'month-first') return year === null ? `${name} ${day}` : `${name} ${day}, ${year}`;
  return year === null ? `${day} ${name}` : `${day} ${name} ${year}`;
}

function clockTime(format: DateTimeFormat, hour: number, minute: number, second: number | null): string {
  const rest = `${pad(minute)}${second === null ? '' : `:${pad(second)}`}`;
  if (format.clock === '24-hour') return `${pad(hour)}:${rest}`;
  return `${hour % 12 === 0 ? 12 : hour % 12}:${rest} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** "14 Mar 2025" or "Mar 14, 2025". */
export function formatDate(instant: string | Date, format: DateTimeFormat, timeZone?: string): string {
  const p = zonedParts(instant, timeZone);
  return p ? dayMonthYear(format, p.day, p.month, p.year) : String(instant);
}

/** "21:37" or "9:37 PM" (with `seconds`, "21:37:07" or "9:37:07 PM"). */
export function formatTime(
  instant: string | Date,
  format: DateTimeFormat,
  timeZone?: string,
  options: { seconds?: boolean } = {},
): string {
  const p = zonedParts(instant, timeZone);
  return p ? clockTime(format, p.hour, p.minute, options.seconds ? p.second : null) : String(instant);
}

/** "14 Mar 2025, 21:37" or "Mar 14, 2025, 9:37 PM". */
export function formatDateTime(
  instant: string | Date,
  format: DateTimeFormat,
  timeZone?: string,
  options: { seconds?: boolean } = {},
): string {
  const p = zonedParts(instant, timeZone);
  if (!p) return String(instant);
  return `${dayMonthYear(format, p.day, p.month, p.year)}, ${clockTime(format, p.hour, p.minute, options.seconds ? p.second : null)}`;
}

/** "Friday, 14 March" or "Friday, March 14" — with `withYear`, "Friday, 14 March 2025" or "Friday, March 14, 2025". */
export function formatWeekdayDate(
  instant: string | Date,
  format: DateTimeFormat,
  timeZone?: string,
  options: { withYear?: boolean } = {},
): string {
  const p = zonedParts(instant, timeZone);
  if (!p) return String(instant);
  const month = monthNames[p.month - 1] ?? '';
  const weekday = weekdayNames[p.weekday] ?? '';
  const year = options.withYear ? p.year : null;
  if (format.dateOrder === 'month-first') return `${weekday}, ${month} ${p.day}${year === null ? '' : `, ${year}`}`;
  return `${weekday}, ${p.day} ${month}${year === null ? '' : ` ${year}`}`;
}

/** "Friday, 14 March 2025, 21:37" or "Friday, March 14, 2025, 9:37 PM": for titles and screen readers. */
export function formatFullDateTime(instant: string | Date, format: DateTimeFormat, timeZone?: string): string {
  const p = zonedParts(instant, timeZone);
  if (!p) return String(instant);
  return `${formatWeekdayDate(instant, format, timeZone, { withYear: true })}, ${clockTime(format, p.hour, p.minute, null)}`;
}

const calendarPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function calendarParts(date: string): { year: number; month: number; day: number } | null {
  const match = calendarPattern.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  check.setUTCFullYear(year);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** A calendar date (YYYY-MM-DD, no time zone, like a date of birth) as "23 Apr 1990" or "Apr 23, 1990". */
export function formatCalendarDate(date: string, format: DateTimeFormat): string {
  const p = calendarParts(date);
  return p ? dayMonthYear(format, p.day, p.month, p.year) : date;
}

/** A calendar date as typed and shown in forms: "23/04/1990" or "04/23/1990". */
export function formatNumericDate(date: string, format: DateTimeFormat): string {
  const p = calendarParts(date);
  if (!p) return date;
  const year = String(p.year).padStart(4, '0');
  return format.dateOrder === 'month-first'
    ? `${pad(p.month)}/${pad(p.day)}/${year}`
    : `${pad(p.day)}/${pad(p.month)}/${year}`;
}

/** What a numeric date field asks for: "DD/MM/YYYY" or "MM/DD/YYYY". */
export function numericDatePattern(format: DateTimeFormat): string {
  return format.dateOrder === 'month-first' ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
}

export type ParsedNumericDate = { ok: true; date: string } | { ok: false; problem: string };

/**
 * Reads a date typed in the practice's order ("23/04/1990", "23.4.1990", "23-04-1990" day first;
 * "04/23/1990" month first) as YYYY-MM-DD. The year has four digits; a day that does not exist
 * (31/04) is refused, not rolled into the next month.
 */
export function parseNumericDate(text: string, format: DateTimeFormat): ParsedNumericDate {
  const pattern = numericDatePattern(format);
  const match = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!match) return { ok: false, problem: `must be a date written ${pattern}` };
  const [first, second, year] = [Number(match[1]), Number(match[2]), match[3] ?? ''];
  const [day, month] = format.dateOrder === 'month-first' ? [second, first] : [first, second];
  if (month < 1 || month > 12) return { ok: false, problem: `has no month ${month} (write it ${pattern})` };
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (!calendarParts(date)) {
    return { ok: false, problem: `is not a real date: ${monthNames[month - 1] ?? ''} has no day ${day}` };
  }
  return { ok: true, date };
}

/** A key equal for two instants on the same calendar day in `timeZone`: "2025-03-14". */
export function calendarDay(instant: string | Date, timeZone?: string): string {
  const p = zonedParts(instant, timeZone);
  return p ? `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}` : '';
}

const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone's short name at that instant, as English writes it: "EST" or "EDT" in New York, "GMT" or
 * "GMT+1" in London. Beside a time it tells apart the hour that happens twice when clocks go back.
 */
export function zoneAbbreviation(instant: string | Date, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  let formatter = zoneNameFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    } catch {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', timeZoneName: 'short' });
    }
    zoneNameFormatters.set(timeZone, formatter);
  }
  return formatter.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
}
