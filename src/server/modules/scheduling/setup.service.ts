import type {
  Location,
  LocationInput,
  SchedulingSettings,
  Service,
  ServiceInput,
} from '../../../shared/schemas/scheduling.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import {
  findLocation,
  findService,
  insertLocation,
  insertService,
  listClinicians,
  listLocations,
  listServiceClinicians,
  listServices,
  replaceServiceClinicians,
  updateLocation,
  updateService,
  type LocationRow,
  type ServiceRow,
} from './scheduling.queries.js';

export function toService(row: ServiceRow, clinicianIds: readonly string[]): Service {
  return {
    id: row.id,
    name: row.name,
    cptCode: row.cpt_code,
    durationMinutes: row.duration_minutes,
    feeMinor: row.fee_minor,
    onlineRequests: row.online_requests === 1,
    clinicianIds: [...clinicianIds],
    archived: row.archived_at !== null,
  };
}

export function toLocation(row: LocationRow): Location {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    address: row.address,
    videoLink: row.video_link,
    archived: row.archived_at !== null,
  };
}

/** Services, locations and the clinicians to choose from: Settings → Services and the calendar's forms. */
export async function getSchedulingSetup(ctx: StaffContext): Promise<SchedulingSettings> {
  const [services, offered, locations, clinicians] = [
    await listServices(ctx),
    await listServiceClinicians(ctx),
    await listLocations(ctx),
    await listClinicians(ctx),
  ];
  return {
    services: services.map((row) =>
      toService(
        row,
        offered.filter((o) => o.service_id === row.id).map((o) => o.staff_id),
      ),
    ),
    locations: locations.map(toLocation),
    clinicians,
  };
}

/** The clinicians named, each an active clinician of the practice, once each; else 400 naming the field. */
async function checkClinicians(ctx: StaffContext, ids: readonly string[]): Promise<string[]> {
  const known = new Set((await listClinicians(ctx)).map((c) => c.id));
  const unique = [...new Set(ids)];
  const index = unique.findIndex((id) => !known.has(id));
  if (index >= 0) {
    throw new AppError('validation_failed', undefined, [
      {
        field: `clinicianIds.${ids.indexOf(unique[index] ?? '')}`,
        message: 'is not an active clinician of the practice',
      },
    ]);
  }
  return unique;
}

export async function createService(ctx: StaffContext, input: ServiceInput): Promise<Service> {
  return ctx.inTransaction(async (tx) => {
    const clinicianIds = await checkClinicians(tx, input.clinicianIds);
    const now = iso(tx.clock.now());
    const row: Omit<ServiceRow, 'practice_id'> = {
      id: newId(),
      name: input.name,
      cpt_code: input.cptCode,
      duration_minutes: input.durationMinutes,
      fee_minor: input.feeMinor,
      online_requests: input.onlineRequests ? 1 : 0,
      archived_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertService(tx, row, clinicianIds);
    await auditIn(tx, { action: 'service.created', details: { serviceId: row.id, name: row.name } });
    return toService({ ...row, practice_id: tx.practiceId }, clinicianIds);
  });
}

export async function editService(ctx: StaffContext, id: string, input: ServiceInput): Promise<Service> {
  return ctx.inTransaction(async (tx) => {
    const existing = await findService(tx, id);
    if (!existing) throw notFound();
    const clinicianIds = await checkClinicians(tx, input.clinicianIds);
    const changes = {
      name: input.name,
      cpt_code: input.cptCode,
      duration_minutes: input.durationMinutes,
      fee_minor: input.feeMinor,
      online_requests: input.onlineRequests ? (1 as const) : (0 as const),
      updated_at: iso(tx.clock.now()),
    };
    await updateService(tx, id, changes);
    await replaceServiceClinicians(tx, id, clinicianIds);
    await auditIn(tx, { action: 'service.updated', details: { serviceId: id, name: input.name } });
    return toService({ ...existing, ...changes }, clinicianIds);
  });
}

/** Archives or restores a service: an archived one is not offered for new appointments; booked ones keep it. */
export async function setServiceArchived(ctx: StaffContext, id: string, archived: boolean): Promise<Service> {
  return ctx.inTransaction(async (tx) => {
    const existing = await findService(tx, id);
    if (!existing) throw notFound();
    const now = iso(tx.clock.now());
    const archivedAt = archived ? (existing.archived_at ?? now) : null;
    await updateService(tx, id, { archived_at: archivedAt, updated_at: now });
    await auditIn(tx, { action: archived ? 'service.archived' : 'service.restored', details: { serviceId: id } });
    const offered = (await listServiceClinicians(tx)).filter((o) => o.service_id === id).map((o) => o.staff_id);
    return toService({ ...existing, archived_at: archivedAt, updated_at: now }, offered);
  });
}

function locationColumns(input: LocationInput): Pick<LocationRow, 'kind' | 'name' | 'address' | 'video_link'> {
  return input.kind === 'in_person'
    ? { kind: 'in_person', name: input.name, address: input.address, video_link: null }
    : { kind: 'telehealth', name: input.name, address: null, video_link: input.videoLink };
}

export async function createLocation(ctx: StaffContext, input: LocationInput): Promise<Location> {
  return ctx.inTransaction(async (tx) => {
    const now = iso(tx.clock.now());
    const row = { id: newId(), ...locationColumns(input), archived_at: null, created_at: now, updated_at: now };
    await insertLocation(tx, row);
    await auditIn(tx, { action: 'location.created', details: { locationId: row.id, name: row.name } });
    return toLocation({ ...row, practice_id: tx.practiceId });
  });
}

export async function editLocation(ctx: StaffContext, id: string, input: LocationInput): Promise<Location> {
  return ctx.inTransaction(async (tx) => {
    const existing = await findLocation(tx, id);
    if (!existing) throw notFound();
    const changes = { ...locationColumns(input), updated_at: iso(tx.clock.now()) };
    await updateLocation(tx, id, changes);
    await auditIn(tx, { action: 'location.updated', details: { locationId: id, name: input.name } });
    return toLocation({ ...existing, ...changes });
  });
}

export async function setLocationArchived(ctx: StaffContext, id: string, archived: boolean): Promise<Location> {
  return ctx.inTransaction(async (tx) => {
    const existing = await findLocation(tx, id);
    if (!existing) throw notFound();
    const now = iso(tx.clock.now());
    const archivedAt = archived ? (existing.archived_at ?? now) : null;
    await updateLocation(tx, id, { archived_at: archivedAt, updated_at: now });
    await auditIn(tx, { action: archived ? 'location.archived' : 'location.restored', details: { locationId: id } });
    return toLocation({ ...existing, archived_at: archivedAt, updated_at: now });
  });
}
