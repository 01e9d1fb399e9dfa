import { describe, expect, it } from 'vitest';
import { applyDateTimeFormat } from '../../../common/dates.js';
import { dayKey, dayLabel, fullLabel, timeLabel } from './message-time.js';

describe('portal message times', () => {
  it('name the day and time on the practice clock, in its format', () => {
    applyDateTimeFormat({ dateOrder: 'month-first', clock: '12-hour' });
    // 23:30 in New York on 8 Mar 2025 is already 9 Mar in UTC.
    const late = '2025-03-09T04:30:00.000Z';
    const now = new Date('2025-03-09T15:00:00.000Z'); // 11:00 EDT, the day summer time began
    expect(timeLabel(late, 'America/New_York')).toBe('11:30 PM');
    expect(dayLabel(late, 'America/New_York', now)).toBe('Yesterday');
    expect(dayLabel(late, 'UTC', now)).toBe('Today');
    expect(dayLabel('2025-03-03T12:00:00.000Z', 'America/New_York', now)).toBe('Monday, March 3');
    expect(dayLabel('2024-12-30T12:00:00.000Z', 'America/New_York', now)).toBe('Monday, December 30, 2024');
    expect(fullLabel(late, 'America/New_York')).toBe('Saturday, March 8, 2025, 11:30 PM');
    expect(dayKey(late, 'America/New_York')).not.toBe(dayKey(now.toISOString(), 'America/New_York'));

    applyDateTimeFormat({ dateOrder: 'day-first', clock: '24-hour' });
    expect(timeLabel(late, 'America/New_York')).toBe('23:30');
    expect(dayLabel('2025-03-03T12:00:00.000Z', 'America/New_York', now)).toBe('Monday, 3 March');
  });
});
