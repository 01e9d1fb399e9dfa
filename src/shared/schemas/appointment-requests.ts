import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common.js';
import { timeZoneSchema } from './auth.js';
import { instant } from './availability.js';
import { portalSlugParams } from './portal.js';

export const requestStatuses = ['pending', 'accepted', 'declined', 'cancelled', 'expired'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Why a requested time cannot be held (422), besides a time already taken (409 time_taken). */
export const slotRefusals = [
  'in_the_past',
  'inside_minimum_notice',
  'beyond_booking_window',
  'outside_availability',
  'service_not_offered',
] as const;

/** A client's appointment as the portal shows it: no other client's, no notes. */
export const portalAppointment = z.strictObject({
  id: idSchema,
  startsAt: instant,
  endsAt: instant,
  status: z.string(),
  serviceName: z.string(),
  clinicianName: z.string(),
  locationName: z.string(),
  locationKind: z.enum(['in_person', 'telehealth']),
  address: z.string().nullable(),
  videoLink: z.string().nullable(),
  /** Whether the practice's policy lets the client cancel it in the portal now. */
  mayCancel: z.boolean(),
});
export type PortalAppointment = z.infer<typeof portalAppointment>;

export const portalRequest = z.strictObject({
  id: idSchema,
  startsAt: instant,
  endsAt: instant,
  status: z.enum(requestStatuses),
  serviceName: z.string(),
  clinicianName: z.string(),
  locationName: z.string(),
  message: z.string().nullable(),
  declineReason: z.string().nullable(),
  holdExpiresAt: instant,
  createdAt: instant,
});
export type PortalRequest = z.infer<typeof portalRequest>;

export const portalAppointments = z.strictObject({
  /** The zone the client chose, or null while they have not (the browser's is used). */
  timeZone: z.string().nullable(),
  practiceTimeZone: z.string(),
  upcoming: z.array(portalAppointment),
  past: z.array(portalAppointment),
  requests: z.array(portalRequest),
  cancelPolicy: z.strictObject({ allowed: z.boolean(), noticeMinutes: z.number().int() }),
});
export type PortalAppointments = z.infer<typeof portalAppointments>;

/** What a client may request: each service offered online, the client's clinicians offering it, and where. */
export const requestOptions = z.strictObject({
  practiceTimeZone: z.string(),
  services: z.array(
    z.strictObject({
      id: idSchema,
      name: z.string(),
      durationMinutes: z.number().int(),
      clinicians: z.array(
        z.strictObject({
          id: idSchema,
          name: z.string(),
          locations: z.array(
            z.strictObject({ id: idSchema, name: z.string(), kind: z.enum(['in_person', 'telehealth']) }),
          ),
        }),
      ),
    }),
  ),
});
export type RequestOptions = z.infer<typeof requestOptions>;

export const slotsQuery = z.strictObject({ serviceId: idSchema, clinicianId: idSchema, locationId: idSchema });
export const freeSlotList = z.strictObject({ slots: z.array(instant) });
export type FreeSlotList = z.infer<typeof freeSlotList>;

export const createRequestBody = z.strictObject({
  serviceId: idSchema,
  clinicianId: idSchema,
  locationId: idSchema,
  startsAt: instant,
  timeZone: timeZoneSchema,
  message: optionalText(2000),
});
export type CreateRequestBody = z.infer<typeof createRequestBody>;

export const timeZoneBody = z.strictObject({ timeZone: timeZoneSchema });

export const portalIdParams = portalSlugParams.extend({ id: idSchema });

/** A pending request in the staff Requests inbox. */
export const inboxRequest = z.strictObject({
  id: idSchema,
  clientId: idSchema,
  clientName: z.string(),
  serviceName: z.string(),
  clinicianId: idSchema,
  clinicianName: z.string(),
  locationName: z.string(),
  startsAt: instant,
  endsAt: instant,
  clientTimeZone: z.string(),
  practiceTimeZone: z.string(),
  message: z.string().nullable(),
  createdAt: instant,
  holdExpiresAt: instant,
});
export type InboxRequest = z.infer<typeof inboxRequest>;

export const requestInbox = z.strictObject({ items: z.array(inboxRequest) });
export type RequestInbox = z.infer<typeof requestInbox>;

/** How many pending requests the staff member may answer: the count beside Requests in the navigation. */
export const requestCount = z.strictObject({ pending: z.number().int() });
export type RequestCount = z.infer<typeof requestCount>;

export const declineBody = z.strictObject({ reason: requiredText(1000) });
export const acceptAnswer = z.strictObject({ appointmentId: idSchema });
