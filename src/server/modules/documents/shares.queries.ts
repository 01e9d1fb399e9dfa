import type { ClientFilesTable, DocumentSharesTable, SharedDocumentsTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/**
 * Shares and shared documents. Every query takes the Scope and filters on its practice and the
 * client, found through the scope first (so within the caller's reach): another practice's or
 * another client's document is not found.
 */

export type ShareRow = DocumentSharesTable;
export type SharedDocumentRow = SharedDocumentsTable;

export async function insertShare(scope: Scope, row: Omit<ShareRow, 'practice_id'>): Promise<void> {
  await scope.db
    .insertInto('document_shares')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function findShare(scope: Scope, clientId: string, id: string): Promise<ShareRow | undefined> {
  return scope.db
    .selectFrom('document_shares')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertSharedDocuments(
  scope: Scope,
  rows: readonly Omit<SharedDocumentRow, 'practice_id'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await scope.db
    .insertInto('shared_documents')
    .values(rows.map((row) => ({ ...row, practice_id: scope.practiceId })))
    .execute();
}

/** The client's shared documents with what the tab shows of their share, template and sender, newest share first. */
export async function listClientSharedDocuments(scope: Scope, clientId: string) {
  return scope.db
    .selectFrom('shared_documents as d')
    .innerJoin('document_shares as s', 's.id', 'd.share_id')
    .innerJoin('document_template_versions as v', 'v.id', 'd.template_version_id')
    .innerJoin('document_templates as t', 't.id', 'd.template_id')
    .leftJoin('staff_users as u', 'u.id', 's.created_by')
    .select([
      'd.id',
      'd.share_id',
      'd.template_id',
      'd.status',
      'd.sent_at',
      'd.viewed_at',
      'd.started_at',
      'd.completed_at',
      'd.cancelled_at',
      'd.last_reminded_at',
      's.due_date',
      'v.name',
      'v.version',
      't.kind',
      'u.name as sent_by',
    ])
    .where('d.practice_id', '=', scope.practiceId)
    .where('d.client_id', '=', clientId)
    .orderBy('s.created_at', 'desc')
    .orderBy('d.share_id')
    .orderBy('d.position')
    .execute();
}

export async function findSharedDocument(
  scope: Scope,
  clientId: string,
  id: string,
): Promise<SharedDocumentRow | undefined> {
  return scope.db
    .selectFrom('shared_documents')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateSharedDocument(
  scope: Scope,
  id: string,
  changes: Partial<Pick<SharedDocumentRow, 'status' | 'cancelled_at' | 'cancelled_by' | 'last_reminded_at'>>,
): Promise<void> {
  await scope.db
    .updateTable('shared_documents')
    .set(changes)
    .where('practice_id', '=', scope.practiceId)
    .where('id', '=', id)
    .execute();
}

/** How many of the client's documents are still to complete (sent, viewed or in progress). */
export async function countOpenDocuments(scope: Scope, clientId: string): Promise<number> {
  const row = await scope.db
    .selectFrom('shared_documents')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('status', 'in', ['sent', 'viewed', 'in_progress'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The client's documents still to complete (sent, viewed or in progress): how many, and the
 * earliest due date of their shares (null when none has one).
 */
export async function findOpenDocumentsDue(
  scope: Scope,
  clientId: string,
): Promise<{ count: number; earliestDue: string | null }> {
  const row = await scope.db
    .selectFrom('shared_documents as d')
    .innerJoin('document_shares as s', 's.id', 'd.share_id')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('s.due_date').as('earliest_due')])
    .where('d.practice_id', '=', scope.practiceId)
    .where('d.client_id', '=', clientId)
    .where('d.status', 'in', ['sent', 'viewed', 'in_progress'])
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), earliestDue: row?.earliest_due ?? null };
}

export async function listClientFiles(scope: Scope, clientId: string) {
  return scope.db
    .selectFrom('client_files as f')
    .leftJoin('staff_users as u', 'u.id', 'f.uploaded_by')
    .select([
      'f.id',
      'f.file_name',
      'f.content_type',
      'f.size_bytes',
      'f.created_at',
      'f.first_downloaded_at',
      'u.name as uploaded_by',
    ])
    .where('f.practice_id', '=', scope.practiceId)
    .where('f.client_id', '=', clientId)
    .where('f.removed_at', 'is', null)
    .orderBy('f.created_at', 'desc')
    .execute();
}

export async function insertClientFile(
  scope: Scope,
  row: Omit<ClientFilesTable, 'practice_id' | 'first_downloaded_at' | 'removed_at'>,
): Promise<void> {
  await scope.db
    .insertInto('client_files')
    .values({ ...row, practice_id: scope.practiceId, first_downloaded_at: null, removed_at: null })
    .execute();
}

/** Marks the client's file removed; false when there is no such file still shared. */
export async function removeClientFile(scope: Scope, clientId: string, id: string, at: string): Promise<boolean> {
  const result = await scope.db
    .updateTable('client_files')
    .set({ removed_at: at })
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
