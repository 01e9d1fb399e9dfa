import { DateTime } from 'luxon';
import { appointmentStatusLabels, type CalendarAppointment } from '../../../../shared/schemas/scheduling.js';
import { formatTime, formatWeekdayDate } from '../../../common/dates.js';

/** "10:00–10:50" (or "10:00 AM–10:50 AM") in the practice's zone and format. */
export function timeRange(appointment: Pick<CalendarAppointment, 'startsAt' | 'endsAt'>, zone: string): string {
  return `${formatTime(appointment.startsAt, zone)}–${formatTime(appointment.endsAt, zone)}`;
}

/** "Tuesday, 8 December, 10:00–10:50". */
export function whenText(appointment: Pick<CalendarAppointment, 'startsAt' | 'endsAt'>, zone: string): string {
  return `${formatWeekdayDate(appointment.startsAt, zone)}, ${timeRange(appointment, zone)}`;
}

/** What an appointment button reads out: time, client, service, clinician and status. */
export function appointmentLabel(appointment: CalendarAppointment, zone: string, withDay = false): string {
  const when = withDay ? whenText(appointment, zone) : timeRange(appointment, zone);
  return `${when}, ${appointment.clientName}, ${appointment.serviceName} with ${appointment.clinicianName}, ${
    appointmentStatusLabels[appointment.status]
  }`;
}

/** Noon of a local date in the zone, as an instant the date formatters take. */
export function noonOf(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).set({ hour: 12 }).toUTC().toISO() ?? '';
}

const accents = ['portico', 'grape', 'teal', 'orange', 'indigo', 'pink', 'lime', 'cyan'] as const;

/** Each clinician's colour on the calendar, by their place in the list of clinicians. */
export function clinicianColours(clinicianIds: readonly string[]): Map<string, { accent: string; tint: string }> {
  return new Map(
    clinicianIds.map((id, index) => {
      const name = accents[index % accents.length] ?? 'portico';
      return [id, { accent: `var(--mantine-color-${name}-6)`, tint: `var(--mantine-color-${name}-0)` }];
    }),
  );
}
