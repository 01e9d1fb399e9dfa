import type { Scope } from '../../platform/request-context.js';

/** The practice's active members who have not set up two-factor (whom requiring it sends to set-up). */
export async function countMembersWithoutTwoFactor(scope: Scope): Promise<number> {
  const row = await scope.db
    .selectFrom('staff_memberships')
    .leftJoin('staff_two_factor', (join) =>
      join
        .onRef('staff_two_factor.staff_id', '=', 'staff_memberships.staff_id')
        .on('staff_two_factor.enabled_at', 'is not', null),
    )
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('staff_memberships.practice_id', '=', scope.practiceId)
    .where('staff_memberships.status', '=', 'active')
    .where('staff_two_factor.staff_id', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * Ends the account's pending sign-ins into this practice (password given, code still to come):
 * a deactivated member's code no longer opens a session there. Answers how many ended.
 */
export async function endPendingSignIns(scope: Scope, staffId: string): Promise<number> {
  const result = await scope.db
    .deleteFrom('two_factor_challenges')
    .where('practice_id', '=', scope.practiceId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
