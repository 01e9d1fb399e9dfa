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
