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
export function portalMoveAfterSave(before: PortalAccessView | null, previous: Client, saved: Client): PortalMovePrompt | null {
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
