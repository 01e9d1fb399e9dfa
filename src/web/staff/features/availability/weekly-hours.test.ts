import { describe, expect, it } from 'vitest';
import { blockSpan, crossesMidnight, inWeekOrder, localToInstant, nextWeekday } from './weekly-hours.js';

const plain = (time: string) => time;

describe('weekly hours', () => {
  it('names a block that runs past midnight with the next day', () => {
    expect(crossesMidnight('22:00', '02:00')).toBe(true);
    expect(crossesMidnight('09:00', '17:00')).toBe(false);
    expect(crossesMidnight('00:00', '00:00')).toBe(true);
    expect(blockSpan({ weekday: 1, start: '09:00', end: '17:00' }, plain)).toBe('Monday 09:00–17:00');
    expect(blockSpan({ weekday: 5, start: '22:00', end: '02:00' }, plain)).toBe('Friday 22:00 – Saturday 02:00');
    expect(blockSpan({ weekday: 7, start: '20:00', end: '01:30' }, plain)).toBe('Sunday 20:00 – Monday 01:30');
    expect(nextWeekday(7)).toBe(1);
  });

  it('orders blocks by weekday, then start', () => {
    const ordered = inWeekOrder([
      { weekday: 3, start: '09:00' },
      { weekday: 1, start: '13:00' },
      { weekday: 1, start: '08:00' },
    ]);
    expect(ordered).toEqual([
      { weekday: 1, start: '08:00' },
      { weekday: 1, start: '13:00' },
      { weekday: 3, start: '09:00' },
    ]);
  });

  it("reads a local date and time in the practice's zone, across daylight-saving changes", () => {
    expect(localToInstant('2026-12-24T09:00', 'America/New_York')).toBe('2026-12-24T14:00:00Z');
    expect(localToInstant('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T13:00:00Z');
    expect(localToInstant('2026-07-01T09:00', 'Europe/London')).toBe('2026-07-01T08:00:00Z');
    // 02:30 does not exist on New York's spring-forward night: the clocks read 03:30 then.
    expect(localToInstant('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00Z');
    expect(localToInstant('', 'America/New_York')).toBeNull();
    expect(localToInstant('2026-02-30T09:00', 'America/New_York')).toBeNull();
  });
});
