import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import type { StaffContext } from '../../platform/request-context.js';
import { getClient } from '../clients/index.js';
import { discardFiles, type UploadedFile } from '../../platform/uploads.js';
import { clientDisplayName, findAccess } from '../portal-access/index.js';
import { loadPortalSettings, portalUrl } from '../portal-settings/index.js';
import { getPractice, logoUrl } from '../practices/index.js';
import { fileSharedEmail } from './documents.emails.js';
import { insertClientFile, removeClientFile } from './shares.queries.js';

/**
 * Files the practice shares with a client (a handout, a worksheet): a PDF or image checked by the
 * attachment rules, already in the file store when this is called. In one transaction: the row
 * naming it, the audit row, and, for a client with active portal access while the portal is on,
 * an email saying a file is waiting (never its name or contents). A client without access sees
 * it once they have access. Should the transaction fail, the stored file is deleted.
 */
export async function shareClientFile(ctx: StaffContext, clientId: string, file: UploadedFile): Promise<void> {
  try {
    await ctx.inTransaction(async (tx) => {
      const client = await getClient(tx, clientId);
      if (client.archived_at) throw new AppError('conflict', 'Restore this client before sharing files.');
      await insertClientFile(tx, {
        id: file.id,
        client_id: clientId,
        file_name: file.fileName,
        content_type: file.contentType,
        size_bytes: file.size,
        storage_key: file.key,
        sha256: file.sha256,
        uploaded_by: tx.actor.staffId,
        created_at: iso(tx.clock.now()),
      });
      const [settings, access] = await Promise.all([loadPortalSettings(tx), findAccess(tx, clientId)]);
      const emailed = settings.enabled === 1 && access?.state === 'active' && access.email_address !== null;
      if (emailed && access.email_address) {
        const practice = await getPractice(tx);
        await enqueueEmailIn(tx, {
          clientId,
          kind: 'client_file_shared',
          to: access.email_address,
          ...fileSharedEmail({
            practiceName: practice.name,
            practiceLogoUrl: logoUrl(tx.deps, practice, { absolute: true }),
            clientName: clientDisplayName(client),
            url: `${portalUrl(tx.deps, practice.slug)}/documents`,
          }),
        });
      }
      await auditIn(tx, {
        action: 'client_file.shared',
        clientId,
        details: { fileId: file.id, contentType: file.contentType, sizeBytes: file.size, sha256: file.sha256, emailed },
      });
    });
  } catch (error) {
    await discardFiles(ctx.deps, [file]);
    throw error;
  }
}

/** Takes a shared file back: it leaves the client's portal (the stored file and its row stay, marked removed). */
export async function removeSharedClientFile(ctx: StaffContext, clientId: string, fileId: string): Promise<void> {
  await ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    if (!(await removeClientFile(tx, clientId, fileId, iso(tx.clock.now())))) throw notFound();
    await auditIn(tx, { action: 'client_file.removed', clientId, details: { fileId } });
  });
}
