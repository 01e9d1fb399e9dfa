import { auditIn } from '../../platform/audit.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import type { Context } from '../../platform/request-context.js';
import { getClient } from '../clients/index.js';
import { clientDisplayName, findAccess, usableGrant } from '../portal-access/index.js';
import { portalUrl } from '../portal-settings/index.js';
import { getPractice, logoUrl } from '../practices/index.js';
import { billingDocumentAvailableEmail } from './portal-billing.emails.js';

/**
 * Queues "A new billing document is available in your Client Portal" to the client, in the
 * transaction that issued the invoice, statement or superbill — only while the client could open
 * it: the portal on, their access active (not archived) and Access billing documents on. The email
 * names no document, amount or service. Answers the queued email's id, or null when none was sent.
 */
export async function notifyBillingDocumentIn(tx: Context, clientId: string): Promise<string | null> {
  const grant = await usableGrant(tx, clientId);
  if (!grant?.billing) return null;
  const access = await findAccess(tx, clientId);
  const to = access?.email_address;
  if (!to) return null;
  const [client, practice] = await Promise.all([getClient(tx, clientId), getPractice(tx)]);
  const outboxId = await enqueueEmailIn(tx, {
    clientId,
    kind: 'billing_document_available',
    to,
    ...billingDocumentAvailableEmail({
      practiceName: practice.name,
      practiceLogoUrl: logoUrl(tx.deps, practice, { absolute: true }),
      clientName: clientDisplayName(client),
      url: `${portalUrl(tx.deps, practice.slug)}/billing`,
    }),
  });
  await auditIn(tx, { action: 'billing.portal_notified', clientId, details: { outboxId } });
  return outboxId;
}
