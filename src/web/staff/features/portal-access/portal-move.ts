import type { Client } from '../../../../shared/schemas/clients.js';
import type { PortalAccessView } from '../../../../shared/schemas/portal-access.js';

/** What "Update Client Portal access?" offers: moving access from the old primary email to the new one. */
export interface PortalMovePrompt {
  oldAddress: string;
  email: { id: string; address: string };
  message: string;
}

/**
 * After Client Info is saved: when the client's portal access (invited or active) used the old
 * primary email and the primary email is now another address with Email OK on, offer the move.
 */
export function portalMoveAfterSave(
  before: PortalAccessView | null,
  previous: Client,
  saved: Client,
): PortalMovePrompt | null {
  if (!before?.email || (before.state !== 'invited' && before.state !== 'active')) return null;
  const oldPrimary = previous.emails.find((e) => e.isPrimary);
  if (!oldPrimary || oldPrimary.address !== before.email.address) return null;
  const newPrimary = saved.emails.find((e) => e.isPrimary);
  if (!newPrimary?.emailOk || newPrimary.address === oldPrimary.address) return null;
  return {
    oldAddress: before.email.address,
    email: { id: newPrimary.id, address: newPrimary.address },
    message: before.defaultMessage,
  };
}

/**
 * What "Update Client Portal access?" asks before Client Info is saved, when the change takes away
 * the address the Client Portal uses: the server then disables that access (sessions, links and
 * codes of the old address end), and "Yes, Disable and Resend" also invites `resendTo` in the same save.
 */
export interface PortalEmailLoss {
  oldAddress: string;
  /** The portal email's own row with its address edited, or that email removed. */
  how: { kind: 'changed'; newAddress: string } | { kind: 'removed' };
  /**
   * Where a new invitation can go: the edited address, or after a removal the primary email (else
   * the first) with Email OK on; null when none has consent or the practice's portal is off.
   */
  resendTo: string | null;
  /** Why no invitation can be sent, when resendTo is null. */
  whyNoResend: string | null;
  message: string;
}

/** Before Client Info is saved: does this change take away the address of invited or active access? */
export function portalEmailLossBeforeSave(
  before: PortalAccessView | null,
  emails: readonly { id?: string | undefined; address: string; emailOk: boolean; isPrimary: boolean }[],
): PortalEmailLoss | null {
  const current = before?.email;
  if (!before || !current || (before.state !== 'invited' && before.state !== 'active')) return null;
  if (emails.some((e) => e.address === current.address)) return null;
  const row = current.id === null ? undefined : emails.find((e) => e.id === current.id);
  const consenting = emails.filter((e) => e.emailOk);
  const target = row ? (row.emailOk ? row : undefined) : (consenting.find((e) => e.isPrimary) ?? consenting[0]);
  const whyNoResend = !before.practicePortalEnabled
    ? 'The Client Portal is turned off for your practice, so no invitation can be sent now.'
    : target
      ? null
      : row
        ? `${row.address} does not have Email OK on, so no invitation can be sent to it.`
        : 'No email left has Email OK on, so no invitation can be sent.';
  return {
    oldAddress: current.address,
    how: row ? { kind: 'changed', newAddress: row.address } : { kind: 'removed' },
    resendTo: whyNoResend === null && target ? target.address : null,
    whyNoResend,
    message: before.defaultMessage,
  };
}
