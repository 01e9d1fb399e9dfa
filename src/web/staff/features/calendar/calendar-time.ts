import { DateTime } from 'luxon';
import type { CalendarAppointment } from '../../../../shared/schemas/scheduling.js';

/**
 * The calendar's arithmetic, in the practice's time zone with luxon: which days a view shows, the
 * instants its query asks for, and where an appointment sits on a day's time grid. Wall-clock
 * positions come from the zone's own rules, so a day with a daylight-saving change places 10:00
 * at 10:00 (no hours are added by hand).
 */

export type CalendarView = 'day' | 'week';

/** Today's date (YYYY-MM-DD) in the zone. */
export function todayIn(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() ?? '1970-01-01';
}

/** Whether the text is a real calendar date (YYYY-MM-DD). */
export function isLocalDate(text: string | null): text is string {
  return !!text && /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

function startOfDay(date: string, zone: string): DateTime {
  return DateTime.fromISO(date, { zone }).startOf('day');
}

/** The days a view shows: the date itself, or its week from Monday. */
export function daysOf(view: CalendarView, date: string, zone: string): string[] {
  const first = view === 'day' ? startOfDay(date, zone) : startOfDay(date, zone).startOf('week');
  const count = view === 'day' ? 1 : 7;
  return Array.from({ length: count }, (_, index) => first.plus({ days: index }).toISODate() ?? date);
}

/** The instants from the first day's midnight to the midnight after the last, as the calendar query takes them. */
export function rangeOf(days: readonly string[], zone: string): { from: string; to: string } {
  const first = days[0] ?? todayIn(zone);
  const last = days[days.length - 1] ?? first;
  return {
    from: startOfDay(first, zone).toUTC().toISO() ?? '',
    to: startOfDay(last, zone).plus({ days: 1 }).toUTC().toISO() ?? '',
  };
}

/** The date a step back or forward shows: a day, or a week. */
export function stepDate(view: CalendarView, date: string, direction: -1 | 1): string {
  return DateTime.fromISO(date)
    .plus(view === 'day' ? { days: direction } : { weeks: direction })
    .toISODate() as string;
}

/** The local date (YYYY-MM-DD) and time (HH:mm) of an instant in the zone. */
export function wallClock(iso: string, zone: string): { date: string; time: string } {
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return { date: local.toISODate() ?? '', time: local.toFormat('HH:mm') };
}

/** Minutes since the day's midnight (wall clock) at which the instant falls on that day, clamped to the day. */
export function minuteOfDay(iso: string, date: string, zone: string): number {
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  const day = local.toISODate() ?? '';
  if (day < date) return 0;
  if (day > date) return 24 * 60;
  return local.hour * 60 + local.minute;
}

/** An appointment placed on one day's grid: its minutes, and its column among those it overlaps. */
export interface PlacedAppointment {
  appointment: CalendarAppointment;
  startMinute: number;
  endMinute: number;
  column: number;
  columns: number;
}

/** Whether the appointment shows on that local date (starts, ends or runs through it). */
export function fallsOn(appointment: CalendarAppointment, date: string, zone: string): boolean {
  const start = wallClock(appointment.startsAt, zone).date;
  const endLocal = DateTime.fromISO(appointment.endsAt, { zone: 'utc' }).setZone(zone);
  // An appointment ending exactly at midnight does not show on the next day.
  const endDate = endLocal.minus({ milliseconds: 1 }).toISODate() ?? start;
  return start <= date && date <= endDate;
}

/**
 * Lays out one day's appointments: overlapping ones side by side. Appointments that overlap one
 * another, directly or through a chain, form a cluster that shares the day's width; each takes
 * the first column free when it starts.
 */
export function layOutDay(
  appointments: readonly CalendarAppointment[],
  date: string,
  zone: string,
): PlacedAppointment[] {
  const items = appointments
    .filter((a) => fallsOn(a, date, zone))
    .map((appointment) => {
      const startMinute = minuteOfDay(appointment.startsAt, date, zone);
      const endMinute = Math.max(minuteOfDay(appointment.endsAt, date, zone), startMinute + 10);
      return { appointment, startMinute, endMinute, column: 0, columns: 1 };
    })
    .sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute);
  const placed: PlacedAppointment[] = [];
  let cluster: PlacedAppointment[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const item of cluster) item.columns = columnEnds.length;
    placed.push(...cluster);
    cluster = [];
    columnEnds = [];
  };
  for (const item of items) {
    if (item.startMinute >= clusterEnd) close();
    let column = columnEnds.findIndex((end) => end <= item.startMinute);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(item.endMinute);
    } else {
      columnEnds[column] = item.endMinute;
    }
    item.column = column;
    cluster.push(item);
    clusterEnd = Math.max(clusterEnd, item.endMinute);
  }
  close();
  return placed;
}

/** The hours a grid shows: 7:00 to 20:00, widened to take in every appointment of the days shown. */
export function hoursShown(placed: readonly PlacedAppointment[]): { first: number; last: number } {
  let first = 7;
  let last = 20;
  for (const item of placed) {
    first = Math.min(first, Math.floor(item.startMinute / 60));
    last = Math.max(last, Math.ceil(item.endMinute / 60));
  }
  return { first, last: Math.min(last, 24) };
}

/**
 * The wall-clock time a click on the grid points at: `offset` pixels below the top of an hour
 * grid starting at `firstHour`, rounded down to the quarter hour so a click books where it lands.
 */
export function timeAtOffset(offset: number, firstHour: number, hourHeight: number): string {
  const minutes = Math.floor(((Math.max(offset, 0) / hourHeight) * 60) / 15) * 15 + firstHour * 60;
  const clamped = Math.min(minutes, 24 * 60 - 15);
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/** Whether a status holds the clinician's time (the others are cancellations). */
export function isCancelled(status: CalendarAppointment['status']): boolean {
  return status === 'late_cancelled' || status === 'cancelled_by_client' || status === 'cancelled_by_practice';
}
