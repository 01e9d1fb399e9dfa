import { describe, expect, it } from 'vitest';
import type { CalendarAppointment } from '../../../../shared/schemas/scheduling.js';
import {
  daysOf,
  fallsOn,
  hoursShown,
  layOutDay,
  minuteOfDay,
  rangeOf,
  stepDate,
  timeAtOffset,
} from './calendar-time.js';

const newYork = 'America/New_York';

function appointment(id: string, startsAt: string, endsAt: string): CalendarAppointment {
  return {
    id,
    clientId: 'c',
    clientName: 'Avery Brooks',
    serviceId: 's',
    serviceName: 'Individual therapy',
    clinicianId: 'k',
    clinicianName: 'Dana Owner',
    locationId: 'l',
    locationName: 'Main office',
    locationKind: 'in_person',
    startsAt,
    endsAt,
    status: 'scheduled',
    videoLink: null,
    seriesId: null,
  };
}

describe('the calendar in the practice time zone', () => {
  it('shows the week from Monday, and steps a day or a week', () => {
    expect(daysOf('week', '2026-03-11', newYork)).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(daysOf('day', '2026-03-11', newYork)).toEqual(['2026-03-11']);
    expect(stepDate('week', '2026-03-11', 1)).toBe('2026-03-18');
    expect(stepDate('day', '2026-03-01', -1)).toBe('2026-02-28');
  });

  it('asks for local midnight to midnight, across the spring-forward change (a week of 167 hours)', () => {
    const range = rangeOf(daysOf('week', '2026-03-08', newYork), newYork);
    // Monday 2 March 00:00 EST to Monday 9 March 00:00 EDT.
    expect(range).toEqual({ from: '2026-03-02T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    const after = rangeOf(daysOf('day', '2026-03-08', newYork), newYork);
    expect(Date.parse(after.to) - Date.parse(after.from)).toBe(23 * 3_600_000);
  });

  it('places 10:00 at 10:00 on the days either side of a clock change', () => {
    // 10:00 EST is 15:00Z; 10:00 EDT is 14:00Z.
    expect(minuteOfDay('2026-03-07T15:00:00.000Z', '2026-03-07', newYork)).toBe(600);
    expect(minuteOfDay('2026-03-09T14:00:00.000Z', '2026-03-09', newYork)).toBe(600);
    // Europe/London in summer: 10:00 BST is 09:00Z.
    expect(minuteOfDay('2026-07-01T09:00:00.000Z', '2026-07-01', 'Europe/London')).toBe(600);
  });

  it('shows an appointment on the days it touches, not on the day after one ending at midnight', () => {
    const late = appointment('a', '2026-05-04T03:00:00.000Z', '2026-05-04T04:00:00.000Z'); // 23:00–24:00 EDT on 3 May
    expect(fallsOn(late, '2026-05-03', newYork)).toBe(true);
    expect(fallsOn(late, '2026-05-04', newYork)).toBe(false);
    const [placed] = layOutDay([late], '2026-05-03', newYork);
    expect(placed).toMatchObject({ startMinute: 23 * 60, endMinute: 24 * 60 });
  });

  it('puts overlapping appointments side by side and lets the others use the whole width', () => {
    const day = '2026-05-04';
    const placed = layOutDay(
      [
        appointment('a', '2026-05-04T14:00:00.000Z', '2026-05-04T14:50:00.000Z'), // 10:00–10:50
        appointment('b', '2026-05-04T14:30:00.000Z', '2026-05-04T15:20:00.000Z'), // 10:30–11:20
        appointment('c', '2026-05-04T15:00:00.000Z', '2026-05-04T15:50:00.000Z'), // 11:00–11:50
        appointment('d', '2026-05-04T18:00:00.000Z', '2026-05-04T18:50:00.000Z'), // 14:00–14:50
      ],
      day,
      newYork,
    );
    const byId = new Map(placed.map((p) => [p.appointment.id, p]));
    // a and b overlap, b and c overlap; c reuses a's column once a has ended.
    expect(byId.get('a')).toMatchObject({ column: 0, columns: 2 });
    expect(byId.get('b')).toMatchObject({ column: 1, columns: 2 });
    expect(byId.get('c')).toMatchObject({ column: 0, columns: 2 });
    expect(byId.get('d')).toMatchObject({ column: 0, columns: 1 });
    expect(hoursShown(placed)).toEqual({ first: 7, last: 20 });
  });

  it('widens the hours shown to take in an early appointment', () => {
    const placed = layOutDay(
      [appointment('a', '2026-05-04T10:30:00.000Z', '2026-05-04T11:20:00.000Z')],
      '2026-05-04',
      newYork,
    );
    expect(hoursShown(placed)).toEqual({ first: 6, last: 20 });
  });
});

describe('a click on the grid', () => {
  it('books at the quarter hour the click lands in', () => {
    expect(timeAtOffset(0, 7, 60)).toBe('07:00');
    expect(timeAtOffset(14, 7, 60)).toBe('07:00');
    expect(timeAtOffset(15, 7, 60)).toBe('07:15');
    expect(timeAtOffset(150, 7, 60)).toBe('09:30');
    expect(timeAtOffset(59.9, 0, 60)).toBe('00:45');
  });

  it('stays inside the day', () => {
    expect(timeAtOffset(-5, 7, 60)).toBe('07:00');
    expect(timeAtOffset(-500, 0, 60)).toBe('00:00');
    expect(timeAtOffset(24 * 60, 0, 60)).toBe('23:45');
  });
});
