import type { MyPractice } from '../../../shared/schemas/team.js';
import { audit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { StaffContext } from '../../platform/request-context.js';
import { endSession, type NewSession } from '../../platform/sessions.js';
import type { SessionLimit } from '../../db/schema.js';
import { openStaffSession } from '../auth/index.js';
import { listActivePracticesOf, setSignInPractice } from './team.unscoped.js';

/** The practices the signed-in account is an active member of, the current one marked. */
export async function listMyPractices(ctx: StaffContext): Promise<MyPractice[]> {
  const practices = await listActivePracticesOf(ctx.db, ctx.actor.staffId);
  return practices.map((practice) => ({ ...practice, current: practice.id === ctx.practiceId }));
}

/**
 * Opens the account's session in another practice where its membership is active (any other
 * practice is not found) and ends this one: a session is for one practice. The next sign-in opens
 * that practice too. It opens as any sign-in does (`openStaffSession`), the code already given
 * for this session standing for the second factor: someone without two-factor switching into a
 * practice that requires it gets a session limited to setting it up.
 */
export async function switchPractice(
  ctx: StaffContext,
  practiceId: string,
): Promise<{ session: NewSession; staffId: string; practiceId: string; limitedTo: SessionLimit | null }> {
  const practices = await listActivePracticesOf(ctx.db, ctx.actor.staffId);
  if (!practices.some((practice) => practice.id === practiceId)) throw notFound();
  const staffId = ctx.actor.staffId;
  const opened = await ctx.deps.db.transaction().execute(async (trx) => {
    const start = await openStaffSession(ctx.deps, { staffId, practiceId }, ctx.meta, {
      secondFactorDone: true,
      db: trx,
    });
    if (start.step !== 'signed-in') throw new AppError('internal');
    await endSession({ ...ctx.deps, db: trx }, ctx.actor.sessionHash);
    await setSignInPractice(trx, staffId, practiceId);
    const who = { kind: 'staff-id' as const, staffId };
    await audit(trx, ctx.clock, who, ctx.meta, { action: 'staff.switched_practice_out', practiceId: ctx.practiceId });
    await audit(trx, ctx.clock, who, ctx.meta, { action: 'staff.switched_practice_in', practiceId });
    return start;
  });
  return { session: opened.session, limitedTo: opened.limitedTo, staffId, practiceId };
}
