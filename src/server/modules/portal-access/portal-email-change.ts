import type { Client, UpdateClientBody } from '../../../shared/schemas/clients.js';
import { AppError } from '../../platform/errors.js';
import { clientReach } from '../../platform/permissions.js';
import type { Context } from '../../platform/request-context.js';
import { findClient } from '../clients/index.js';
import { findAccess } from './portal-access.queries.js';
import { disableInTransaction, inviteInTransaction, type DocumentsWaitingLookup } from './portal-access.service.js';

const onlyPortalStaff = (what: 'change' | 'remove') =>
  `the Client Portal email: only an owner or the client’s clinician can ${what} it`;

/**
 * Whether the caller manages this client's Client Portal access: owners, and the client's own
 * clinicians (a clinician who is also a biller reaches every profile, but only their clients' portal).
 */
async function managesPortalOf(tx: Context, clientId: string): Promise<boolean> {
  if (tx.actor.kind !== 'staff') return true;
  const reach = clientReach(tx.actor, 'portal');
  if (!reach) return false;
  return (await findClient({ practiceId: tx.practiceId, db: tx.db, clientReach: reach }, clientId)) !== undefined;
}

/**
 * Client Portal access follows its address, in the transaction of the client update that changed
 * the emails. Sign-in links are requested, and codes checked, by address, so access on an address
 * the client no longer has would leave a stranger's mailbox able to sign in. When the saved client
 * has no email at the address that invited or active access uses (the portal email's address was
 * edited in place, or that email removed), the access is disabled: its sessions end and its links
 * and codes die at once, audited with why. With `resend` ("Yes, Disable and Resend") a new
 * invitation then goes to the address it names. An address kept (even re-entered as a new email)
 * keeps its access. The new invitation says how many documents wait, as `documentsWaiting` finds
 * them. Staff without Client Portal rights (billers, schedulers) cannot make such a
 * change: it is refused, naming the field, and nothing is saved.
 */
export async function followPortalEmail(
  tx: Context,
  client: Client,
  resend: UpdateClientBody['resendPortalInvitation'],
  documentsWaiting: DocumentsWaitingLookup,
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
  const kept = client.emails.findIndex((e) => e.id === access.email_id);
  if (!(await managesPortalOf(tx, client.id))) {
    // Billers and schedulers edit contact details but not Client Portal access (decision 026):
    // the change would end the client's access, and the choice of what happens to it is not theirs.
    throw new AppError('validation_failed', undefined, [
      kept >= 0
        ? { field: `emails.${kept}.address`, message: `is ${onlyPortalStaff('change')}` }
        : { field: 'emails', message: `must keep ${access.email_address}, ${onlyPortalStaff('remove')}` },
    ]);
  }
  await disableInTransaction(tx, client.id, kept >= 0 ? 'email_changed' : 'email_removed');
  if (!resend) return;
  const email = client.emails.find((e) => e.address === resend.to);
  // The body's schema already requires one; a client changed under us fails here, saving nothing.
  if (!email)
    throw new AppError('validation_failed', undefined, [
      { field: 'resendPortalInvitation.to', message: 'must be one of the client’s emails' },
    ]);
  await inviteInTransaction(tx, client.id, { emailId: email.id, message: resend.message }, documentsWaiting);
}
