import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  blockOccurrences,
  checkSlot,
  freeSlots,
  type IsoWeekday,
  type SlotQuery,
  type WeeklyBlock,
} from './free-slots.js';

const NY = 'America/New_York';

function block(weekday: IsoWeekday, start: string, end: string, extra: Partial<WeeklyBlock> = {}): WeeklyBlock {
  return { weekday, start, end, locationId: 'office', serviceIds: [], allowRequests: true, ...extra };
}

function query(overrides: Partial<SlotQuery>): SlotQuery {
  return {
    zone: NY,
    blocks: [],
    timeOff: [],
    busy: [],
    bufferMinutes: 0,
    intervalMinutes: 60,
    durationMinutes: 60,
    minimumNoticeMinutes: 0,
    bookingWindowDays: 400, // far enough for every date below; its own test narrows it
    now: new Date('2027-01-01T00:00:00Z'),
    onlineOnly: true,
    ...overrides,
  };
}

/** One local day in a zone as [from, to). */
function localDay(date: string, zone: string): { from: Date; to: Date } {
  const day = DateTime.fromISO(date, { zone });
  return { from: day.toJSDate(), to: day.plus({ days: 1 }).toJSDate() };
}

const utc = (dates: Date[]): string[] => dates.map((date) => date.toISOString().replace(':00.000Z', 'Z'));
const local = (dates: Date[], zone: string): string[] =>
  dates.map((date) => DateTime.fromJSDate(date, { zone }).toFormat('ccc HH:mm ZZZZ'));

describe('free slots from weekly blocks', () => {
  it('gives the starts of a Monday morning block in UTC', () => {
    // Monday 11 January 2027, New York in standard time (UTC−5).
    const slots = freeSlots(query({ blocks: [block(1, '09:00', '12:00')], ...localDay('2027-01-11', NY) }));
    expect(utc(slots)).toEqual(['2027-01-11T14:00Z', '2027-01-11T15:00Z', '2027-01-11T16:00Z']);
  });

  it('keeps a slot only when the whole service fits in the block', () => {
    const slots = freeSlots(
      query({
        blocks: [block(1, '09:00', '11:00')],
        intervalMinutes: 30,
        durationMinutes: 50,
        ...localDay('2027-01-11', NY),
      }),
    );
    expect(local(slots, NY)).toEqual(['Mon 09:00 EST', 'Mon 09:30 EST', 'Mon 10:00 EST']);
  });

  it('follows the wall clock across the spring change: the same local hour, an hour earlier in UTC', () => {
    const slots = freeSlots(
      query({
        blocks: [block(1, '09:00', '10:00')],
        from: new Date('2027-03-01T00:00Z'),
        to: new Date('2027-03-22T00:00Z'),
      }),
    );
    expect(utc(slots)).toEqual(['2027-03-01T14:00Z', '2027-03-08T14:00Z', '2027-03-15T13:00Z']);
    expect(local(slots, NY)).toEqual(['Mon 09:00 EST', 'Mon 09:00 EST', 'Mon 09:00 EDT']);
  });

  it('skips the hour that does not exist on the spring-forward night (New York, 14 March 2027)', () => {
    // 01:00–05:00 on that Sunday is three real hours: 02:00–03:00 never happens.
    const slots = freeSlots(query({ blocks: [block(7, '01:00', '05:00')], ...localDay('2027-03-14', NY) }));
    expect(local(slots, NY)).toEqual(['Sun 01:00 EST', 'Sun 03:00 EDT', 'Sun 04:00 EDT']);
    expect(utc(slots)).toEqual(['2027-03-14T06:00Z', '2027-03-14T07:00Z', '2027-03-14T08:00Z']);
    // A 30-minute grid does not invent 02:00 or 02:30 either.
    const halves = freeSlots(
      query({
        blocks: [block(7, '01:00', '04:00')],
        intervalMinutes: 30,
        durationMinutes: 30,
        ...localDay('2027-03-14', NY),
      }),
    );
    expect(local(halves, NY)).toEqual(['Sun 01:00 EST', 'Sun 01:30 EST', 'Sun 03:00 EDT', 'Sun 03:30 EDT']);
  });

  it('starts a block whose start falls in the gap when the clock reaches it', () => {
    const slots = freeSlots(
      query({
        blocks: [block(7, '02:30', '05:00')],
        intervalMinutes: 30,
        durationMinutes: 30,
        ...localDay('2027-03-14', NY),
      }),
    );
    expect(local(slots, NY)[0]).toBe('Sun 03:30 EDT');
    expect(slots).toHaveLength(3);
  });

  it('offers both 01:00s of the fall-back night (New York, 7 November 2027), as distinct instants', () => {
    // 00:00–03:00 on that Sunday is four real hours: 01:00–02:00 happens twice.
    const slots = freeSlots(query({ blocks: [block(7, '00:00', '03:00')], ...localDay('2027-11-07', NY) }));
    expect(local(slots, NY)).toEqual(['Sun 00:00 EDT', 'Sun 01:00 EDT', 'Sun 01:00 EST', 'Sun 02:00 EST']);
    expect(utc(slots)).toEqual(['2027-11-07T04:00Z', '2027-11-07T05:00Z', '2027-11-07T06:00Z', '2027-11-07T07:00Z']);
  });

  it('keeps a busy repeated hour busy only once: an appointment at the first 01:00 leaves the second free', () => {
    const first = new Date('2027-11-07T05:00Z');
    const slots = freeSlots(
      query({
        blocks: [block(7, '00:00', '03:00')],
        busy: [{ start: first, end: new Date('2027-11-07T06:00Z') }],
        ...localDay('2027-11-07', NY),
      }),
    );
    expect(local(slots, NY)).toEqual(['Sun 00:00 EDT', 'Sun 01:00 EST', 'Sun 02:00 EST']);
  });

  it('follows Europe/London across both changes of 2027', () => {
    const zone = 'Europe/London';
    const slots = freeSlots(
      query({
        zone,
        blocks: [block(1, '09:00', '10:00')],
        from: new Date('2027-03-20T00:00Z'),
        to: new Date('2027-11-09T00:00Z'),
        bookingWindowDays: 400,
      }),
    );
    const byDate = new Map(slots.map((slot) => [DateTime.fromJSDate(slot, { zone }).toISODate(), slot.toISOString()]));
    expect(byDate.get('2027-03-22')).toBe('2027-03-22T09:00:00.000Z'); // GMT
    expect(byDate.get('2027-03-29')).toBe('2027-03-29T08:00:00.000Z'); // BST from 28 March
    expect(byDate.get('2027-10-25')).toBe('2027-10-25T08:00:00.000Z'); // still BST
    expect(byDate.get('2027-11-01')).toBe('2027-11-01T09:00:00.000Z'); // GMT from 31 October
    expect(local(slots, zone).every((label) => label.startsWith('Mon 09:00'))).toBe(true);
  });

  it('gives a client in another zone the same instants, on the day of their own calendar', () => {
    // Monday 18:00–21:00 in New York is Tuesday 08:00–11:00 in Tokyo.
    const blocks = [block(1, '18:00', '21:00')];
    const tokyoTuesday = freeSlots(query({ blocks, ...localDay('2027-01-12', 'Asia/Tokyo') }));
    expect(local(tokyoTuesday, 'Asia/Tokyo')).toEqual(['Tue 08:00 GMT+9', 'Tue 09:00 GMT+9', 'Tue 10:00 GMT+9']);
    expect(local(tokyoTuesday, NY)).toEqual(['Mon 18:00 EST', 'Mon 19:00 EST', 'Mon 20:00 EST']);
    // Their Monday holds none of them.
    expect(freeSlots(query({ blocks, ...localDay('2027-01-11', 'Asia/Tokyo') }))).toEqual([]);
  });

  it('runs a block that crosses midnight into the next day', () => {
    const blocks = [block(5, '22:00', '02:00')];
    const friday = freeSlots(query({ blocks, ...localDay('2027-01-15', NY) }));
    expect(local(friday, NY)).toEqual(['Fri 22:00 EST', 'Fri 23:00 EST']);
    const saturday = freeSlots(query({ blocks, ...localDay('2027-01-16', NY) }));
    expect(local(saturday, NY)).toEqual(['Sat 00:00 EST', 'Sat 01:00 EST']);
    // A block ending at 00:00 ends at midnight, not before it starts.
    expect(freeSlots(query({ blocks: [block(5, '23:00', '00:00')], ...localDay('2027-01-15', NY) }))).toHaveLength(1);
  });

  it('counts real hours in a block that crosses midnight into the spring-forward night', () => {
    const slots = freeSlots(
      query({
        blocks: [block(6, '22:00', '04:00')],
        from: new Date('2027-03-13T12:00Z'),
        to: new Date('2027-03-15T00:00Z'),
      }),
    );
    expect(local(slots, NY)).toEqual([
      'Sat 22:00 EST',
      'Sat 23:00 EST',
      'Sun 00:00 EST',
      'Sun 01:00 EST',
      'Sun 03:00 EDT',
    ]);
  });

  it('keeps the buffer clear on both sides of busy time', () => {
    const slots = freeSlots(
      query({
        blocks: [block(1, '08:00', '13:00')],
        busy: [{ start: new Date('2027-01-11T15:00Z'), end: new Date('2027-01-11T16:00Z') }], // 10:00–11:00 local
        bufferMinutes: 15,
        intervalMinutes: 15,
        ...localDay('2027-01-11', NY),
      }),
    );
    const labels = local(slots, NY).map((label) => label.slice(4, 9));
    expect(labels).toContain('08:45');
    expect(labels).not.toContain('09:00');
    expect(labels).not.toContain('11:00');
    expect(labels).toContain('11:15');
  });

  it('leaves out time off, without a buffer', () => {
    const slots = freeSlots(
      query({
        blocks: [block(1, '09:00', '12:00')],
        timeOff: [{ start: new Date('2027-01-11T15:00Z'), end: new Date('2027-01-11T16:00Z') }],
        bufferMinutes: 30,
        ...localDay('2027-01-11', NY),
      }),
    );
    expect(local(slots, NY)).toEqual(['Mon 09:00 EST', 'Mon 11:00 EST']);
  });

  it('respects minimum notice and the booking window', () => {
    const now = new Date('2027-01-11T14:30Z'); // Monday 09:30 local
    const blocks = [block(1, '09:00', '17:00'), block(2, '09:00', '17:00')];
    const slots = freeSlots(query({ now, blocks, minimumNoticeMinutes: 24 * 60, bookingWindowDays: 14 }));
    expect(slots[0]?.toISOString()).toBe('2027-01-12T15:00:00.000Z'); // Tuesday 10:00: 09:00 is inside the notice
    expect(slots.at(-1)?.toISOString()).toBe('2027-01-25T14:00:00.000Z'); // 14 days on: Monday the 25th 09:00, not 10:00
  });

  it('uses only blocks open to online requests, for the service and location asked', () => {
    const blocks = [
      block(1, '09:00', '10:00', { allowRequests: false }),
      block(1, '10:00', '11:00', { serviceIds: ['intake'] }),
      block(1, '11:00', '12:00', { locationId: 'video' }),
      block(1, '12:00', '13:00'),
    ];
    const day = localDay('2027-01-11', NY);
    const hours = (q: Partial<SlotQuery>): string[] =>
      local(freeSlots(query({ blocks, ...day, ...q })), NY).map((l) => l.slice(4, 6));
    expect(hours({})).toEqual(['10', '11', '12']);
    expect(hours({ onlineOnly: false })).toEqual(['09', '10', '11', '12']);
    expect(hours({ serviceId: 'therapy' })).toEqual(['11', '12']);
    expect(hours({ serviceId: 'intake', locationId: 'office' })).toEqual(['10', '12']);
  });

  it('gives each start once when blocks overlap', () => {
    const slots = freeSlots(
      query({ blocks: [block(1, '09:00', '11:00'), block(1, '10:00', '12:00')], ...localDay('2027-01-11', NY) }),
    );
    expect(local(slots, NY)).toEqual(['Mon 09:00 EST', 'Mon 10:00 EST', 'Mon 11:00 EST']);
  });

  it('lists block occurrences with rrule weeks in the local zone', () => {
    const occurrences = blockOccurrences(
      NY,
      [block(3, '09:00', '10:00')],
      new Date('2027-03-01T00:00Z'),
      new Date('2027-03-31T00:00Z'),
    );
    expect(occurrences.map((o) => DateTime.fromJSDate(o.interval.start, { zone: NY }).toFormat('MM-dd HH:mm'))).toEqual(
      ['03-03 09:00', '03-10 09:00', '03-17 09:00', '03-24 09:00'],
    );
  });
});

describe('checking one start', () => {
  const base = query({
    now: new Date('2027-01-11T14:30Z'),
    blocks: [block(2, '09:00', '17:00', { serviceIds: [] })],
    minimumNoticeMinutes: 24 * 60,
    bookingWindowDays: 30,
    busy: [{ start: new Date('2027-01-19T15:00Z'), end: new Date('2027-01-19T16:00Z') }],
  });

  it('names the first rule a start breaks', () => {
    expect(checkSlot(base, new Date('2027-01-11T14:00Z'))).toBe('in_the_past');
    expect(checkSlot(base, new Date('2027-01-12T14:00Z'))).toBe('inside_minimum_notice');
    expect(checkSlot(base, new Date('2027-03-02T14:00Z'))).toBe('beyond_booking_window');
    expect(checkSlot(base, new Date('2027-01-19T13:00Z'))).toBe('outside_availability'); // 08:00 local
    expect(checkSlot(base, new Date('2027-01-19T14:30Z'))).toBe('outside_availability'); // off the grid
    expect(checkSlot(base, new Date('2027-01-19T15:00Z'))).toBe('taken');
    expect(checkSlot(base, new Date('2027-01-19T14:00Z'))).toBeNull();
  });
});

describe('properties of the free slots', () => {
  const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const blockArb = fc.record({
    weekday: fc.integer({ min: 1, max: 7 }).map((day) => day as IsoWeekday),
    start: time,
    end: time,
    locationId: fc.constantFrom('office', 'video'),
    serviceIds: fc.constantFrom([], ['a'], ['b'], ['a', 'b']),
    allowRequests: fc.boolean(),
  });
  // Around both 2027 changes in the northern and southern hemispheres.
  const nowArb = fc
    .integer({ min: Date.parse('2027-03-01T00:00Z'), max: Date.parse('2027-11-20T00:00Z') })
    .map((ms) => new Date(ms));
  const intervalArb = (now: Date) =>
    fc
      .tuple(fc.integer({ min: 0, max: 20 * 24 * 60 }), fc.integer({ min: 15, max: 6 * 60 }))
      .map(([offset, length]) => ({
        start: new Date(now.getTime() + offset * 60_000),
        end: new Date(now.getTime() + (offset + length) * 60_000),
      }));
  const queryArb = nowArb.chain((now) =>
    fc.record({
      zone: fc.constantFrom(...zones),
      blocks: fc.array(blockArb, { maxLength: 5 }),
      timeOff: fc.array(intervalArb(now), { maxLength: 3 }),
      busy: fc.array(intervalArb(now), { maxLength: 12 }),
      bufferMinutes: fc.constantFrom(0, 10, 15),
      intervalMinutes: fc.constantFrom(15, 30, 60),
      durationMinutes: fc.constantFrom(30, 50, 60, 90),
      minimumNoticeMinutes: fc.constantFrom(0, 60, 24 * 60),
      bookingWindowDays: fc.constantFrom(7, 14),
      now: fc.constant(now),
      serviceId: fc.constantFrom(undefined, 'a', 'b'),
      locationId: fc.constantFrom(undefined, 'office', 'video'),
      onlineOnly: fc.boolean(),
    }),
  );
  const overlaps = (a: { start: Date; end: Date }, start: number, end: number, pad = 0) =>
    a.start.getTime() - pad < end && a.end.getTime() + pad > start;

  it('never overlaps busy time (with its buffer) or time off, stays in a block, and keeps notice and window', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const slots = freeSlots(q);
        const duration = q.durationMinutes * 60_000;
        const earliest = q.now.getTime() + q.minimumNoticeMinutes * 60_000;
        const latest = DateTime.fromJSDate(q.now, { zone: q.zone }).plus({ days: q.bookingWindowDays }).toMillis();
        const occurrences = blockOccurrences(
          q.zone,
          q.blocks,
          new Date(earliest - 86_400_000),
          new Date(latest + 2 * 86_400_000),
        );
        let previous = -Infinity;
        for (const slot of slots) {
          const start = slot.getTime();
          const end = start + duration;
          if (previous >= start) return false;
          previous = start;
          if (start < earliest || start > latest) return false;
          if (q.busy.some((busy) => overlaps(busy, start, end, q.bufferMinutes * 60_000))) return false;
          if (q.timeOff.some((off) => overlaps(off, start, end))) return false;
          const inBlock = occurrences.some(
            ({ block: b, interval }) =>
              interval.start.getTime() <= start &&
              end <= interval.end.getTime() &&
              (!q.onlineOnly || b.allowRequests) &&
              (q.locationId === undefined || b.locationId === q.locationId) &&
              (q.serviceId === undefined || b.serviceIds.length === 0 || b.serviceIds.includes(q.serviceId)),
          );
          if (!inBlock) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('only loses slots when time is booked, and agrees with the check of one start', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const open = freeSlots({ ...(q as SlotQuery), busy: [] }).map((date) => date.getTime());
        const free = freeSlots(q);
        if (!free.every((slot) => open.includes(slot.getTime()))) return false;
        const freeTimes = new Set(free.map((slot) => slot.getTime()));
        return open
          .slice(0, 20)
          .every((time) => (checkSlot(q as SlotQuery, new Date(time)) === null) === freeTimes.has(time));
      }),
      { numRuns: 150 },
    );
  });
});
