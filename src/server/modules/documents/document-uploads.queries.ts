import type { SharedDocumentFilesTable } from '../../db/schema.js';
import type { Scope } from '../../platform/request-context.js';

/**
 * Files clients upload to the file-upload questions of their documents (decision 038): at most one
 * per question of a document, the one its answer names. Replacing or removing one deletes its row,
 * and the caller deletes the stored file once the change has committed.
 */

const columns = [
  'id',
  'client_id',
  'shared_document_id',
  'question_id',
  'file_name',
  'content_type',
  'size_bytes',
  'storage_key',
  'sha256',
] as const;

export type DocumentFileRow = Pick<SharedDocumentFilesTable, (typeof columns)[number]>;

/** Every file uploaded to the document's questions. */
export async function listDocumentFiles(scope: Scope, documentId: string): Promise<DocumentFileRow[]> {
  return scope.db
    .selectFrom('shared_document_files')
    .select(columns)
    .where('practice_id', '=', scope.practiceId)
    .where('shared_document_id', '=', documentId)
    .execute();
}

/** One file of the client's document, by its id; undefined when it is not that document's. */
export async function findDocumentFile(
  scope: Scope,
  clientId: string,
  documentId: string,
  fileId: string,
): Promise<DocumentFileRow | undefined> {
  return scope.db
    .selectFrom('shared_document_files')
    .select(columns)
    .where('practice_id', '=', scope.practiceId)
    .where('client_id', '=', clientId)
    .where('shared_document_id', '=', documentId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function insertDocumentFile(
  scope: Scope,
  row: Omit<SharedDocumentFilesTable, 'practice_id'>,
): Promise<void> {
  await scope.db
    .insertInto('shared_document_files')
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

/**
 * Deletes the rows of the document's files (those of one question when `questionId` is given) and
 * answers them, so the caller can delete the stored files once the change has committed.
 */
export async function deleteDocumentFiles(
  scope: Scope,
  documentId: string,
  questionId?: string,
): Promise<DocumentFileRow[]> {
  let select = scope.db
    .selectFrom('shared_document_files')
    .select(columns)
    .where('practice_id', '=', scope.practiceId)
    .where('shared_document_id', '=', documentId);
  if (questionId !== undefined) select = select.where('question_id', '=', questionId);
  const rows = await select.execute();
  if (rows.length === 0) return [];
  await scope.db
    .deleteFrom('shared_document_files')
    .where('practice_id', '=', scope.practiceId)
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows;
}
