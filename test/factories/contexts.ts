import type { AppDeps } from '../../src/server/deps.js';
import { rolesOf } from '../../src/server/modules/staff/index.js';
import type { ClientActor } from '../../src/server/platform/context.js';
import {
  actingContext,
  signedInStaffContext,
  type ClientContext,
  type Context,
  type StaffContext,
  type VisitorActor,
} from '../../src/server/platform/request-context.js';

/**
 * Factories act outside any request, yet the services they call record who acted (the audit
 * log's actor). These contexts carry the actor a real request would: a staff member, a visitor on
 * the portal's sign-in pages, a signed-in client. They have no request metadata (`meta` null, so
 * audit rows and sessions carry no IP) and no session: the actors' `csrfToken` and `sessionHash`
 * are empty, which nothing a factory calls reads.
 */

/** A staff member of the practice acting (by default its first owner), through `signedInStaffContext`. */
export async function factoryStaffContext(deps: AppDeps, practiceId: string, staffId?: string): Promise<StaffContext> {
  let query = deps.db
    .selectFrom('staff_memberships')
    .innerJoin('staff_users', 'staff_users.id', 'staff_memberships.staff_id')
    .select(['staff_users.id', 'owner', 'clinician', 'biller', 'scheduler'])
    .where('staff_memberships.practice_id', '=', practiceId)
    .orderBy('staff_users.created_at')
    .orderBy('staff_users.id');
  query = staffId === undefined ? query.where('owner', '=', 1) : query.where('staff_users.id', '=', staffId);
  const staff = await query.executeTakeFirst();
  if (!staff)
    throw new Error(`no ${staffId === undefined ? 'owner' : `staff member ${staffId}`} in practice ${practiceId}`);
  return signedInStaffContext(
    deps,
    { kind: 'staff', staffId: staff.id, practiceId, roles: rolesOf(staff), csrfToken: '', sessionHash: '' },
    null,
  );
}

/** Someone not signed in on the practice's portal pages: who redeems a sign-in link or code. */
export function factoryVisitorContext(deps: AppDeps, practiceId: string): Context<VisitorActor> {
  return actingContext(deps, practiceId, { kind: 'anonymous' });
}

/** The client, signed in to the practice's portal. */
export function factoryClientContext(deps: AppDeps, practiceId: string, clientId: string): ClientContext {
  const actor: ClientActor = { kind: 'client', clientId, practiceId, csrfToken: '', sessionHash: '' };
  return actingContext(deps, practiceId, actor);
}
