import type { StaffInvitationsTable, StaffMembershipsTable, StaffRole } from '../../db/schema.js';
import type { Team } from '../../../shared/schemas/team.js';
import { auditIn } from '../../platform/audit.js';
import { addMinutes, iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { enqueueEmailIn, withdrawQueuedEmailsToIn } from '../../platform/outbox.js';
import type { StaffContext } from '../../platform/request-context.js';
import { hashToken, newId, newToken } from '../../platform/tokens.js';
import { endPendingSignIns, findTwoFactorEnabled } from '../auth/index.js';
import { getPractice, logoUrl } from '../practices/index.js';
import { findStaffByEmail, getStaffName, roleFlags, rolesOf } from '../staff/index.js';
import { teamInvitationEmail } from './team.emails.js';
import {
  countActiveOwners,
  endMemberSessions,
  findMembership,
  findMembershipByEmail,
  findPendingInvitation,
  findPendingInvitationByEmail,
  insertInvitation,
  invitationRoles,
  listMembers,
  listPendingInvitations,
  lockTeam,
  updateInvitation,
  updateMembership,
} from './team.queries.js';

/** How long an invitation link works (from its latest sending). */
export const INVITATION_DAYS = 7;

export async function getTeam(ctx: StaffContext): Promise<Team> {
  const [members, invitations] = [await listMembers(ctx), await listPendingInvitations(ctx)];
  const withTwoFactor = await findTwoFactorEnabled(
    ctx.db,
    members.map((member) => member.id),
  );
  const now = iso(ctx.clock.now());
  return {
    members: members.map((member) => ({
      id: member.id,
      name: member.name,
      email: member.email,
      roles: member.roles,
      status: member.status,
      lastSignInAt: member.last_sign_in_at,
      twoFactor: withTwoFactor.has(member.id),
      you: member.id === ctx.actor.staffId,
    })),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      name: invitation.name,
      email: invitation.email,
      roles: invitationRoles(invitation),
      status: 'invited' as const,
      sentAt: invitation.sent_at,
      expiresAt: invitation.expires_at,
      expired: invitation.expires_at <= now,
    })),
  };
}

/** Queues the invitation email with a new link; answers the link's token hash and expiry. */
async function sendInvitation(
  tx: StaffContext,
  invitation: Pick<StaffInvitationsTable, 'name' | 'email' | 'message'> & { roles: readonly StaffRole[] },
): Promise<{ token_hash: string; sent_at: string; expires_at: string }> {
  const token = newToken();
  const now = tx.clock.now();
  const practice = await getPractice(tx);
  const url = `${tx.deps.config.publicUrl}/accept-invitation#token=${encodeURIComponent(token)}`;
  const email = teamInvitationEmail({
    practiceName: practice.name,
    practiceLogoUrl: logoUrl(tx.deps, practice, { absolute: true }),
    name: invitation.name,
    inviterName: await getStaffName(tx, tx.actor.staffId),
    roles: invitation.roles,
    message: invitation.message,
    hasAccount: (await findStaffByEmail(tx.db, invitation.email)) !== undefined,
    url,
  });
  await enqueueEmailIn(tx, { kind: 'team_invitation', to: invitation.email, ...email });
  return {
    token_hash: hashToken(token),
    sent_at: iso(now),
    expires_at: iso(addMinutes(now, INVITATION_DAYS * 24 * 60)),
  };
}

/**
 * Invites a person to the team. An email already on the team (active or deactivated) or already
 * invited is refused, naming the field; an email with a Portico account in another practice is
 * invited like any other and accepts with that account's password.
 */
export async function inviteMember(
  ctx: StaffContext,
  body: { name: string; email: string; roles: StaffRole[]; message: string | null },
): Promise<Team> {
  await ctx.inTransaction(async (tx) => {
    await lockTeam(tx, tx.deps.dialect);
    if (await findMembershipByEmail(tx, body.email)) {
      throw new AppError('email_taken', 'That person is already on the team.', [
        { field: 'email', message: 'is already on the team' },
      ]);
    }
    if (await findPendingInvitationByEmail(tx, body.email)) {
      throw new AppError(
        'email_taken',
        'That email already has a pending invitation: resend or revoke it in the list.',
        [{ field: 'email', message: 'already has a pending invitation' }],
      );
    }
    const id = newId();
    const link = await sendInvitation(tx, body);
    await insertInvitation(tx, {
      id,
      ...link,
      name: body.name,
      email: body.email,
      roles: body.roles,
      message: body.message,
      invited_by: tx.actor.staffId,
      created_at: link.sent_at,
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    });
    await auditIn(tx, {
      action: 'team.member_invited',
      details: { invitationId: id, email: body.email, roles: body.roles.join(',') },
    });
  });
  return getTeam(ctx);
}

/** Sends a pending invitation again with a new link: the earlier link stops working, the seven days start over. */
export async function resendInvitation(ctx: StaffContext, id: string): Promise<Team> {
  await ctx.inTransaction(async (tx) => {
    const invitation = await findPendingInvitation(tx, id);
    if (!invitation) throw notFound();
    // The earlier email, if still waiting, would carry the link that stops working now.
    await withdrawQueuedEmailsToIn(tx, 'team_invitation', invitation.email);
    const link = await sendInvitation(tx, { ...invitation, roles: invitationRoles(invitation) });
    await updateInvitation(tx, id, link);
    await auditIn(tx, { action: 'team.invitation_resent', details: { invitationId: id, email: invitation.email } });
  });
  return getTeam(ctx);
}

/** Revokes a pending invitation: its link stops working, and its email is not sent if it is still waiting. */
export async function revokeInvitation(ctx: StaffContext, id: string): Promise<Team> {
  await ctx.inTransaction(async (tx) => {
    const invitation = await findPendingInvitation(tx, id);
    if (!invitation) throw notFound();
    await updateInvitation(tx, id, { revoked_at: iso(tx.clock.now()) });
    await withdrawQueuedEmailsToIn(tx, 'team_invitation', invitation.email);
    await auditIn(tx, { action: 'team.invitation_revoked', details: { invitationId: id, email: invitation.email } });
  });
  return getTeam(ctx);
}

const lastOwner = () =>
  new AppError(
    'conflict',
    'The practice needs at least one active owner. Make another member an owner first.',
    undefined,
    'last_owner',
  );

/**
 * Within the team's lock: the member (404 when not of this practice), refused when the change
 * would leave the practice without an active owner.
 */
async function memberKeepingAnOwner(
  tx: StaffContext,
  staffId: string,
  after: (member: StaffMembershipsTable) => { owner: boolean; active: boolean },
): Promise<StaffMembershipsTable> {
  await lockTeam(tx, tx.deps.dialect);
  const member = await findMembership(tx, staffId);
  if (!member) throw notFound();
  const stays = after(member);
  const isActiveOwner = member.owner === 1 && member.status === 'active';
  if (isActiveOwner && !(stays.owner && stays.active) && (await countActiveOwners(tx)) <= 1) throw lastOwner();
  return member;
}

export async function setMemberRoles(ctx: StaffContext, staffId: string, roles: StaffRole[]): Promise<Team> {
  await ctx.inTransaction(async (tx) => {
    const member = await memberKeepingAnOwner(tx, staffId, (current) => ({
      owner: roles.includes('owner'),
      active: current.status === 'active',
    }));
    const before = rolesOf(member);
    if (before.join(',') === roles.join(',')) return;
    await updateMembership(tx, staffId, roleFlags(roles));
    await auditIn(tx, {
      action: 'team.roles_changed',
      details: { staffId, from: before.join(','), to: roles.join(',') },
    });
  });
  return getTeam(ctx);
}

/**
 * Deactivates a member: their sessions in this practice and their sign-ins waiting for a
 * two-factor code there end in the same transaction (and the session lookup already refuses a
 * deactivated membership), open event streams are told to end.
 * Their clients, messages and history stay as they are.
 */
export async function deactivateMember(ctx: StaffContext, staffId: string): Promise<Team> {
  await ctx.inTransaction(async (tx) => {
    const member = await memberKeepingAnOwner(tx, staffId, () => ({ owner: true, active: false }));
    if (member.status === 'deactivated') return;
    await updateMembership(tx, staffId, { status: 'deactivated', deactivated_at: iso(tx.clock.now()) });
    const sessionsEnded = await endMemberSessions(tx, staffId);
    const pendingSignInsEnded = await endPendingSignIns(tx, staffId);
    await auditIn(tx, { action: 'team.member_deactivated', details: { staffId, sessionsEnded, pendingSignInsEnded } });
    tx.afterCommit(() =>
      tx.deps.live.publish({ practiceId: tx.practiceId, type: 'staff.ended', clientId: null, staffId }),
    );
  });
  return getTeam(ctx);
}

export async function reactivateMember(ctx: StaffContext, staffId: string): Promise<Team> {
  await ctx.inTransaction(async (tx) => {
    const member = await findMembership(tx, staffId);
    if (!member) throw notFound();
    if (member.status === 'active') return;
    await updateMembership(tx, staffId, { status: 'active', deactivated_at: null });
    await auditIn(tx, { action: 'team.member_reactivated', details: { staffId } });
  });
  return getTeam(ctx);
}
