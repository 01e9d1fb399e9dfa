import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common.js';

/** A web address for a video call: https only, so a link in an email or the calendar cannot run script. */
export const videoLink = z
  .string()
  .trim()
  .max(500, 'must be at most 500 characters')
  .nullish()
  .transform((value) => (value ? value : null))
  .pipe(z.url({ protocol: /^https$/, error: 'must be a web address starting with https://' }).nullable());

/** What the practice books (Settings → Services). */
export const service = z.strictObject({
  id: z.string(),
  name: z.string(),
  cptCode: z.string().nullable(),
  durationMinutes: z.number().int(),
  /** The default fee in cents. */
  feeMinor: z.number().int(),
  onlineRequests: z.boolean(),
  /** The clinicians who offer it. */
  clinicianIds: z.array(z.string()),
  archived: z.boolean(),
});
export type Service = z.infer<typeof service>;

export const serviceInput = z.strictObject({
  name: requiredText(120),
  /** A CPT code: five characters, four digits then a digit or a letter (90834, 0591T). */
  cptCode: optionalText(5).pipe(
    z
      .string()
      .regex(/^\d{4}[0-9A-Z]$/, 'must be a CPT code such as 90834')
      .nullable(),
  ),
  durationMinutes: z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(5, 'must be at least 5 minutes')
    .max(720, 'must be at most 720 minutes (12 hours)'),
  feeMinor: z
    .number({ error: 'must be an amount in cents' })
    .int('must be a whole number of cents')
    .min(0, 'must not be negative')
    .max(100_000_000, 'must be at most 1,000,000.00'),
  onlineRequests: z.boolean({ error: 'must be true or false' }),
  clinicianIds: z.array(idSchema).max(500, 'must list at most 500 clinicians'),
});
export type ServiceInput = z.infer<typeof serviceInput>;

export const locationKinds = ['in_person', 'telehealth'] as const;
export type LocationKind = (typeof locationKinds)[number];

/** Where appointments happen: in person (name and address) or telehealth (a video link per appointment, or this default). */
export const location = z.strictObject({
  id: z.string(),
  kind: z.enum(locationKinds),
  name: z.string(),
  address: z.string().nullable(),
  videoLink: z.string().nullable(),
  archived: z.boolean(),
});
export type Location = z.infer<typeof location>;

export const locationInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('in_person'), name: requiredText(120), address: requiredText(500) }),
    z.strictObject({ kind: z.literal('telehealth'), name: requiredText(120), videoLink }),
  ],
  { error: 'must be in_person or telehealth' },
);
export type LocationInput = z.infer<typeof locationInput>;

/** Settings → Services and Locations, with the practice's clinicians to choose from. */
export const schedulingSettings = z.strictObject({
  services: z.array(service),
  locations: z.array(location),
  clinicians: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
export type SchedulingSettings = z.infer<typeof schedulingSettings>;

export const appointmentStatuses = [
  'scheduled',
  'attended',
  'no_show',
  'late_cancelled',
  'cancelled_by_client',
  'cancelled_by_practice',
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** The words staff read for each status. */
export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  attended: 'Attended',
  no_show: 'No-show',
  late_cancelled: 'Late cancellation',
  cancelled_by_client: 'Cancelled by client',
  cancelled_by_practice: 'Cancelled by practice',
};

/** An appointment as the calendar shows it. */
export const calendarAppointment = z.strictObject({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  clinicianId: z.string(),
  clinicianName: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  locationKind: z.enum(locationKinds),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(appointmentStatuses),
  videoLink: z.string().nullable(),
  seriesId: z.string().nullable(),
});
export type CalendarAppointment = z.infer<typeof calendarAppointment>;

const instant = z.iso.datetime({ offset: true, error: 'must be a date and time with its offset' });

export const calendarQuery = z
  .strictObject({
    from: instant,
    to: instant,
    /** One clinician's calendar; without it, every calendar the member sees. */
    clinicianId: idSchema.optional(),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 8 * 86_400_000, {
    path: ['to'],
    error: 'must be after from, and at most 8 days later',
  });

/** The calendar between two instants: its appointments, and the clinicians whose calendars the member sees. */
export const calendar = z.strictObject({
  appointments: z.array(calendarAppointment),
  clinicians: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
export type Calendar = z.infer<typeof calendar>;

const localDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time (HH:mm)');

/** A series: weekly or every other week, until a date or for a number of appointments. */
export const repeatInput = z
  .strictObject({
    frequency: z.enum(['weekly', 'every_other_week'], { error: 'must be weekly or every_other_week' }),
    until: localDate.nullable(),
    count: z
      .number()
      .int('must be a whole number')
      .min(2, 'must be at least 2')
      .max(104, 'must be at most 104')
      .nullable(),
  })
  .refine((r) => (r.until === null) !== (r.count === null), {
    path: ['until'],
    error: 'give either an end date or a number of appointments',
  });
export type RepeatInput = z.infer<typeof repeatInput>;

/**
 * What staff book: the start is a date and a wall-clock time in the practice's time zone, turned
 * into an instant on the server; the length is the service's unless staff give another.
 */
export const appointmentInput = z.strictObject({
  clientId: idSchema,
  serviceId: idSchema,
  clinicianId: idSchema,
  locationId: idSchema,
  date: localDate,
  time: localTime,
  /** The appointment's length; left out, the service's. */
  durationMinutes: z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(5, 'must be at least 5 minutes')
    .max(720, 'must be at most 720 minutes (12 hours)')
    .nullish()
    .transform((value) => value ?? null),
  videoLink,
  /** Conflicts staff were warned of and confirmed booking over (ids from the 409). */
  acknowledgedConflicts: z.array(idSchema).max(200).default([]),
  repeat: repeatInput.nullish().transform((value) => value ?? null),
});
export type AppointmentInput = z.infer<typeof appointmentInput>;

/** "This one" or "this and following" of a series; an appointment outside a series is always just itself. */
export const seriesScope = z.enum(['this', 'following'], { error: 'must be this or following' });

export const appointmentUpdate = appointmentInput.omit({ repeat: true }).extend({ scope: seriesScope.default('this') });
export type AppointmentUpdate = z.infer<typeof appointmentUpdate>;

export const appointmentStatusBody = z.strictObject({
  status: z.enum(appointmentStatuses, { error: 'must be an appointment status' }),
  scope: seriesScope.default('this'),
});
export type AppointmentStatusBody = z.infer<typeof appointmentStatusBody>;

/** The appointments a booking or a change made or changed. */
export const appointmentsChanged = z.strictObject({ appointments: z.array(calendarAppointment) });
export type AppointmentsChanged = z.infer<typeof appointmentsChanged>;
