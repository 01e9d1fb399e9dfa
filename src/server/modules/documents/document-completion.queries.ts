import type { Scope } from '../../platform/request-context.js';
import type { SharedDocumentStatus } from '../../db/schema.js';
import { withinReach } from '../clients/index.js';

/**
 * A client's shared documents as they are filled in and completed: read with the packet they
 * came in and the exact template version they were shared with, and written only forward
 * (sent → viewed → in progress → completed). Every write names the states it may leave, so a
 * completed or cancelled document is never changed.
 */

/** States a client may still fill in. */
export const openStatuses: readonly SharedDocumentStatus[] = ['sent', 'viewed', 'in_progress'];

function documentsQuery(scope: Scope) {
  return scope.db
    .selectFrom('shared_documents as d')
    .innerJoin('document_shares as s', (join) =>
      join.onRef('s.id', '=', 'd.share_id').on('s.practice_id', '=', scope.practiceId),
    )
    .innerJoin('document_template_versions as v', (join) =>
      join.onRef('v.id', '=', 'd.template_version_id').on('v.practice_id', '=', scope.practiceId),
    )
    .where('d.practice_id', '=', scope.practiceId)
    .select([
      'd.id',
      'd.client_id',
      'd.status',
      'd.sent_at',
      'd.viewed_at',
      'd.started_at',
      'd.completed_at',
      'd.position',
      'd.template_version_id',
      's.due_date',
      's.message',
      's.created_at as shared_at',
      'v.name',
      'v.version',
    ]);
}

export type DocumentListRow = Awaited<ReturnType<ReturnType<typeof documentsQuery>['execute']>>[number];

/** The client's documents but cancelled ones, in the order they were shared (packet, then position). */
export async function listClientDocuments(scope: Scope, clientId: string) {
  return withinReach(documentsQuery(scope), scope, 'd.client_id')
    .select('v.content')
    .where('d.client_id', '=', clientId)
    .where('d.status', '!=', 'cancelled')
    .orderBy('s.created_at')
    .orderBy('d.position')
    .execute();
}

/** One of the client's documents, with what it asks and what is answered; undefined when not theirs. */
export async function findClientDocument(scope: Scope, clientId: string, id: string) {
  return withinReach(documentsQuery(scope), scope, 'd.client_id')
    .select([
      'v.content',
      'd.draft_answers',
      'd.draft_saved_at',
      'd.answers',
      'd.signer_name',
      'd.signer_ip',
      'd.signed_at',
      'd.content_sha256',
      'd.pdf_storage_key',
      'd.pdf_sha256',
    ])
    .where('d.client_id', '=', clientId)
    .where('d.id', '=', id)
    .executeTakeFirst();
}
export type ClientDocumentRow = NonNullable<Awaited<ReturnType<typeof findClientDocument>>>;

/** How many documents the client still has to fill in or sign. */
export async function countDocumentsToComplete(scope: Scope, clientId: string): Promise<number> {
  const row = await scope.db
    .selectFrom('shared_documents')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('status', 'in', openStatuses)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The first opening: sent → viewed. Later openings change nothing. */
export async function markDocumentViewed(scope: Scope, id: string, at: string): Promise<void> {
  await scope.db
    .updateTable('shared_documents')
    .set({ status: 'viewed', viewed_at: at })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('status', '=', 'sent')
    .execute();
}

/** Keeps the draft; the document is in progress from its first save. False when it is no longer open. */
export async function updateDraft(scope: Scope, id: string, answers: string, at: string): Promise<boolean> {
  const result = await scope.db
    .updateTable('shared_documents')
    .set((eb) => ({
      draft_answers: answers,
      draft_saved_at: at,
      status: 'in_progress',
      viewed_at: eb.fn.coalesce('viewed_at', eb.val(at)),
      started_at: eb.fn.coalesce('started_at', eb.val(at)),
    }))
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('status', 'in', openStatuses)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface Completion {
  answers: string;
  signerName: string;
  signerIp: string;
  signerUserAgent: string | null;
  signedAt: string;
  contentSha256: string;
  pdfStorageKey: string;
  pdfSha256: string;
}

/**
 * The document becomes completed with its submitted answers and signing record; the draft goes.
 * False when it was no longer open (submitted meanwhile, or cancelled): then nothing changed.
 */
export async function completeDocument(scope: Scope, id: string, completion: Completion): Promise<boolean> {
  const result = await scope.db
    .updateTable('shared_documents')
    .set((eb) => ({
      status: 'completed',
      completed_at: completion.signedAt,
      viewed_at: eb.fn.coalesce('viewed_at', eb.val(completion.signedAt)),
      started_at: eb.fn.coalesce('started_at', eb.val(completion.signedAt)),
      answers: completion.answers,
      draft_answers: null,
      signer_name: completion.signerName,
      signer_ip: completion.signerIp,
      signer_user_agent: completion.signerUserAgent,
      signed_at: completion.signedAt,
      content_sha256: completion.contentSha256,
      pdf_storage_key: completion.pdfStorageKey,
      pdf_sha256: completion.pdfSha256,
    }))
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('status', 'in', openStatuses)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Files the practice uploaded for the client, newest first, but those removed. */
export async function listClientFiles(scope: Scope, clientId: string) {
  return scope.db
    .selectFrom('client_files')
    .select(['id', 'file_name', 'content_type', 'size_bytes', 'storage_key', 'created_at'])
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('removed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findClientFile(scope: Scope, clientId: string, id: string) {
  return scope.db
    .selectFrom('client_files')
    .select(['id', 'file_name', 'content_type', 'size_bytes', 'storage_key', 'first_downloaded_at'])
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function markClientFileDownloaded(scope: Scope, id: string, at: string): Promise<void> {
  await scope.db
    .updateTable('client_files')
    .set({ first_downloaded_at: at })
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .where('first_downloaded_at', 'is', null)
    .execute();
}
