import type { AppointmentRequestStatus, AppointmentStatus, LocationKind } from '../../src/server/db/schema.js';
import type { AppDeps } from '../../src/server/deps.js';
import {
  insertAppointment,
  insertAppointmentRequest,
  insertLocation,
  insertService,
} from '../../src/server/modules/scheduling/scheduling.queries.js';
import { iso } from '../../src/server/platform/clock.js';
import { systemContext } from '../../src/server/platform/request-context.js';
import { newId } from '../../src/server/platform/tokens.js';

/** A service of the practice (default: 50-minute "Individual therapy", CPT 90834, $150, offered by `clinicianIds`). */
export async function createService(
  deps: AppDeps,
  practiceId: string,
  overrides: {
    name?: string;
    cptCode?: string | null;
    durationMinutes?: number;
    feeMinor?: number;
    onlineRequests?: boolean;
    clinicianIds?: readonly string[];
    archived?: boolean;
  } = {},
): Promise<{ id: string; name: string; durationMinutes: number }> {
  const now = iso(deps.clock.now());
  const id = newId();
  const name = overrides.name ?? 'Individual therapy';
  const durationMinutes = overrides.durationMinutes ?? 50;
  await insertService(
    systemContext(deps, practiceId),
    {
      id,
      name,
      cpt_code: overrides.cptCode === undefined ? '90834' : overrides.cptCode,
      duration_minutes: durationMinutes,
      fee_minor: overrides.feeMinor ?? 15_000,
      online_requests: overrides.onlineRequests ? 1 : 0,
      archived_at: overrides.archived ? now : null,
      created_at: now,
      updated_at: now,
    },
    overrides.clinicianIds ?? [],
  );
  return { id, name, durationMinutes };
}

/** A location of the practice (default: in person, "Main office"). */
export async function createLocation(
  deps: AppDeps,
  practiceId: string,
  overrides: { kind?: LocationKind; name?: string; address?: string | null; videoLink?: string | null } = {},
): Promise<{ id: string; name: string }> {
  const now = iso(deps.clock.now());
  const id = newId();
  const kind = overrides.kind ?? 'in_person';
  const name = overrides.name ?? (kind === 'telehealth' ? 'Telehealth' : 'Main office');
  await insertLocation(systemContext(deps, practiceId), {
    id,
    kind,
    name,
    address:
      overrides.address === undefined
        ? kind === 'in_person'
          ? '12 Harbour Street\nBoston, MA 02110'
          : null
        : overrides.address,
    video_link: overrides.videoLink ?? null,
    archived_at: null,
    created_at: now,
    updated_at: now,
  });
  return { id, name };
}

export interface AppointmentFacts {
  clientId: string;
  serviceId: string;
  clinicianId: string;
  locationId: string;
  startsAt: string;
  endsAt: string;
}

/** An appointment written as it stands (no booking guard: for setting a calendar up). */
export async function createAppointment(
  deps: AppDeps,
  practiceId: string,
  facts: AppointmentFacts & { status?: AppointmentStatus; seriesId?: string | null },
): Promise<{ id: string }> {
  const now = iso(deps.clock.now());
  const id = newId();
  await insertAppointment(systemContext(deps, practiceId), {
    id,
    client_id: facts.clientId,
    service_id: facts.serviceId,
    clinician_id: facts.clinicianId,
    location_id: facts.locationId,
    starts_at: facts.startsAt,
    ends_at: facts.endsAt,
    status: facts.status ?? 'scheduled',
    video_link: null,
    series_id: facts.seriesId ?? null,
    created_at: now,
    created_by: null,
    updated_at: now,
    updated_by: null,
  });
  return { id };
}

/** A client's appointment request written as it stands (default: pending, held for 72 hours from now). */
export async function createAppointmentRequest(
  deps: AppDeps,
  practiceId: string,
  facts: AppointmentFacts & { status?: AppointmentRequestStatus; holdExpiresAt?: string },
): Promise<{ id: string }> {
  const now = deps.clock.now();
  const id = newId();
  await insertAppointmentRequest(systemContext(deps, practiceId), {
    id,
    client_id: facts.clientId,
    service_id: facts.serviceId,
    clinician_id: facts.clinicianId,
    location_id: facts.locationId,
    starts_at: facts.startsAt,
    ends_at: facts.endsAt,
    status: facts.status ?? 'pending',
    hold_expires_at: facts.holdExpiresAt ?? iso(new Date(now.getTime() + 72 * 3_600_000)),
    client_message: null,
    client_time_zone: 'America/New_York',
    decline_reason: null,
    appointment_id: null,
    answered_at: null,
    answered_by: null,
    created_at: iso(now),
  });
  return { id };
}
