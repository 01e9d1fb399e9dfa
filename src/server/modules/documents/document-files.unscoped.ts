import type { Db } from '../../db/database.js';

/**
 * Which of these file-store keys a document refers to: a completed document's PDF, a client's
 * upload to a file question, a file staff shared with the client (for the sweep of unreferenced
 * files, which would otherwise take them for leftovers).
 */
export async function findReferencedDocumentKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const [pdfs, uploads, files] = await Promise.all([
    db.selectFrom('shared_documents').select('pdf_storage_key as key').where('pdf_storage_key', 'in', keys).execute(),
    db.selectFrom('shared_document_files').select('storage_key as key').where('storage_key', 'in', keys).execute(),
    db.selectFrom('client_files').select('storage_key as key').where('storage_key', 'in', keys).execute(),
  ]);
  return new Set([...pdfs, ...uploads, ...files].flatMap((row) => (row.key ? [row.key] : [])));
}
