import { formatDate } from '../../../shared/date-time-format.js';
import type { Client } from '../../../shared/schemas/clients.js';
import type { ClientDocuments } from '../../../shared/schemas/documents.js';
import type { PracticesTable } from '../../db/schema.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { enqueueEmailIn } from '../../platform/outbox.js';
import type { Context, StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { getClient, type ClientRow } from '../clients/index.js';
import {
  clientDisplayName,
  findAccess,
  inviteInTransaction,
  portalEmailFor,
  type DocumentsWaiting,
} from '../portal-access/index.js';
import { loadPortalSettings, portalUrl } from '../portal-settings/index.js';
import { getPractice, logoUrl, practiceDateTimeFormat } from '../practices/index.js';
import { documentsWaitingEmail } from './documents.emails.js';
import {
  countOpenDocuments,
  findOpenDocumentsDue,
  findShare,
  findSharedDocument,
  insertShare,
  insertSharedDocuments,
  listClientFiles,
  listClientSharedDocuments,
  updateSharedDocument,
} from './shares.queries.js';
import { deleteFilesOfCancelledDocument } from './document-uploads.service.js';
import { sentSharedDocument } from './sent-shared-document.js';
import { findTemplatesByIds } from './templates.queries.js';

export interface ShareInput {
  templateIds: string[];
  dueDate: string | null;
  message: string | null;
  invitation: { emailId: string; message: string } | null;
}

/** The Documents tab's content, without auditing (the callers audit what they did). */
async function readClientDocuments(ctx: Context, clientId: string): Promise<ClientDocuments> {
  const documents = await listClientSharedDocuments(ctx, clientId);
  const files = await listClientFiles(ctx, clientId);
  return {
    documents: documents.map((d) => ({
      id: d.id,
      shareId: d.share_id,
      templateId: d.template_id,
      name: d.name,
      kind: d.kind,
      version: d.version,
      status: d.status,
      dueDate: d.due_date,
      sentAt: d.sent_at,
      sentBy: d.sent_by,
      viewedAt: d.viewed_at,
      startedAt: d.started_at,
      completedAt: d.completed_at,
      cancelledAt: d.cancelled_at,
      lastRemindedAt: d.last_reminded_at,
    })),
    files: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      contentType: f.content_type,
      sizeBytes: f.size_bytes,
      uploadedBy: f.uploaded_by,
      createdAt: f.created_at,
      firstDownloadedAt: f.first_downloaded_at,
    })),
  };
}

/** The profile's Documents tab; each view is audited. */
export async function viewClientDocuments(ctx: StaffContext, clientId: string): Promise<ClientDocuments> {
  await getClient(ctx, clientId);
  const view = await readClientDocuments(ctx, clientId);
  await auditIn(ctx, { action: 'documents.viewed', clientId });
  return view;
}

/** After a change: the refreshed tab, the change itself being audited. */
export async function refreshedClientDocuments(ctx: StaffContext, clientId: string): Promise<ClientDocuments> {
  return readClientDocuments(ctx, clientId);
}

function dueText(practice: PracticesTable, dueDate: string | null): string | null {
  return dueDate ? formatDate(`${dueDate}T12:00:00Z`, practiceDateTimeFormat(practice), 'UTC') : null;
}

/**
 * What the welcome email says of the client's documents still to complete, at the moment it is
 * sent: how many and the earliest due date (never which). Null when none wait. The portal-access
 * module gets it through the hook wired in modules/index.ts, for every (re)sent invitation.
 */
export async function documentsWaitingFor(tx: Context, clientId: string): Promise<DocumentsWaiting | null> {
  const { count, earliestDue } = await findOpenDocumentsDue(tx, clientId);
  if (count === 0) return null;
  return { count, due: earliestDue ? dueText(await getPractice(tx), earliestDue) : null };
}

/** Queues the "documents are waiting" email to the client's portal email (no document contents). */
async function emailDocumentsWaiting(
  tx: Context,
  input: { client: ClientRow; to: string; count: number; dueDate: string | null; reminder: boolean },
): Promise<void> {
  const practice = await getPractice(tx);
  const content = documentsWaitingEmail({
    practiceName: practice.name,
    practiceLogoUrl: logoUrl(tx.deps, practice, { absolute: true }),
    clientName: clientDisplayName(input.client),
    count: input.count,
    dueDate: dueText(practice, input.dueDate),
    url: `${portalUrl(tx.deps, practice.slug)}/documents`,
    reminder: input.reminder,
  });
  await enqueueEmailIn(tx, {
    clientId: input.client.id,
    kind: input.reminder ? 'documents_reminder' : 'documents_shared',
    to: input.to,
    ...content,
  });
}

/**
 * Shares a packet of documents with a client, in the order given, each pinned to its template's
 * current version. A client with active portal access gets one email saying documents are waiting;
 * anyone else is invited to the portal in the same transaction (the portal-access module's own
 * invitation: the welcome email, its link and the access row), so a share never exists without a
 * way in, nor an invitation for a share that failed.
 */
export async function shareDocuments(ctx: StaffContext, clientId: string, input: ShareInput): Promise<void> {
  await ctx.inTransaction((tx) => shareDocumentsInTransaction(tx, clientId, input));
}

/**
 * shareDocuments in the caller's transaction. `field` names the template ids in the caller's body
 * (a share's `templateIds`, or a new client's `portalInvitation.documents.templateIds`).
 */
export async function shareDocumentsInTransaction(
  tx: StaffContext,
  clientId: string,
  input: ShareInput,
  { field = 'templateIds' }: { field?: string } = {},
): Promise<void> {
  const client = await getClient(tx, clientId);
  if (client.archived_at) throw new AppError('conflict', 'Restore this client before sharing documents.');
  const settings = await loadPortalSettings(tx);
  if (settings.enabled !== 1) throw new AppError('portal_off');
  const templates = new Map((await findTemplatesByIds(tx, input.templateIds)).map((t) => [t.id, t]));
  const unusable = input.templateIds.findIndex((id) => {
    const template = templates.get(id);
    return !template || template.archived_at !== null;
  });
  if (unusable !== -1) {
    throw new AppError('validation_failed', undefined, [
      { field: `${field}.${unusable}`, message: 'must be one of the practice’s templates, not archived' },
    ]);
  }
  const access = await findAccess(tx, clientId);
  const active = access?.state === 'active' && access.email_address !== null;
  if (!active && !input.invitation) {
    throw new AppError('validation_failed', undefined, [
      { field: 'invitation', message: 'is needed: the client does not have portal access yet' },
    ]);
  }
  const now = iso(tx.clock.now());
  const shareId = newId();
  await insertShare(tx, {
    id: shareId,
    client_id: clientId,
    due_date: input.dueDate,
    message: input.message,
    created_by: tx.actor.staffId,
    created_at: now,
    invited: active ? 0 : 1,
  });
  await insertSharedDocuments(
    tx,
    input.templateIds.map((templateId, position) => {
      const template = templates.get(templateId);
      if (!template) throw notFound();
      return sentSharedDocument({
        id: newId(),
        client_id: clientId,
        share_id: shareId,
        position,
        template_id: template.id,
        template_version_id: template.current_version_id,
        sent_at: now,
      });
    }),
  );
  if (active && access.email_address) {
    await emailDocumentsWaiting(tx, {
      client,
      to: access.email_address,
      count: input.templateIds.length,
      dueDate: input.dueDate,
      reminder: false,
    });
  } else if (input.invitation) {
    // One email, the welcome one, saying the documents wait (never what they are), these and any
    // shared before that are still to complete.
    await inviteInTransaction(tx, clientId, input.invitation, documentsWaitingFor);
  }
  await auditIn(tx, {
    action: 'documents.shared',
    clientId,
    details: { shareId, count: input.templateIds.length, invited: !active },
  });
}

/**
 * Invite on create with documents: in the new client's creation transaction, the packet is shared
 * (each document at its template's current version) and the one welcome email, to the email the
 * invitation goes to, says the documents are waiting.
 */
export async function shareWithNewClient(
  tx: StaffContext,
  client: Client,
  invitation: { message: string },
  documents: { templateIds: string[]; dueDate: string | null },
): Promise<void> {
  await shareDocumentsInTransaction(
    tx,
    client.id,
    { ...documents, message: null, invitation: { emailId: portalEmailFor(client), message: invitation.message } },
    { field: 'portalInvitation.documents.templateIds' },
  );
}

const open = new Set(['sent', 'viewed', 'in_progress']);

async function getOpenDocument(tx: Context, clientId: string, documentId: string) {
  await getClient(tx, clientId);
  const document = await findSharedDocument(tx, clientId, documentId);
  if (!document) throw notFound();
  if (!open.has(document.status)) {
    throw new AppError('conflict', `This document is ${document.status === 'completed' ? 'completed' : 'cancelled'}.`);
  }
  return document;
}

/**
 * Remind: emails the client again. With active access, the "documents are waiting" email (how many
 * are open); invited but not signed in yet, the welcome email again to the same address, saying
 * how many documents wait and by when.
 */
export async function remindDocument(ctx: StaffContext, clientId: string, documentId: string): Promise<void> {
  await ctx.inTransaction(async (tx) => {
    const document = await getOpenDocument(tx, clientId, documentId);
    const client = await getClient(tx, clientId);
    const settings = await loadPortalSettings(tx);
    if (settings.enabled !== 1) throw new AppError('portal_off');
    const access = await findAccess(tx, clientId);
    if (access?.state === 'active' && access.email_address) {
      const share = await findShare(tx, clientId, document.share_id);
      await emailDocumentsWaiting(tx, {
        client,
        to: access.email_address,
        count: await countOpenDocuments(tx, clientId),
        dueDate: share?.due_date ?? null,
        reminder: true,
      });
    } else if (access?.state === 'invited' && access.email_id) {
      await inviteInTransaction(
        tx,
        clientId,
        { emailId: access.email_id, message: settings.welcome_message },
        documentsWaitingFor,
      );
    } else {
      throw new AppError('conflict', 'The client has no portal access. Invite them from the Client Portal tab first.');
    }
    await updateSharedDocument(tx, document.id, { last_reminded_at: iso(tx.clock.now()) });
    await auditIn(tx, { action: 'document.reminded', clientId, details: { documentId: document.id } });
  });
}

/**
 * Cancel: the client no longer sees the document, and the files they attached to it are deleted;
 * a completed one cannot be cancelled.
 */
export async function cancelDocument(ctx: StaffContext, clientId: string, documentId: string): Promise<void> {
  await ctx.inTransaction(async (tx) => {
    const document = await getOpenDocument(tx, clientId, documentId);
    await updateSharedDocument(tx, document.id, {
      status: 'cancelled',
      cancelled_at: iso(tx.clock.now()),
      cancelled_by: tx.actor.staffId,
    });
    // Files the client attached to its questions go with it (decision 038).
    await deleteFilesOfCancelledDocument(tx, document.id);
    await auditIn(tx, { action: 'document.cancelled', clientId, details: { documentId: document.id } });
  });
}
