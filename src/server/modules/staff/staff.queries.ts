import type { Scope } from '../../platform/request-context.js';

/** A staff member of the practice's name, as their messages show it. */
export async function getStaffName(scope: Scope, staffId: string): Promise<string> {
  const row = await scope.db
    .selectFrom('staff_users')
    .select('name')
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', staffId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/**
 * Who is emailed that a client's message is waiting: the staff member who wrote last in the
 * conversation (not a biller), or else the practice's first owner.
 */
export async function findNotifiedStaff(scope: Scope, lastStaffId: string | null) {
  const columns = ['name', 'email', 'role'] as const;
  const last = lastStaffId
    ? await scope.db
        .selectFrom('staff_users')
        .select(columns)
        .where('practice_id', '=', scope.practiceId)
        .where('id', '=', lastStaffId)
        .executeTakeFirst()
    : undefined;
  if (last && last.role !== 'biller') return last;
  return scope.db
    .selectFrom('staff_users')
    .select(columns)
    .where('practice_id', '=', scope.practiceId)
    .where('role', '=', 'owner')
    .orderBy('created_at')
    .executeTakeFirst();
}

/** A staff member of the scope's practice, or nothing (another practice's id finds nothing). */
export async function findStaffMember(scope: Scope, staffId: string) {
  return scope.db
    .selectFrom('staff_users')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', staffId)
    .executeTakeFirst();
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
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', staffId)
    .execute();
}
