import { describe, expect, it } from 'vitest';
import {
  calendarDay,
  defaultDateTimeFormat,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatFullDateTime,
  formatNumericDate,
  formatTime,
  formatWeekdayDate,
  parseNumericDate,
  zoneAbbreviation,
  type DateTimeFormat,
} from './date-time-format.js';

const dayFirst24: DateTimeFormat = { dateOrder: 'day-first', clock: '24-hour' };
const monthFirst12: DateTimeFormat = { dateOrder: 'month-first', clock: '12-hour' };
const dayFirst12: DateTimeFormat = { dateOrder: 'day-first', clock: '12-hour' };
const monthFirst24: DateTimeFormat = { dateOrder: 'month-first', clock: '24-hour' };

describe('formatting in the practice format', () => {
  const evening = '2025-03-14T21:37:07.000Z';

  it('puts the day or the month first', () => {
    expect(formatDate(evening, dayFirst24, 'UTC')).toBe('14 Mar 2025');
    expect(formatDate(evening, monthFirst12, 'UTC')).toBe('Mar 14, 2025');
    expect(formatCalendarDate('1990-04-23', dayFirst24)).toBe('23 Apr 1990');
    expect(formatCalendarDate('1990-04-23', monthFirst24)).toBe('Apr 23, 1990');
    expect(formatNumericDate('1990-04-03', dayFirst12)).toBe('03/04/1990');
    expect(formatNumericDate('1990-04-03', monthFirst12)).toBe('04/03/1990');
    expect(formatWeekdayDate(evening, dayFirst24, 'UTC')).toBe('Friday, 14 March');
    expect(formatWeekdayDate(evening, monthFirst24, 'UTC', { withYear: true })).toBe('Friday, March 14, 2025');
  });

  it('uses the 24- or the 12-hour clock, with noon and midnight as 12 PM and 12 AM', () => {
    expect(formatTime(evening, dayFirst24, 'UTC')).toBe('21:37');
    expect(formatTime(evening, dayFirst12, 'UTC')).toBe('9:37 PM');
    expect(formatTime(evening, monthFirst12, 'UTC', { seconds: true })).toBe('9:37:07 PM');
    expect(formatTime('2025-03-14T00:05:00Z', monthFirst12, 'UTC')).toBe('12:05 AM');
    expect(formatTime('2025-03-14T12:00:00Z', monthFirst12, 'UTC')).toBe('12:00 PM');
    expect(formatTime('2025-03-14T00:05:00Z', dayFirst24, 'UTC')).toBe('00:05');
    expect(formatDateTime(evening, dayFirst24, 'UTC')).toBe('14 Mar 2025, 21:37');
    expect(formatDateTime(evening, monthFirst12, 'UTC')).toBe('Mar 14, 2025, 9:37 PM');
    expect(formatDateTime(evening, dayFirst24, 'UTC', { seconds: true })).toBe('14 Mar 2025, 21:37:07');
    expect(formatFullDateTime(evening, monthFirst12, 'UTC')).toBe('Friday, March 14, 2025, 9:37 PM');
    expect(formatFullDateTime(evening, dayFirst24, 'UTC')).toBe('Friday, 14 March 2025, 21:37');
  });

  it('reads the wall clock of the time zone, moving the date where the day differs', () => {
    expect(formatDateTime(evening, monthFirst12, 'America/Los_Angeles')).toBe('Mar 14, 2025, 2:37 PM');
    expect(formatDateTime(evening, dayFirst24, 'Australia/Sydney')).toBe('15 Mar 2025, 08:37');
    expect(formatDateTime(evening, dayFirst24, 'Asia/Kolkata')).toBe('15 Mar 2025, 03:07');
    expect(calendarDay(evening, 'Australia/Sydney')).toBe('2025-03-15');
    expect(calendarDay(evening, 'America/New_York')).toBe('2025-03-14');
  });

  it('follows daylight saving time across both changes', () => {
    // New York springs forward on 9 Mar 2025 at 02:00 EST (07:00 UTC): 01:59 is followed by 03:00.
    expect(formatTime('2025-03-09T06:59:00Z', monthFirst12, 'America/New_York')).toBe('1:59 AM');
    expect(formatTime('2025-03-09T07:00:00Z', monthFirst12, 'America/New_York')).toBe('3:00 AM');
    // It falls back on 2 Nov 2025 at 02:00 EDT (06:00 UTC): 01:30 happens twice.
    expect(formatTime('2025-11-02T05:30:00Z', dayFirst24, 'America/New_York')).toBe('01:30');
    expect(formatTime('2025-11-02T06:30:00Z', dayFirst24, 'America/New_York')).toBe('01:30');
    // London springs forward on 30 Mar 2025 at 01:00 UTC.
    expect(formatDateTime('2025-03-30T00:59:00Z', dayFirst24, 'Europe/London')).toBe('30 Mar 2025, 00:59');
    expect(formatDateTime('2025-03-30T01:00:00Z', dayFirst24, 'Europe/London')).toBe('30 Mar 2025, 02:00');
    // Sydney falls back on 6 Apr 2025 at 03:00 AEDT (16:00 UTC the day before).
    expect(formatDateTime('2025-04-05T15:59:00Z', dayFirst12, 'Australia/Sydney')).toBe('6 Apr 2025, 2:59 AM');
    expect(formatDateTime('2025-04-05T16:00:00Z', dayFirst12, 'Australia/Sydney')).toBe('6 Apr 2025, 2:00 AM');
  });

  it('accepts a Date and shows an unreadable value as it came', () => {
    expect(formatDate(new Date('2025-12-31T23:30:00Z'), dayFirst24, 'UTC')).toBe('31 Dec 2025');
    expect(formatDateTime('not a date', dayFirst24, 'UTC')).toBe('not a date');
    expect(formatCalendarDate('1990-02-30', dayFirst24)).toBe('1990-02-30');
  });

  it('reads an unknown time zone as UTC rather than failing', () => {
    expect(formatDateTime(evening, dayFirst24, 'Mars/Olympus_Mons')).toBe('14 Mar 2025, 21:37');
    expect(zoneAbbreviation(evening, 'Mars/Olympus_Mons')).toBe('UTC');
  });

  it('names the zone as it was at that instant, so the hour that happens twice reads apart', () => {
    expect(zoneAbbreviation('2025-01-05T15:00:00Z', 'America/New_York')).toBe('EST');
    expect(zoneAbbreviation('2025-07-05T15:00:00Z', 'America/New_York')).toBe('EDT');
    expect(zoneAbbreviation('2025-01-05T15:00:00Z', 'Europe/London')).toBe('GMT');
    expect(zoneAbbreviation('2025-07-05T15:00:00Z', 'Europe/London')).toBe('GMT+1');
    expect(zoneAbbreviation('2025-07-05T15:00:00Z', 'Asia/Kolkata')).toBe('GMT+5:30');
    // 01:30 twice in New York on 2 Nov 2025.
    expect(zoneAbbreviation('2025-11-02T05:30:00Z', 'America/New_York')).toBe('EDT');
    expect(zoneAbbreviation('2025-11-02T06:30:00Z', 'America/New_York')).toBe('EST');
    expect(zoneAbbreviation('not a date', 'UTC')).toBe('');
  });
});

describe('the format a practice starts with', () => {
  it('is month first and 12-hour in the United States, day first and 24-hour elsewhere', () => {
    for (const zone of [
      'America/New_York',
      'America/Chicago',
      'America/Los_Angeles',
      'Pacific/Honolulu',
      'US/Eastern',
    ]) {
      expect(defaultDateTimeFormat(zone)).toEqual(monthFirst12);
    }
    for (const zone of ['Europe/London', 'America/Toronto', 'America/Mexico_City', 'Australia/Sydney', 'UTC']) {
      expect(defaultDateTimeFormat(zone)).toEqual(dayFirst24);
    }
  });
});

describe('reading a typed date in the practice order', () => {
  it('reads day first or month first', () => {
    expect(parseNumericDate('03/04/1990', dayFirst24)).toEqual({ ok: true, date: '1990-04-03' });
    expect(parseNumericDate('03/04/1990', monthFirst12)).toEqual({ ok: true, date: '1990-03-04' });
    expect(parseNumericDate(' 3.4.1990 ', dayFirst24)).toEqual({ ok: true, date: '1990-04-03' });
    expect(parseNumericDate('12-31-1990', monthFirst12)).toEqual({ ok: true, date: '1990-12-31' });
    expect(parseNumericDate('29/02/2024', dayFirst24)).toEqual({ ok: true, date: '2024-02-29' });
  });

  it('says what is wrong', () => {
    expect(parseNumericDate('23/04/1990', monthFirst12)).toEqual({
      ok: false,
      problem: 'has no month 23 (write it MM/DD/YYYY)',
    });
    expect(parseNumericDate('31/04/1990', dayFirst24)).toEqual({
      ok: false,
      problem: 'is not a real date: April has no day 31',
    });
    expect(parseNumericDate('29/02/2023', dayFirst24)).toMatchObject({ ok: false });
    expect(parseNumericDate('1990-04-23', dayFirst24)).toEqual({
      ok: false,
      problem: 'must be a date written DD/MM/YYYY',
    });
    expect(parseNumericDate('3/4/90', dayFirst24)).toMatchObject({ ok: false });
    expect(parseNumericDate('00/04/1990', dayFirst24)).toMatchObject({ ok: false });
  });

  it('reads back what it writes', () => {
    for (const format of [dayFirst24, monthFirst12]) {
      const parsed = parseNumericDate(formatNumericDate('2001-09-11', format), format);
      expect(parsed).toEqual({ ok: true, date: '2001-09-11' });
    }
  });
});
