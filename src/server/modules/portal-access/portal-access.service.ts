import type { Client } from '../../../shared/schemas/clients.js';
import type { PortalPermissions, SendInvitationBody } from '../../../shared/schemas/portal-access.js';
import type { PortalAccessTable } from '../../db/schema.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { withdrawQueuedEmailsIn } from '../../platform/outbox.js';
import type { Context, StaffContext } from '../../platform/request-context.js';
import { endSessionsOf } from '../../platform/sessions.js';
import { getClient, listClientEmails } from '../clients/index.js';
import { loadPortalSettings } from '../portal-settings/index.js';
import { getPractice } from '../practices/index.js';
import { findAccess, saveAccess } from './portal-access.queries.js';
import type { DocumentsWaiting } from './portal.emails.js';
import { sendPortalLink } from './portal-links.js';
import { issuePortalToken } from './portal-tokens.js';
import { revokeClientTokens } from './portal-tokens.queries.js';

/** The access row, or a fresh "not invited" one carrying the practice's default permissions. */
async function accessOrDefault(ctx: Context, clientId: string): Promise<PortalAccessTable> {
  const existing = await findAccess(ctx, clientId);
  if (existing) return existing;
  const settings = await loadPortalSettings(ctx);
  return {
    client_id: clientId,
    practice_id: ctx.practiceId,
    state: 'not_invited',
    email_id: null,
    email_address: null,
    perm_appointments: settings.default_appointments,
    perm_messaging: settings.default_messaging,
    perm_billing: settings.default_billing,
    perm_pay: settings.default_pay,
    first_invited_at: null,
    last_invited_at: null,
    first_signed_in_at: null,
    last_signed_in_at: null,
    disabled_at: null,
    updated_at: iso(ctx.clock.now()),
  };
}

async function requirePortalOn(ctx: Context): Promise<void> {
  const settings = await loadPortalSettings(ctx);
  if (settings.enabled !== 1) throw new AppError('portal_off');
}

/**
 * How many of a client's documents wait for them and by when, asked of the documents module when
 * a welcome email is sent. The documents module imports this one, so this one imports nothing of
 * it: the lookup is given when the routes are registered (modules/index.ts).
 */
export type DocumentsWaitingLookup = (tx: Context, clientId: string) => Promise<DocumentsWaiting | null>;

/** For a client just created without documents: none can be waiting. */
export const noDocumentsWaiting: DocumentsWaitingLookup = () => Promise.resolve(null);

/**
 * Sends the welcome email to one of the client's consenting emails. It invites a new client,
 * resends to an invited one, moves access to another email (old links die) and restores disabled
 * access. Call inside a transaction (`tx`), so client creation can invite atomically. Every one of
 * these emails says how many documents wait (shared, not completed nor cancelled) and by when, as
 * `documentsWaiting` finds them in the same transaction, never which.
 */
export async function inviteInTransaction(
  tx: Context,
  clientId: string,
  body: SendInvitationBody,
  documentsWaiting: DocumentsWaitingLookup,
): Promise<void> {
  const client = await getClient(tx, clientId);
  if (client.archived_at) throw new AppError('conflict', 'Restore this client before inviting them to the portal.');
  await requirePortalOn(tx);
  const email = (await listClientEmails(tx, [clientId])).find((e) => e.id === body.emailId);
  if (!email || email.email_ok !== 1) {
    throw new AppError('validation_failed', undefined, [
      { field: 'emailId', message: 'must be one of the client’s emails with Email OK on' },
    ]);
  }
  const now = iso(tx.clock.now());
  const access = await accessOrDefault(tx, clientId);
  const emailChanged = access.email_address !== null && access.email_address !== email.address;
  if (emailChanged || access.state === 'disabled') {
    const emails = await revokeClientTokens(tx, clientId, now, emailChanged ? 'email_moved' : 'access_disabled');
    await withdrawQueuedEmailsIn(tx, emails);
  }
  const practice = await getPractice(tx);
  await saveAccess(tx, {
    ...access,
    state: 'invited',
    email_id: email.id,
    email_address: email.address,
    first_invited_at: access.first_invited_at ?? now,
    last_invited_at: now,
    disabled_at: null,
    updated_at: now,
  });
  const documents = await documentsWaiting(tx, clientId);
  await sendPortalLink(tx, { practice, client, to: email.address, message: body.message, documents });
  await auditIn(tx, {
    action: 'portal.invited',
    clientId,
    details: {
      resend: access.state === 'invited' && !emailChanged,
      emailChanged,
      restored: access.state === 'disabled',
    },
  });
}

/** The email a new client is invited at: the primary one when it has Email OK on, else the first that has. */
export function portalEmailFor(client: Client): string {
  const consenting = client.emails.filter((e) => e.emailOk);
  const email = consenting.find((e) => e.isPrimary) ?? consenting[0];
  if (!email) {
    throw new AppError('validation_failed', undefined, [
      { field: 'portalInvitation', message: 'needs an email with Email OK on' },
    ]);
  }
  return email.id;
}

export async function invite(
  ctx: Context,
  clientId: string,
  body: SendInvitationBody,
  documentsWaiting: DocumentsWaitingLookup,
): Promise<void> {
  await ctx.inTransaction((tx) => inviteInTransaction(tx, clientId, body, documentsWaiting));
}

/** Why access was disabled, when staff did not ask for it with Disable access. */
export type DisableReason = 'email_changed' | 'email_removed';

/** Ends invited or active access: state disabled, every unused link and code revoked, sessions ended. */
export async function disableInTransaction(tx: Context, clientId: string, reason?: DisableReason): Promise<void> {
  await getClient(tx, clientId);
  const access = await findAccess(tx, clientId);
  if (!access || access.state === 'not_invited' || access.state === 'disabled') return;
  const now = iso(tx.clock.now());
  await saveAccess(tx, { ...access, state: 'disabled', disabled_at: now, updated_at: now });
  // A cancelled link's email still waiting in the outbox is not sent: it would only lead nowhere.
  await withdrawQueuedEmailsIn(tx, await revokeClientTokens(tx, clientId, now, reason ?? 'access_disabled'));
  await endSessionsOf(tx, 'client', clientId);
  // Every open portal page of the client leaves at once (the sessions are gone once committed).
  tx.afterCommit(() => tx.deps.live.publish({ practiceId: tx.practiceId, type: 'access.disabled', clientId }));
  await auditIn(tx, { action: 'portal.disabled', clientId, ...(reason ? { details: { reason } } : {}) });
}

/** Ends the client's sessions at once and kills every link; Send email restores access later. */
export async function disable(ctx: StaffContext, clientId: string): Promise<void> {
  await ctx.inTransaction((tx) => disableInTransaction(tx, clientId));
}

/** "Yes, Disable and Resend": the old access ends and a new invitation goes to the new email. */
export async function disableAndResend(
  ctx: StaffContext,
  clientId: string,
  body: SendInvitationBody,
  documentsWaiting: DocumentsWaitingLookup,
): Promise<void> {
  await ctx.inTransaction(async (tx) => {
    await disableInTransaction(tx, clientId);
    await inviteInTransaction(tx, clientId, body, documentsWaiting);
  });
}

export async function savePermissions(
  ctx: StaffContext,
  clientId: string,
  permissions: PortalPermissions,
): Promise<void> {
  await ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    const access = await accessOrDefault(tx, clientId);
    await saveAccess(tx, {
      ...access,
      perm_appointments: permissions.appointments ? 1 : 0,
      perm_messaging: permissions.messaging ? 1 : 0,
      perm_billing: permissions.billing ? 1 : 0,
      perm_pay: permissions.pay ? 1 : 0,
      updated_at: iso(tx.clock.now()),
    });
    await auditIn(tx, { action: 'portal.permissions_changed', clientId, details: { ...permissions } });
  });
}

async function requireActive(ctx: Context, clientId: string) {
  const client = await getClient(ctx, clientId);
  const access = await findAccess(ctx, clientId);
  if (!access || access.state !== 'active' || !access.email_address) {
    throw new AppError('conflict', 'The client has not signed in to the portal yet. Resend the invitation instead.');
  }
  return { client, access: { ...access, email_address: access.email_address } };
}

/** Emails a fresh sign-in link to an active client's portal email. */
export async function emailSignInLink(ctx: StaffContext, clientId: string): Promise<void> {
  await ctx.inTransaction(async (tx) => {
    await requirePortalOn(tx);
    const { client, access } = await requireActive(tx, clientId);
    const practice = await getPractice(tx);
    await sendPortalLink(tx, { practice, client, to: access.email_address });
    await auditIn(tx, { action: 'portal.sign_in_link_sent', clientId });
  });
}

/** A 6-digit code, valid 15 minutes, shown once to the clinician to read out on the phone. */
export async function generateSignInCode(
  ctx: StaffContext,
  clientId: string,
): Promise<{ code: string; expiresAt: string }> {
  return ctx.inTransaction(async (tx) => {
    await requirePortalOn(tx);
    const { access } = await requireActive(tx, clientId);
    const issued = await issuePortalToken(tx, { clientId, kind: 'staff_code', emailAddress: access.email_address });
    await auditIn(tx, { action: 'portal.sign_in_code_generated', clientId });
    return { code: issued.code, expiresAt: issued.codeExpiresAt };
  });
}
