import type { Db } from '../../db/database.js';
import type { StaffInvitationsTable } from '../../db/schema.js';

/**
 * The team queries no session scopes: an invitation found by its link's token (opened by someone
 * not signed in to that practice), and an account's own memberships across practices (the
 * practice switcher, which reads only the signed-in account's rows).
 */

export interface InvitationByToken extends StaffInvitationsTable {
  practice_name: string;
  inviter_name: string;
}

/** A pending, unexpired invitation by its token's hash, with its practice's and inviter's names. */
export async function findOpenInvitation(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<InvitationByToken | undefined> {
  return db
    .selectFrom('staff_invitations')
    .innerJoin('practices', 'practices.id', 'staff_invitations.practice_id')
    .innerJoin('staff_users', 'staff_users.id', 'staff_invitations.invited_by')
    .selectAll('staff_invitations')
    .select(['practices.name as practice_name', 'staff_users.name as inviter_name'])
    .where('staff_invitations.token_hash', '=', tokenHash)
    .where('staff_invitations.accepted_at', 'is', null)
    .where('staff_invitations.revoked_at', 'is', null)
    .where('staff_invitations.expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Uses the invitation once: stamps it accepted if it is still pending and unexpired. Of two
 * accepts at once, one stamps it and the other finds nothing. `recordAcceptedBy` names the account
 * once it exists.
 */
export async function claimInvitation(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<StaffInvitationsTable | undefined> {
  return db
    .updateTable('staff_invitations')
    .set({ accepted_at: now })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export async function recordAcceptedBy(
  db: Db,
  invitation: Pick<StaffInvitationsTable, 'practice_id' | 'id'>,
  staffId: string,
): Promise<void> {
  await db
    .updateTable('staff_invitations')
    .set({ accepted_by: staffId })
    .where('practice_id', '=', invitation.practice_id)
    .where('id', '=', invitation.id)
    .execute();
}

/** The practices where the account's membership is active, by name. */
export async function listActivePracticesOf(db: Db, staffId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('staff_memberships')
    .innerJoin('practices', 'practices.id', 'staff_memberships.practice_id')
    .select(['practices.id', 'practices.name'])
    .where('staff_memberships.staff_id', '=', staffId)
    .where('staff_memberships.status', '=', 'active')
    .orderBy('practices.name')
    .orderBy('practices.id')
    .execute();
}

/** Makes `practiceId` the practice the account's next sign-in opens. */
export async function setSignInPractice(db: Db, staffId: string, practiceId: string): Promise<void> {
  await db.updateTable('staff_users').set({ practice_id: practiceId }).where('id', '=', staffId).execute();
}
