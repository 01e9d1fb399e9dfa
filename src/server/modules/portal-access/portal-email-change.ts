import type { Client, UpdateClientBody } from '../../../shared/schemas/clients.js';
import { AppError } from '../../platform/errors.js';
import type { Context } from '../../platform/request-context.js';
import { findAccess } from './portal-access.queries.js';
import { disableInTransaction, inviteInTransaction } from './portal-access.service.js';

/**
 * Client Portal access follows its address, in the transaction of the client update that changed
 * the emails. Sign-in links are requested, and codes checked, by address, so access on an address
 * the client no longer has would leave a stranger's mailbox able to sign in. When the saved client
 * has no email at the address that invited or active access uses (the portal email's address was
 * edited in place, or that email removed), the access is disabled: its sessions end and its links
 * and codes die at once, audited with why. With `resend` ("Yes, Disable and Resend") a new
 * invitation then goes to the address it names. An address kept (even re-entered as a new email)
 * keeps its access.
 */
export async function followPortalEmail(
  tx: Context,
  client: Client,
  resend: UpdateClientBody['resendPortalInvitation'],
): Promise<void> {
  const access = await findAccess(tx, client.id);
  const inUse = access && (access.state === 'invited' || access.state === 'active') && access.email_address !== null;
  if (!inUse || client.emails.some((e) => e.address === access.email_address)) {
    if (resend) {
      throw new AppError(
        'conflict',
        'This change leaves the Client Portal email where it is, so there is no access to move. Send the invitation from the Client Portal tab instead.',
      );
    }
    return;
  }
  const reason = client.emails.some((e) => e.id === access.email_id) ? 'email_changed' : 'email_removed';
  await disableInTransaction(tx, client.id, reason);
  if (!resend) return;
  const email = client.emails.find((e) => e.address === resend.to);
  // The body's schema already requires one; a client changed under us fails here, saving nothing.
  if (!email)
    throw new AppError('validation_failed', undefined, [
      { field: 'resendPortalInvitation.to', message: 'must be one of the client’s emails' },
    ]);
  await inviteInTransaction(tx, client.id, { emailId: email.id, message: resend.message });
}
