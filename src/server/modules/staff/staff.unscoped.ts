import type { Db } from '../../db/database.js';
import type { SessionsTable, StaffRole, StaffUsersTable } from '../../db/schema.js';
import { roleFlags, rolesOf } from './staff.roles.js';

/**
 * The staff queries no practice scopes: an account found by its email at sign-in and password
 * reset (staff emails are unique across practices), by its id from a session, and created with
 * its practice. Everything else takes a Scope.
 */

export async function findStaffByEmail(db: Db, email: string): Promise<StaffUsersTable | undefined> {
  return db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findStaffById(db: Db, id: string): Promise<StaffUsersTable | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A staff session and its account's roles in the session's practice, by the session's token hash:
 * one indexed lookup for every staff request (the session hook checks the session's limits). Only
 * an active membership of the session's practice keeps the session.
 */
export async function findStaffSession(
  db: Db,
  tokenHash: string,
): Promise<{ session: SessionsTable; roles: StaffRole[] } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff_memberships', (join) =>
      join
        .onRef('staff_memberships.staff_id', '=', 'sessions.subject_id')
        .onRef('staff_memberships.practice_id', '=', 'sessions.practice_id')
        .on('staff_memberships.status', '=', 'active'),
    )
    .selectAll('sessions')
    .select([
      'staff_memberships.owner',
      'staff_memberships.clinician',
      'staff_memberships.biller',
      'staff_memberships.scheduler',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.kind', '=', 'staff')
    .executeTakeFirst();
  if (!row) return undefined;
  const { owner, clinician, biller, scheduler, ...session } = row;
  return { session, roles: rolesOf({ owner, clinician, biller, scheduler }) };
}

export async function insertStaff(db: Db, staff: StaffUsersTable): Promise<void> {
  await db.insertInto('staff_users').values(staff).execute();
}

/** Makes an account a member of a practice with these roles (active). */
export async function insertMembership(
  db: Db,
  membership: { practiceId: string; staffId: string; roles: readonly StaffRole[]; createdAt: string },
): Promise<void> {
  await db
    .insertInto('staff_memberships')
    .values({
      practice_id: membership.practiceId,
      staff_id: membership.staffId,
      ...roleFlags(membership.roles),
      status: 'active',
      created_at: membership.createdAt,
      deactivated_at: null,
    })
    .execute();
}

export async function updateStaff(
  db: Db,
  id: string,
  changes: Partial<Pick<StaffUsersTable, 'password_hash' | 'last_sign_in_at'>>,
): Promise<void> {
  await db.updateTable('staff_users').set(changes).where('id', '=', id).execute();
}

/**
 * The practice a sign-in opens: the account's own `practice_id` when its membership there is
 * active, else its earliest active membership; null when every membership is deactivated.
 */
export async function findSignInPractice(
  db: Db,
  staff: Pick<StaffUsersTable, 'id' | 'practice_id'>,
): Promise<string | null> {
  const active = await db
    .selectFrom('staff_memberships')
    .select('practice_id')
    .where('staff_id', '=', staff.id)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('practice_id')
    .execute();
  if (active.some((row) => row.practice_id === staff.practice_id)) return staff.practice_id;
  return active[0]?.practice_id ?? null;
}
