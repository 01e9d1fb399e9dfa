import type { PortalAccessTable } from '../../db/schema.js';
import type { ClientGrant } from '../../platform/context.js';
import type { Scope } from '../../platform/request-context.js';
import { setClientPortalState } from '../clients/index.js';
import { grantFrom } from './portal-grant.js';

export async function findAccess(scope: Scope, clientId: string): Promise<PortalAccessTable | undefined> {
  return scope.db
    .selectFrom('portal_access')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Access rows that may sign in with this address (invited or active, client not archived), in one practice. */
export async function findUsableAccessByEmail(scope: Scope, address: string): Promise<PortalAccessTable[]> {
  return scope.db
    .selectFrom('portal_access')
    .innerJoin('clients', 'clients.id', 'portal_access.client_id')
    .selectAll('portal_access')
    .where('portal_access.practice_id', '=', scope.practiceId)
    .where('portal_access.email_address', '=', address)
    .where('portal_access.state', 'in', ['invited', 'active'])
    .where('clients.archived_at', 'is', null)
    .execute();
}

/**
 * Saves a client's access row in the scope's practice (the row's practice is the scope's, whatever
 * it says), and hands its state to the clients module, whose list filters and counts by a copy of
 * it (migration 019). Every write of an access row goes through here; call in a transaction, so
 * the copy never disagrees with the row.
 */
export async function saveAccess(scope: Scope, row: PortalAccessTable): Promise<void> {
  const { client_id: _client, practice_id: _practice, ...changes } = row;
  await scope.db
    .insertInto('portal_access')
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) => oc.column('client_id').doUpdateSet(changes))
    .execute();
  await setClientPortalState(scope, row.client_id, row.state);
}

/** The links emailed for the client's access, newest first, with their tokens' fate and their delivery from the outbox. */
export async function listInvitations(scope: Scope, clientId: string, limit = 10) {
  return scope.db
    .selectFrom('portal_tokens')
    .innerJoin('outbox', 'outbox.id', 'portal_tokens.outbox_id')
    .select([
      'portal_tokens.id',
      'portal_tokens.kind',
      'portal_tokens.email_address',
      'portal_tokens.created_at',
      'portal_tokens.expires_at',
      'portal_tokens.used_at',
      'portal_tokens.claimed_by',
      'portal_tokens.revoked_at',
      'portal_tokens.revoked_reason',
      'outbox.status',
      'outbox.attempts',
      'outbox.last_error',
      'outbox.sent_at',
    ])
    .where('portal_tokens.practice_id', '=', scope.practiceId)
    .where('portal_tokens.client_id', '=', clientId)
    .orderBy('portal_tokens.created_at', 'desc')
    .orderBy('portal_tokens.id', 'desc')
    .limit(limit)
    .execute();
}

export type InvitationRow = Awaited<ReturnType<typeof listInvitations>>[number];

/** The audit action of opening the Client Portal tab (an access to the client's records). */
export const accessViewedAction = 'portal.access_viewed';

/** The tab's portal events: what happened to the access (who opened the tab is in the audit log only). */
export async function listPortalEvents(scope: Scope, clientId: string, limit = 15) {
  return scope.db
    .selectFrom('audit_log')
    .leftJoin('staff_users', (join) =>
      join.onRef('staff_users.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'),
    )
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.ip',
      'audit_log.created_at',
      'staff_users.name as actor_name',
    ])
    .where('audit_log.practice_id', '=', scope.practiceId)
    .where('audit_log.client_id', '=', clientId)
    .where('audit_log.action', 'like', 'portal.%')
    .where('audit_log.action', '!=', accessViewedAction)
    .orderBy('audit_log.created_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * What the portal offers the client now, or null when they may not use it: their access must be
 * active, they not archived and the practice's portal on. The one statement of that rule; a client
 * session lasts only while it holds, and the session hook keeps the answer for the request.
 */
export async function usableGrant(scope: Scope, clientId: string): Promise<ClientGrant | null> {
  const row = await scope.db
    .selectFrom('portal_access')
    .innerJoin('clients', 'clients.id', 'portal_access.client_id')
    .leftJoin('portal_settings', 'portal_settings.practice_id', 'portal_access.practice_id')
    .leftJoin('scheduling_settings', 'scheduling_settings.practice_id', 'portal_access.practice_id')
    .select([
      'scheduling_settings.requests_enabled',
      'portal_access.state',
      'portal_access.perm_appointments',
      'portal_access.perm_messaging',
      'portal_access.perm_billing',
      'portal_access.perm_pay',
      'portal_settings.enabled',
      'portal_settings.messaging_enabled',
      'clients.archived_at',
    ])
    .where('portal_access.client_id', '=', clientId)
    .where('portal_access.practice_id', '=', scope.practiceId)
    .executeTakeFirst();
  return row ? grantFrom(row) : null;
}
