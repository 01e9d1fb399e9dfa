import { sql } from 'kysely';
import type { StaffInvitationsTable, StaffMembershipsTable, StaffRole } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';
import { roleFlags, rolesOf } from '../staff/index.js';

/** The team queries: every one is within the scope's practice. */

/**
 * Serialises the changes to one practice's team: the practice's row is locked until the
 * transaction ends (PostgreSQL), so two owners changing the team at once take turns and each sees
 * what the other did. SQLite transactions already take the write lock first (decision 008).
 */
export async function lockTeam(scope: Scope, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select id from practices where id = ${scope.practiceId} for update`.execute(scope.db);
}

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  roles: StaffRole[];
  status: StaffMembershipsTable['status'];
  last_sign_in_at: string | null;
}

/** The practice's members, active and deactivated, by name. */
export async function listMembers(scope: Scope): Promise<MemberRow[]> {
  const rows = await scope.db
    .selectFrom('staff_memberships')
    .innerJoin('staff_users', 'staff_users.id', 'staff_memberships.staff_id')
    .select([
      'staff_users.id',
      'staff_users.name',
      'staff_users.email',
      'staff_users.last_sign_in_at',
      'staff_memberships.owner',
      'staff_memberships.clinician',
      'staff_memberships.biller',
      'staff_memberships.scheduler',
      'staff_memberships.status',
    ])
    .where('staff_memberships.practice_id', '=', scope.practiceId)
    .orderBy('staff_users.name')
    .orderBy('staff_users.id')
    .execute();
  return rows.map(({ owner, clinician, biller, scheduler, ...row }) => ({
    ...row,
    roles: rolesOf({ owner, clinician, biller, scheduler }),
  }));
}

/** One membership of the practice, or nothing (another practice's member is not found). */
export async function findMembership(scope: Scope, staffId: string): Promise<StaffMembershipsTable | undefined> {
  return scope.db
    .selectFrom('staff_memberships')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
}

/** The membership of the account with this email, if it is on the practice's team. */
export async function findMembershipByEmail(scope: Scope, email: string): Promise<{ staff_id: string } | undefined> {
  return scope.db
    .selectFrom('staff_memberships')
    .innerJoin('staff_users', 'staff_users.id', 'staff_memberships.staff_id')
    .select('staff_memberships.staff_id')
    .where('staff_memberships.practice_id', '=', scope.practiceId)
    .where('staff_users.email', '=', email)
    .executeTakeFirst();
}

export async function updateMembership(
  scope: Scope,
  staffId: string,
  changes: Partial<Pick<StaffMembershipsTable, StaffRole | 'status' | 'deactivated_at'>>,
): Promise<void> {
  await scope.db
    .updateTable('staff_memberships')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('staff_id', '=', staffId)
    .execute();
}

/** How many active owners the practice has. */
export async function countActiveOwners(scope: Scope): Promise<number> {
  const row = await scope.db
    .selectFrom('staff_memberships')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('practice_id', '=', scope.practiceId)
    .where('owner', '=', 1)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ends every session the account has in this practice (its sessions elsewhere stay); answers how many. */
export async function endMemberSessions(scope: Scope, staffId: string): Promise<number> {
  const result = await scope.db
    .deleteFrom('sessions')
    .where('kind', '=', 'staff')
    .where('practice_id', '=', scope.practiceId)
    .where('subject_id', '=', staffId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Invitations neither accepted nor revoked, newest first. */
export async function listPendingInvitations(scope: Scope): Promise<StaffInvitationsTable[]> {
  return scope.db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** A pending invitation of the practice by id, or nothing. */
export async function findPendingInvitation(scope: Scope, id: string): Promise<StaffInvitationsTable | undefined> {
  return scope.db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function findPendingInvitationByEmail(
  scope: Scope,
  email: string,
): Promise<StaffInvitationsTable | undefined> {
  return scope.db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertInvitation(
  scope: Scope,
  row: Omit<StaffInvitationsTable, 'practice_id' | StaffRole> & { roles: readonly StaffRole[] },
): Promise<void> {
  const { roles, ...rest } = row;
  await scope.db
    .insertInto('staff_invitations')
    .values({ ...rest, ...roleFlags(roles), practice_id: scope.practiceId })
    .execute();
}

export async function updateInvitation(
  scope: Scope,
  id: string,
  changes: Partial<Pick<StaffInvitationsTable, 'token_hash' | 'sent_at' | 'expires_at' | 'revoked_at'>>,
): Promise<void> {
  await scope.db
    .updateTable('staff_invitations')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}

export const invitationRoles = (row: StaffInvitationsTable): StaffRole[] => rolesOf(row);
