import type { Db } from '../../db/database.js';
import type { StaffUsersTable } from '../../db/schema.js';

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
