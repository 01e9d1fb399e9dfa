import type { StaffRole } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';
import { rolesOf } from './staff.roles.js';

/** The scope practice's members (active or not), joined to their accounts. */
function members(scope: Scope) {
  return scope.db
    .selectFrom('staff_users')
    .innerJoin('staff_memberships', (join) =>
      join
        .onRef('staff_memberships.staff_id', '=', 'staff_users.id')
        .on('staff_memberships.practice_id', '=', scope.practiceId),
    );
}

/** A staff member of the practice's name, as their messages show it. */
export async function getStaffName(scope: Scope, staffId: string): Promise<string> {
  const row = await members(scope)
    .select('staff_users.name')
    .where('staff_users.id', '=', staffId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/**
 * Who is emailed that a client's message is waiting: the client's assigned clinicians who may
 * still message (an active membership holding the clinician or owner role), or, when none is, the
 * practice's first active owner, so a message never waits unseen.
 */
export async function findNotifiedStaff(
  scope: Scope,
  clientId: string,
): Promise<{ id: string; name: string; email: string }[]> {
  const active = members(scope)
    .select(['staff_users.id', 'staff_users.name', 'staff_users.email'])
    .where('staff_memberships.status', '=', 'active');
  const assigned = await active
    .innerJoin('client_clinicians', (join) =>
      join
        .onRef('client_clinicians.staff_id', '=', 'staff_users.id')
        .on('client_clinicians.practice_id', '=', scope.practiceId)
        .on('client_clinicians.client_id', '=', clientId),
    )
    .where((eb) => eb.or([eb('staff_memberships.owner', '=', 1), eb('staff_memberships.clinician', '=', 1)]))
    .orderBy('client_clinicians.is_primary', 'desc')
    .orderBy('staff_users.name')
    .execute();
  if (assigned.length > 0) return assigned;
  const owner = await active
    .where('staff_memberships.owner', '=', 1)
    .orderBy('staff_users.created_at')
    .orderBy('staff_users.id')
    .executeTakeFirst();
  return owner ? [owner] : [];
}

/** The practice's active members with the clinician role: who clients can be assigned to. */
export async function listClinicians(scope: Scope): Promise<{ id: string; name: string }[]> {
  return members(scope)
    .select(['staff_users.id', 'staff_users.name'])
    .where('staff_memberships.status', '=', 'active')
    .where('staff_memberships.clinician', '=', 1)
    .orderBy('staff_users.name')
    .orderBy('staff_users.id')
    .execute();
}

/**
 * The clinician a client added by Portico itself (seeding, the demo, test factories) is given: the
 * practice's first active clinician, an owner among them first.
 */
export async function findDefaultClinician(scope: Scope): Promise<{ id: string } | undefined> {
  return members(scope)
    .select('staff_users.id')
    .where('staff_memberships.status', '=', 'active')
    .where('staff_memberships.clinician', '=', 1)
    .orderBy('staff_memberships.owner', 'desc')
    .orderBy('staff_users.created_at')
    .orderBy('staff_users.id')
    .executeTakeFirst();
}

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  password_hash: string;
  roles: StaffRole[];
  status: 'active' | 'deactivated';
}

/** A staff member of the scope's practice, or nothing (another practice's id finds nothing). */
export async function findStaffMember(scope: Scope, staffId: string): Promise<StaffMember | undefined> {
  const row = await members(scope)
    .select([
      'staff_users.id',
      'staff_users.name',
      'staff_users.email',
      'staff_users.password_hash',
      'staff_memberships.owner',
      'staff_memberships.clinician',
      'staff_memberships.biller',
      'staff_memberships.scheduler',
      'staff_memberships.status',
    ])
    .where('staff_users.id', '=', staffId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { owner, clinician, biller, scheduler, ...account } = row;
  return { ...account, roles: rolesOf({ owner, clinician, biller, scheduler }) };
}

/** Changes a staff member of the scope's practice: their name, sign-in email or password. */
export async function updateStaffMember(
  scope: Scope,
  staffId: string,
  changes: Partial<{ name: string; email: string; password_hash: string }>,
): Promise<void> {
  await scope.db
    .updateTable('staff_users')
    .set(changes)
    .where('id', '=', staffId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_memberships')
          .select('staff_id')
          .where('staff_memberships.practice_id', '=', scope.practiceId)
          .where('staff_memberships.staff_id', '=', staffId),
      ),
    )
    .execute();
}
