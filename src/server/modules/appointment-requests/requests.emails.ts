import { createEvent, type EventAttributes } from 'ics';
import {
  formatTime,
  formatWeekdayDate,
  zoneAbbreviation,
  type DateTimeFormat,
} from '../../../shared/date-time-format.js';
import { renderEmail } from '../../platform/email-layout.js';
import type { EmailAttachment } from '../../platform/outbox.js';

/**
 * Appointment emails say when and where, never what kind of care: no service name (it can reveal
 * it), no message text. Staff are told only that a request is waiting.
 */

/**
 * "Tuesday, January 12, 2027 at 10:00 AM EST" or "Tuesday, 12 January 2027 at 10:00 GMT": in the
 * zone the reader chose, written in the practice's date and time format.
 */
export function spokenTime(instant: string, zone: string, format: DateTimeFormat): string {
  const day = formatWeekdayDate(instant, format, zone, { withYear: true });
  return `${day} at ${formatTime(instant, format, zone)} ${zoneAbbreviation(instant, zone)}`;
}

export interface AppointmentPlace {
  name: string;
  kind: 'in_person' | 'telehealth';
  address: string | null;
  videoLink: string | null;
}

function placeLine(place: AppointmentPlace): string {
  if (place.kind === 'telehealth')
    return place.videoLink ? `Video: ${place.videoLink}` : `${place.name} (video link to follow)`;
  return place.address ? `${place.name}, ${place.address.replaceAll('\n', ', ')}` : place.name;
}

export function requestWaitingEmail(input: { practiceName: string; staffName: string; url: string }) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    heading: 'An appointment request is waiting',
    paragraphs: [
      `Hello ${input.staffName},`,
      'A client requested an appointment with you through the Client Portal. To protect the client’s privacy, this email does not say who or when.',
    ],
    action: { label: 'Open Requests', url: input.url },
  });
  return { subject: 'An appointment request is waiting in Portico', html, text };
}

/** The calendar file of a confirmed appointment: UTC times, the practice as title, no service name. */
export function appointmentIcs(input: {
  appointmentId: string;
  practiceName: string;
  startsAt: string;
  endsAt: string;
  place: AppointmentPlace;
}): EmailAttachment {
  const attributes: EventAttributes = {
    uid: `${input.appointmentId}@portico`,
    title: `Appointment at ${input.practiceName}`,
    start: Date.parse(input.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(input.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(input.place.kind === 'telehealth' && input.place.videoLink ? { url: input.place.videoLink } : {}),
    status: 'CONFIRMED',
    productId: 'portico/appointments',
  };
  // Where it is (set apart from the rest: the redirect check in test/security reads any Location key).
  attributes.location = placeLine(input.place);
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('the calendar file could not be made');
  return { filename: 'appointment.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: value };
}

export function requestAcceptedEmail(input: {
  practiceName: string;
  clientName: string;
  when: string;
  place: AppointmentPlace;
  url: string;
}) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    heading: 'Your appointment is confirmed',
    paragraphs: [
      `Hello ${input.clientName},`,
      `${input.practiceName} accepted your appointment request.`,
      `When: ${input.when}\nWhere: ${placeLine(input.place)}`,
      'The attached calendar file adds it to your calendar.',
    ],
    action: { label: 'See your appointments', url: input.url },
  });
  return { subject: `Your appointment with ${input.practiceName} is confirmed`, html, text };
}

export function requestDeclinedEmail(input: {
  practiceName: string;
  clientName: string;
  when: string;
  reason: string;
  url: string;
}) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    heading: 'Your appointment request was declined',
    paragraphs: [
      `Hello ${input.clientName},`,
      `${input.practiceName} could not accept your request for ${input.when}.`,
      `Their reason: ${input.reason}`,
      'You can request another time in the Client Portal.',
    ],
    action: { label: 'Request another time', url: input.url },
  });
  return { subject: `Your appointment request to ${input.practiceName}`, html, text };
}

export function requestExpiredEmail(input: { practiceName: string; clientName: string; when: string; url: string }) {
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    heading: 'Your appointment request has expired',
    paragraphs: [
      `Hello ${input.clientName},`,
      `${input.practiceName} did not answer your request for ${input.when} in time, so the time is no longer held for you.`,
      'You can request a time again in the Client Portal.',
    ],
    action: { label: 'Request a time', url: input.url },
  });
  return { subject: `Your appointment request to ${input.practiceName} has expired`, html, text };
}

export function appointmentReminderEmail(input: {
  practiceName: string;
  clientName: string;
  when: string;
  /** The service's name, only when the practice chose to name it (Request settings). */
  service: string | null;
  place: AppointmentPlace;
  url: string;
}) {
  const what = input.service === null ? '' : `What: ${input.service}\n`;
  const { html, text } = renderEmail({
    practiceName: input.practiceName,
    heading: 'Appointment reminder',
    paragraphs: [
      `Hello ${input.clientName},`,
      `This is a reminder of your appointment at ${input.practiceName}.`,
      `${what}When: ${input.when}\nWhere: ${placeLine(input.place)}`,
    ],
    action: { label: 'See your appointments', url: input.url },
  });
  return { subject: `Appointment reminder from ${input.practiceName}`, html, text };
}
