import type { z } from 'zod';
import type { Client } from '../../../shared/schemas/clients.js';
import type { PortalPermissions, sendInvitationBody } from '../../../shared/schemas/portal-access.js';
import type { Db } from '../../db/database.js';
import type { PortalAccessTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { RequestMeta, StaffActor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { endSessionsOf } from '../../platform/sessions.js';
import { getClient, listClientEmails } from '../clients/clients.queries.js';
import { legacyScope } from '../../platform/request-context.js';
import { loadPortalSettings } from '../portal-settings/index.js';
import { getPractice } from '../practices/index.js';
import { findAccess, saveAccess } from './portal-access.queries.js';
import { sendPortalLink } from './portal-links.js';
import { issuePortalToken, revokeClientTokens } from './portal-tokens.js';

export interface StaffCaller {
  actor: StaffActor;
  meta: RequestMeta;
}

const scopeOfCaller = (caller: StaffCaller) => ({ practiceId: caller.actor.practiceId });

/** The access row, or a fresh "not invited" one carrying the practice's default permissions. */
async function accessOrDefault(db: Db, deps: Pick<AppDeps, 'clock'>, practiceId: string, clientId: string): Promise<PortalAccessTable> {
  const existing = await findAccess(db, { practiceId }, clientId);
  if (existing) return existing;
  const settings = await loadPortalSettings(legacyScope(db, { practiceId }, deps.clock));
  return {
    client_id: clientId,
    practice_id: practiceId,
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
    updated_at: iso(deps.clock.now()),
  };
}

async function requirePortalOn(db: Db, deps: Pick<AppDeps, 'clock'>, practiceId: string): Promise<void> {
  const settings = await loadPortalSettings(legacyScope(db, { practiceId }, deps.clock));
  if (settings.enabled !== 1) throw new AppError('portal_off');
}

/**
 * Sends the welcome email to one of the client's consenting emails. It invites a new client,
 * resends to an invited one, moves access to another email (old links die) and restores disabled
 * access. Runs in the caller's transaction when given one, so client creation can invite atomically.
 */
export async function inviteInTransaction(
  trx: Db,
  deps: Pick<AppDeps, 'config' | 'clock'>,
  caller: StaffCaller,
  clientId: string,
  body: z.infer<typeof sendInvitationBody>,
): Promise<void> {
  const scope = scopeOfCaller(caller);
  const client = await getClient(trx, scope, clientId);
  if (client.archived_at) throw new AppError('conflict', 'Restore this client before inviting them to the portal.');
  await requirePortalOn(trx, deps, scope.practiceId);
  const email = (await listClientEmails(trx, scope, [clientId])).find((e) => e.id === body.emailId);
  if (!email || email.email_ok !== 1) {
    throw new AppError('validation_failed', undefined, [
      { field: 'emailId', message: 'must be one of the client’s emails with Email OK on' },
    ]);
  }
  const now = iso(deps.clock.now());
  const access = await accessOrDefault(trx, deps, scope.practiceId, clientId);
  const emailChanged = access.email_address !== null && access.email_address !== email.address;
  if (emailChanged || access.state === 'disabled') await revokeClientTokens(trx, clientId, now);
  const practice = await getPractice(legacyScope(trx, scope));
  await saveAccess(trx, {
    ...access,
    state: 'invited',
    email_id: email.id,
    email_address: email.address,
    first_invited_at: access.first_invited_at ?? now,
    last_invited_at: now,
    disabled_at: null,
    updated_at: now,
  });
  await sendPortalLink(trx, deps, { practice, client, to: email.address, message: body.message });
  await audit(trx, deps.clock, caller.actor, caller.meta, {
    action: 'portal.invited',
    practiceId: scope.practiceId,
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
    throw new AppError('validation_failed', undefined, [{ field: 'portalInvitation', message: 'needs an email with Email OK on' }]);
  }
  return email.id;
}

export async function invite(
  deps: AppDeps,
  caller: StaffCaller,
  clientId: string,
  body: z.infer<typeof sendInvitationBody>,
): Promise<void> {
  await deps.db.transaction().execute((trx) => inviteInTransaction(trx, deps, caller, clientId, body));
}

/** Why access was disabled, when staff did not ask for it with Disable access. */
export type DisableReason = 'email_changed' | 'email_removed';

/** Ends invited or active access: state disabled, every unused link and code revoked, sessions ended. */
export async function disableInTransaction(
  trx: Db,
  deps: Pick<AppDeps, 'clock'>,
  caller: StaffCaller,
  clientId: string,
  reason?: DisableReason,
): Promise<void> {
  const scope = scopeOfCaller(caller);
  await getClient(trx, scope, clientId);
  const access = await findAccess(trx, scope, clientId);
  if (!access || access.state === 'not_invited' || access.state === 'disabled') return;
  const now = iso(deps.clock.now());
  await saveAccess(trx, { ...access, state: 'disabled', disabled_at: now, updated_at: now });
  await revokeClientTokens(trx, clientId, now);
  await endSessionsOf({ db: trx }, 'client', clientId);
  await audit(trx, deps.clock, caller.actor, caller.meta, {
    action: 'portal.disabled',
    practiceId: scope.practiceId,
    clientId,
    ...(reason ? { details: { reason } } : {}),
  });
}

/** Ends the client's sessions at once and kills every link; Send email restores access later. */
export async function disable(deps: AppDeps, caller: StaffCaller, clientId: string): Promise<void> {
  await deps.db.transaction().execute((trx) => disableInTransaction(trx, deps, caller, clientId));
}

/** "Yes, Disable and Resend": the old access ends and a new invitation goes to the new email. */
export async function disableAndResend(
  deps: AppDeps,
  caller: StaffCaller,
  clientId: string,
  body: z.infer<typeof sendInvitationBody>,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await disableInTransaction(trx, deps, caller, clientId);
    await inviteInTransaction(trx, deps, caller, clientId, body);
  });
}

export async function savePermissions(
  deps: AppDeps,
  caller: StaffCaller,
  clientId: string,
  permissions: PortalPermissions,
): Promise<void> {
  const scope = scopeOfCaller(caller);
  await deps.db.transaction().execute(async (trx) => {
    await getClient(trx, scope, clientId);
    const access = await accessOrDefault(trx, deps, scope.practiceId, clientId);
    const next: PortalAccessTable = {
      ...access,
      perm_appointments: permissions.appointments ? 1 : 0,
      perm_messaging: permissions.messaging ? 1 : 0,
      perm_billing: permissions.billing ? 1 : 0,
      perm_pay: permissions.pay ? 1 : 0,
      updated_at: iso(deps.clock.now()),
    };
    await saveAccess(trx, next);
    await audit(trx, deps.clock, caller.actor, caller.meta, {
      action: 'portal.permissions_changed',
      practiceId: scope.practiceId,
      clientId,
      details: { ...permissions },
    });
  });
}

async function requireActive(db: Db, caller: StaffCaller, clientId: string) {
  const scope = scopeOfCaller(caller);
  const client = await getClient(db, scope, clientId);
  const access = await findAccess(db, scope, clientId);
  if (!access || access.state !== 'active' || !access.email_address) {
    throw new AppError('conflict', 'The client has not signed in to the portal yet. Resend the invitation instead.');
  }
  return { client, access: { ...access, email_address: access.email_address } };
}

/** Emails a fresh sign-in link to an active client's portal email. */
export async function emailSignInLink(deps: AppDeps, caller: StaffCaller, clientId: string): Promise<void> {
  const scope = scopeOfCaller(caller);
  await deps.db.transaction().execute(async (trx) => {
    await requirePortalOn(trx, deps, scope.practiceId);
    const { client, access } = await requireActive(trx, caller, clientId);
    const practice = await getPractice(legacyScope(trx, scope));
    await sendPortalLink(trx, deps, { practice, client, to: access.email_address });
    await audit(trx, deps.clock, caller.actor, caller.meta, {
      action: 'portal.sign_in_link_sent',
      practiceId: scope.practiceId,
      clientId,
    });
  });
}

/** A 6-digit code, valid 15 minutes, shown once to the clinician to read out on the phone. */
export async function generateSignInCode(
  deps: AppDeps,
  caller: StaffCaller,
  clientId: string,
): Promise<{ code: string; expiresAt: string }> {
  const scope = scopeOfCaller(caller);
  return deps.db.transaction().execute(async (trx) => {
    await requirePortalOn(trx, deps, scope.practiceId);
    const { access } = await requireActive(trx, caller, clientId);
    const issued = await issuePortalToken(trx, deps, {
      practiceId: scope.practiceId,
      clientId,
      kind: 'staff_code',
      emailAddress: access.email_address,
    });
    await audit(trx, deps.clock, caller.actor, caller.meta, {
      action: 'portal.sign_in_code_generated',
      practiceId: scope.practiceId,
      clientId,
    });
    return { code: issued.code, expiresAt: issued.codeExpiresAt };
  });
}
