import type { InboxRequest, PortalRequest } from '../../../shared/schemas/appointment-requests.js';
import type { RequestWithNames } from './requests.queries.js';

export function toPortalRequest(row: RequestWithNames): PortalRequest {
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    serviceName: row.service_name,
    clinicianName: row.clinician_name,
    locationName: row.location_name,
    message: row.client_message,
    declineReason: row.decline_reason,
    holdExpiresAt: row.hold_expires_at,
    createdAt: row.created_at,
  };
}

export function clientFullName(row: Pick<RequestWithNames, 'first_name' | 'last_name' | 'preferred_name'>): string {
  return row.preferred_name ? `${row.preferred_name} ${row.last_name}` : `${row.first_name} ${row.last_name}`;
}

export function toInboxRequest(row: RequestWithNames, practiceTimeZone: string): InboxRequest {
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: clientFullName(row),
    serviceName: row.service_name,
    clinicianId: row.clinician_id,
    clinicianName: row.clinician_name,
    locationName: row.location_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    clientTimeZone: row.client_time_zone,
    practiceTimeZone,
    message: row.client_message,
    createdAt: row.created_at,
    holdExpiresAt: row.hold_expires_at,
  };
}
