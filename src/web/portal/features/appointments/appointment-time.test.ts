import { describe, expect, it } from 'vitest';
import { applyDateTimeFormat } from '../../../common/dates.js';
import { dayLabel, localDate, timeLabel, whenLabel } from './appointment-time.js';

describe('portal appointment times', () => {
  // 15:00 in London on 5 Jan 2027 is 10:00 in New York.
  const afternoon = '2027-01-05T15:00:00.000Z';
  const now = new Date('2026-12-07T12:00:00.000Z');

  it('are written in the practice format, in the zone the client chose', () => {
    applyDateTimeFormat({ dateOrder: 'day-first', clock: '24-hour' });
    expect(timeLabel(afternoon, 'Europe/London')).toBe('15:00 GMT');
    expect(whenLabel(afternoon, 'Europe/London')).toBe('Tuesday, 5 January 2027, 15:00 GMT');
    expect(whenLabel(afternoon, 'America/New_York')).toBe('Tuesday, 5 January 2027, 10:00 EST');
    expect(dayLabel(afternoon, 'Europe/London', now)).toBe('Tuesday, 5 January 2027');
    expect(dayLabel(afternoon, 'Europe/London', new Date('2027-01-01T12:00:00.000Z'))).toBe('Tuesday, 5 January');

    applyDateTimeFormat({ dateOrder: 'month-first', clock: '12-hour' });
    expect(timeLabel(afternoon, 'Europe/London')).toBe('3:00 PM GMT');
    expect(whenLabel(afternoon, 'Europe/London')).toBe('Tuesday, January 5, 2027, 3:00 PM GMT');
    expect(dayLabel(afternoon, 'America/New_York', new Date('2027-01-01T12:00:00.000Z'))).toBe('Tuesday, January 5');
  });

  it('group by the client’s calendar day and tell apart the hour the clocks go back', () => {
    applyDateTimeFormat({ dateOrder: 'month-first', clock: '12-hour' });
    // 23:30 in New York on 8 Mar 2027 is already 9 Mar in London.
    expect(localDate('2027-03-09T04:30:00.000Z', 'America/New_York')).toBe('2027-03-08');
    expect(localDate('2027-03-09T04:30:00.000Z', 'Europe/London')).toBe('2027-03-09');
    // 1:30 AM happens twice in New York on 7 Nov 2027.
    expect(timeLabel('2027-11-07T05:30:00.000Z', 'America/New_York')).toBe('1:30 AM EDT');
    expect(timeLabel('2027-11-07T06:30:00.000Z', 'America/New_York')).toBe('1:30 AM EST');
  });
});
