/** Times in the zone the client chose, with the browser's own formatting (no time library in the portal). */

/** The browser's zone, e.g. "Europe/London". */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "2027-01-05": the local date of an instant in a zone, for grouping slots by day. */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/** "Tuesday, January 5". */
export function dayLabel(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(
    new Date(instant),
  );
}

/** "3:00 PM GMT" — the zone's name, so a repeated hour on the night the clocks go back is told apart. */
export function timeLabel(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** "Tuesday, January 5, 2027, 3:00 PM GMT". */
export function whenLabel(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** Every zone the browser knows, for choosing another. */
export function knownTimeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

/** "America/New York" for "America/New_York": the zone's name as people read it. */
export function zoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ');
}
