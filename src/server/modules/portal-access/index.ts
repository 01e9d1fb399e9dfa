import type { ClientRouteHooks } from '../clients/index.js';
import { followPortalEmail } from './portal-email-change.js';
import {
  inviteInTransaction,
  noDocumentsWaiting,
  portalEmailFor,
  type DocumentsWaitingLookup,
} from './portal-access.service.js';

/**
 * The portal-access module: each client's Client Portal access, its invitations, sign-in links and
 * codes (it owns portal_access and portal_tokens). Other modules use it only through this face.
 */
export { portalAccessRoutes } from './portal-access.routes.js';
export { findAccess, findUsableAccessByEmail, saveAccess, usableGrant } from './portal-access.queries.js';
export { findClientSession } from './portal-sessions.unscoped.js';
export { invite, inviteInTransaction, portalEmailFor, type DocumentsWaitingLookup } from './portal-access.service.js';
export { clientDisplayName, sendPortalLink } from './portal-links.js';
export { signInUrl, validForText, type DocumentsWaiting } from './portal.emails.js';
export { codeMatches, issuePortalToken, LIVE_LINKS, MAX_CODE_ATTEMPTS } from './portal-tokens.js';
export {
  attachOutbox,
  claimToken,
  findTokenByValue,
  liveCodes,
  newestUnusedLinkIds,
  spendCodeTries,
} from './portal-tokens.queries.js';

/**
 * What the Client Portal does when a client is created or their emails change (see clientRoutes);
 * an invitation resent to a new email says how many documents wait (`documentsWaiting`).
 */
export function portalAccessClientHooks(
  documentsWaiting: DocumentsWaitingLookup,
): Omit<ClientRouteHooks, 'shareOnCreate'> {
  return {
    inviteOnCreate: (tx, client, invitation) =>
      inviteInTransaction(
        tx,
        client.id,
        { emailId: portalEmailFor(client), message: invitation.message },
        noDocumentsWaiting,
      ),
    followPortalEmail: (tx, client, resend) => followPortalEmail(tx, client, resend, documentsWaiting),
  };
}
