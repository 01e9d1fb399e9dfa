import type { Db } from '../../db/database.js';
import type { SessionsTable, StaffRole, StaffUsersTable } from '../../db/schema.js';

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
 * A staff session and its account's role, by the session's token hash: one indexed lookup for
 * every staff request (the session hook checks the session's limits). The session's practice must
 * be the account's.
 */
export async function findStaffSession(
  db: Db,
  tokenHash: string,
): Promise<{ session: SessionsTable; role: StaffRole } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff_users', (join) =>
      join
        .onRef('staff_users.id', '=', 'sessions.subject_id')
        .onRef('staff_users.practice_id', '=', 'sessions.practice_id'),
    )
    .selectAll('sessions')
    .select('staff_users.role as staff_role')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.kind', '=', 'staff')
    .executeTakeFirst();
  if (!row) return undefined;
  const { staff_role: role, ...session } = row;
  return { session, role };
}

export async function insertStaff(db: Db, staff: StaffUsersTable): Promise<void> {
  await db.insertInto('staff_users').values(staff).execute();
}

export async function updateStaff(
  db: Db,
  id: string,
  changes: Partial<Pick<StaffUsersTable, 'password_hash' | 'last_sign_in_at'>>,
): Promise<void> {
  await db.updateTable('staff_users').set(changes).where('id', '=', id).execute();
}
