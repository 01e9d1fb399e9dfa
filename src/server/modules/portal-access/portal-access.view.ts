import type { PortalAccessView } from '../../../shared/schemas/portal-access.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { Context } from '../../platform/request-context.js';
import { getClient, listClientEmails } from '../clients/index.js';
import { loadPortalSettings, portalUrl } from '../portal-settings/index.js';
import { getPractice } from '../practices/index.js';
import { accessViewedAction, findAccess, listInvitations, listPortalEvents } from './portal-access.queries.js';
import { liveLinkIds, toInvitation } from './portal-invitations.js';

function payUnavailableReason(paymentsActive: boolean, billing: boolean): string | null {
  if (!paymentsActive)
    return 'Online payments are not set up for this practice yet, so clients cannot pay in the portal.';
  if (!billing) return 'Paying needs Access billing documents to be on as well.';
  return null;
}

/** Everything the Client Portal tab shows, read in one place. */
export async function getAccessView(ctx: Context, clientId: string): Promise<PortalAccessView> {
  await getClient(ctx, clientId);
  const now = iso(ctx.clock.now());
  const [practice, settings, access, emails, invitations, events] = await Promise.all([
    getPractice(ctx),
    loadPortalSettings(ctx),
    findAccess(ctx, clientId),
    listClientEmails(ctx, [clientId]),
    listInvitations(ctx, clientId),
    listPortalEvents(ctx, clientId),
  ]);
  const liveIds = liveLinkIds(invitations);
  const permissions = {
    appointments: (access?.perm_appointments ?? settings.default_appointments) === 1,
    messaging: (access?.perm_messaging ?? settings.default_messaging) === 1,
    billing: (access?.perm_billing ?? settings.default_billing) === 1,
    pay: (access?.perm_pay ?? settings.default_pay) === 1,
  };
  const reason = payUnavailableReason(settings.payments_active === 1, permissions.billing);
  return {
    state: access?.state ?? 'not_invited',
    practicePortalEnabled: settings.enabled === 1,
    portalUrl: portalUrl(ctx.deps, practice.slug),
    email: access?.email_address
      ? { id: emails.some((e) => e.id === access.email_id) ? access.email_id : null, address: access.email_address }
      : null,
    eligibleEmails: emails
      .filter((e) => e.email_ok === 1)
      .map((e) => ({ id: e.id, address: e.address, isPrimary: e.is_primary === 1 })),
    permissions,
    payEffective: permissions.pay && reason === null,
    payUnavailableReason: reason,
    firstInvitedAt: access?.first_invited_at ?? null,
    lastInvitedAt: access?.last_invited_at ?? null,
    firstSignedInAt: access?.first_signed_in_at ?? null,
    lastSignedInAt: access?.last_signed_in_at ?? null,
    disabledAt: access?.disabled_at ?? null,
    defaultMessage: settings.welcome_message,
    invitations: invitations.map((row) => toInvitation(row, now, liveIds)),
    events: events.map((row) => ({
      id: row.id,
      action: row.action,
      actorName: row.actor_name,
      ip: row.ip,
      createdAt: row.created_at,
    })),
  };
}

/**
 * Opening the Client Portal tab reads the client's records, so it is audited like opening the
 * profile (`client.viewed`): a client the caller does not reach throws before any row is written.
 * The views after a change (each action answers with the refreshed tab) are not: the change is.
 */
export async function viewAccess(ctx: Context, clientId: string): Promise<PortalAccessView> {
  const view = await getAccessView(ctx, clientId);
  await auditIn(ctx, { action: accessViewedAction, clientId });
  return view;
}
