import { z } from 'zod';
import { idSchema, optionalText } from './common.js';

/** A local wall-clock time, HH:MM (24-hour), in the practice's time zone. */
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM');

/** Instants travel as ISO 8601 UTC strings. */
export const instant = z.iso.datetime({ error: 'must be an ISO 8601 date and time in UTC' });

/** One weekly block of a clinician's hours: an end at or before the start runs past midnight. */
export const availabilityBlockInput = z
  .strictObject({
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    start: localTime,
    end: localTime,
    locationId: idSchema,
    /** The services the block is for; empty: every service the clinician offers. */
    serviceIds: z.array(idSchema).max(100, 'must list at most 100 services'),
    /** The switch Allow online appointment requests. */
    allowRequests: z.boolean(),
  })
  .refine((block) => block.start !== block.end, { path: ['end'], error: 'must differ from the start' });
export type AvailabilityBlockInput = z.infer<typeof availabilityBlockInput>;

export const availabilityBlock = z.strictObject({
  id: idSchema,
  weekday: z.number().int(),
  start: localTime,
  end: localTime,
  locationId: idSchema,
  serviceIds: z.array(idSchema),
  allowRequests: z.boolean(),
});
export type AvailabilityBlock = z.infer<typeof availabilityBlock>;

export const weeklyBlocksBody = z.strictObject({
  blocks: z.array(availabilityBlockInput).max(100, 'must hold at most 100 blocks'),
});
export type WeeklyBlocksBody = z.infer<typeof weeklyBlocksBody>;

export const timeOffInput = z
  .strictObject({ startsAt: instant, endsAt: instant, note: optionalText(200) })
  .refine((span) => Date.parse(span.endsAt) > Date.parse(span.startsAt), {
    path: ['endsAt'],
    error: 'must be after the start',
  });
export type TimeOffInput = z.infer<typeof timeOffInput>;

export const timeOff = z.strictObject({
  id: idSchema,
  startsAt: instant,
  endsAt: instant,
  note: z.string().nullable(),
});
export type TimeOff = z.infer<typeof timeOff>;

/** A clinician's weekly hours and coming time off; times are the practice zone's wall clock. */
export const availability = z.strictObject({
  clinicianId: idSchema,
  timeZone: z.string(),
  blocks: z.array(availabilityBlock),
  timeOff: z.array(timeOff),
});
export type Availability = z.infer<typeof availability>;

export const clinicianParams = z.strictObject({ clinicianId: idSchema });
export const timeOffParams = z.strictObject({ clinicianId: idSchema, id: idSchema });

const minutes = (max: number, label: string) =>
  z.number().int('must be a whole number').min(0, 'must not be negative').max(max, `must be at most ${label}`);

/** Settings → Client Portal: how clients request appointments (all durations in minutes, days for the window). */
export const requestSettings = z.strictObject({
  requestsEnabled: z.boolean(),
  minimumNoticeMinutes: minutes(60 * 24 * 60, '60 days'),
  bookingWindowDays: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1 day')
    .max(365, 'must be at most 365 days'),
  slotIntervalMinutes: z
    .number()
    .int('must be a whole number')
    .min(5, 'must be at least 5 minutes')
    .max(240, 'must be at most 240 minutes'),
  bufferMinutes: minutes(240, '240 minutes'),
  holdMinutes: z
    .number()
    .int('must be a whole number')
    .min(60, 'must be at least 1 hour')
    .max(60 * 24 * 30, 'must be at most 30 days'),
  clientCancelAllowed: z.boolean(),
  clientCancelNoticeMinutes: minutes(60 * 24 * 30, '30 days'),
  reminderMinutes: minutes(60 * 24 * 14, '14 days'),
  /** Off by default: a service's name in an inbox can reveal the kind of care. */
  reminderNamesService: z.boolean(),
});
export type RequestSettings = z.infer<typeof requestSettings>;
