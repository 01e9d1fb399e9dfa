import type { Db } from '../../db/database.js';
import type { PracticesTable, SessionsTable } from '../../db/schema.js';
import type { ClientGrant } from '../../platform/context.js';
import { grantFrom } from './portal-grant.js';

/**
 * A client session by its token hash, with everything the session hook decides from, in one
 * statement: the session, its practice, and what the portal offers the client now (null when they
 * may not use it: see usableGrant, whose rule this applies to the same columns). A portal request
 * then reads none of them again; the practice is the session's own, so a route compares it with
 * the address's slug rather than trusting it for another practice.
 */
export async function findClientSession(
  db: Db,
  tokenHash: string,
): Promise<{ session: SessionsTable; practice: PracticesTable; grant: ClientGrant | null } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('practices', 'practices.id', 'sessions.practice_id')
    .leftJoin('portal_access', (join) =>
      join
        .onRef('portal_access.client_id', '=', 'sessions.subject_id')
        .onRef('portal_access.practice_id', '=', 'sessions.practice_id'),
    )
    .leftJoin('clients', (join) =>
      join
        .onRef('clients.id', '=', 'portal_access.client_id')
        .onRef('clients.practice_id', '=', 'sessions.practice_id'),
    )
    .leftJoin('portal_settings', 'portal_settings.practice_id', 'sessions.practice_id')
    .leftJoin('scheduling_settings', 'scheduling_settings.practice_id', 'sessions.practice_id')
    .selectAll('sessions')
    .select([
      'practices.id as practice_row_id',
      'practices.name as practice_name',
      'practices.slug as practice_slug',
      'practices.time_zone as practice_time_zone',
      'practices.created_at as practice_created_at',
      'practices.date_order as practice_date_order',
      'practices.clock as practice_clock',
      'practices.address as practice_address',
      'practices.phone as practice_phone',
      'practices.logo_id as practice_logo_id',
      'practices.logo_storage_key as practice_logo_storage_key',
      'practices.logo_content_type as practice_logo_content_type',
      'practices.two_factor_required_at as practice_two_factor_required_at',
      'clients.id as client_row_id',
      'clients.archived_at',
      'portal_access.state',
      'portal_access.perm_appointments',
      'portal_access.perm_messaging',
      'portal_access.perm_billing',
      'portal_access.perm_pay',
      'portal_settings.enabled',
      'portal_settings.messaging_enabled',
      'scheduling_settings.requests_enabled',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.kind', '=', 'client')
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    practice_row_id,
    practice_name,
    practice_slug,
    practice_time_zone,
    practice_created_at,
    practice_date_order,
    practice_clock,
    practice_address,
    practice_phone,
    practice_logo_id,
    practice_logo_storage_key,
    practice_logo_content_type,
    practice_two_factor_required_at,
    client_row_id,
    archived_at,
    state,
    perm_appointments,
    perm_messaging,
    perm_billing,
    perm_pay,
    enabled,
    messaging_enabled,
    requests_enabled,
    ...session
  } = row;
  const practice: PracticesTable = {
    id: practice_row_id,
    name: practice_name,
    slug: practice_slug,
    time_zone: practice_time_zone,
    created_at: practice_created_at,
    date_order: practice_date_order,
    clock: practice_clock,
    address: practice_address,
    phone: practice_phone,
    logo_id: practice_logo_id,
    logo_storage_key: practice_logo_storage_key,
    logo_content_type: practice_logo_content_type,
    two_factor_required_at: practice_two_factor_required_at,
  };
  // No access row or no client row (of this practice): nothing the portal may offer.
  const grant =
    state === null || client_row_id === null
      ? null
      : grantFrom({
          state,
          perm_appointments: perm_appointments ?? 0,
          perm_messaging: perm_messaging ?? 0,
          perm_billing: perm_billing ?? 0,
          perm_pay: perm_pay ?? 0,
          enabled,
          messaging_enabled,
          requests_enabled,
          archived_at,
        });
  return { session, practice, grant };
}
