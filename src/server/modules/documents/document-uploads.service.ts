import type { Readable } from 'node:stream';
import {
  questionsOf,
  templateContent,
  type Answers,
  type FileAnswer,
  type TemplateContent,
} from '../../../shared/schemas/document-templates.js';
import type { QuestionFileSaved } from '../../../shared/schemas/portal-documents.js';
import type { FieldError } from '../../../shared/errors.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ClientContext, Context, Scope } from '../../platform/request-context.js';
import { discardFiles, type UploadedFile } from '../../platform/uploads.js';
import {
  findClientDocument,
  openStatuses,
  updateDraft,
  type ClientDocumentRow,
} from './document-completion.queries.js';
import {
  deleteDocumentFiles,
  findDocumentFile,
  insertDocumentFile,
  listDocumentFiles,
  type DocumentFileRow,
} from './document-uploads.queries.js';

/**
 * Files clients attach to the file-upload questions of documents they fill in (decision 038).
 * The file is checked and stored by the attachment rules (platform/uploads.ts) under
 * `<practice>/documents/<id>`, one per question: uploading again replaces it, Remove takes it off,
 * and either deletes the stored file once the change has committed. The question's answer names
 * the file by id with its name, type, size and SHA-256, written by the server from the stored file:
 * an answer a client sends for a file question must name that file. Nothing changes once the
 * document is completed (409); cancelling it deletes its files.
 */

export function fileAnswerOf(row: DocumentFileRow): FileAnswer {
  return {
    fileId: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
  };
}

function locked(): AppError {
  return new AppError('conflict', 'This document is completed: it can no longer be changed.', undefined, 'completed');
}

/** One of the client's own documents still being filled in: 404 when not theirs or cancelled, 409 once completed. */
async function openOwnDocument(ctx: ClientContext, documentId: string): Promise<ClientDocumentRow> {
  const row = await findClientDocument(ctx, ctx.actor.clientId, documentId);
  if (!row || row.status === 'cancelled') throw notFound();
  if (!openStatuses.includes(row.status)) throw locked();
  return row;
}

function contentOf(row: ClientDocumentRow): TemplateContent {
  return templateContent.parse(JSON.parse(row.content));
}

/** The question must be one of the document's file-upload questions, or it is not found. */
function requireFileQuestion(row: ClientDocumentRow, questionId: string): void {
  const question = questionsOf(contentOf(row)).find((q) => q.id === questionId);
  if (question?.kind !== 'file_upload') throw notFound();
}

function draftOf(row: ClientDocumentRow): Answers {
  return row.draft_answers ? (JSON.parse(row.draft_answers) as Answers) : {};
}

/** Deletes stored files whose rows went in this transaction, once it has committed. */
function deleteStoredAfterCommit(ctx: Context, rows: readonly DocumentFileRow[]): void {
  if (rows.length === 0) return;
  // A delete that fails leaves the file to the hourly sweep: no row names it any more.
  ctx.afterCommit(() =>
    Promise.all(rows.map((row) => ctx.deps.files.delete(row.storage_key).catch(() => undefined))).then(() => undefined),
  );
}

/**
 * Checks, before an upload is read, that the client may attach a file to this question: their own
 * document, still open, and a file-upload question of it. The service checks again as it writes.
 */
export async function checkQuestionFileTarget(
  ctx: ClientContext,
  documentId: string,
  questionId: string,
): Promise<void> {
  requireFileQuestion(await openOwnDocument(ctx, documentId), questionId);
}

/**
 * Attaches a stored file to the question: in one transaction, the draft's answer names it (the
 * document is in progress from then), the file replaces the one uploaded before and the upload is
 * audit-logged. The replaced file is deleted from the store once that has committed; should the
 * transaction fail, the new one is.
 */
export async function attachQuestionFile(
  ctx: ClientContext,
  documentId: string,
  questionId: string,
  file: UploadedFile,
): Promise<QuestionFileSaved> {
  try {
    return await ctx.inTransaction(async (tx) => {
      const row = await openOwnDocument(tx, documentId);
      requireFileQuestion(row, questionId);
      const answer: FileAnswer = {
        fileId: file.id,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.size,
        sha256: file.sha256,
      };
      const at = iso(tx.clock.now());
      // The draft first: its row is locked from here, so a submission cannot pass in between.
      if (!(await updateDraft(tx, documentId, JSON.stringify({ ...draftOf(row), [questionId]: answer }), at)))
        throw locked();
      const replaced = await deleteDocumentFiles(tx, documentId, questionId);
      await insertDocumentFile(tx, {
        id: file.id,
        client_id: row.client_id,
        shared_document_id: documentId,
        question_id: questionId,
        file_name: file.fileName,
        content_type: file.contentType,
        size_bytes: file.size,
        storage_key: file.key,
        sha256: file.sha256,
        created_at: at,
      });
      await auditIn(tx, {
        action: 'document.file_uploaded',
        clientId: row.client_id,
        details: {
          documentId,
          questionId,
          fileId: file.id,
          contentType: file.contentType,
          sizeBytes: file.size,
          sha256: file.sha256,
          replacedFileId: replaced[0]?.id ?? null,
        },
      });
      deleteStoredAfterCommit(tx, replaced);
      return { questionId, answer, draftSavedAt: at, status: 'in_progress' as const };
    });
  } catch (error) {
    await discardFiles(ctx.deps, [file]);
    throw error;
  }
}

/** Takes the file off the question: the draft no longer names it and the stored file is deleted. */
export async function removeQuestionFile(
  ctx: ClientContext,
  documentId: string,
  questionId: string,
): Promise<QuestionFileSaved> {
  return ctx.inTransaction(async (tx) => {
    const row = await openOwnDocument(tx, documentId);
    requireFileQuestion(row, questionId);
    const { [questionId]: _removed, ...draft } = draftOf(row);
    const at = iso(tx.clock.now());
    if (!(await updateDraft(tx, documentId, JSON.stringify(draft), at))) throw locked();
    const removed = await deleteDocumentFiles(tx, documentId, questionId);
    for (const file of removed) {
      await auditIn(tx, {
        action: 'document.file_removed',
        clientId: row.client_id,
        details: { documentId, questionId, fileId: file.id },
      });
    }
    deleteStoredAfterCommit(tx, removed);
    return { questionId, answer: null, draftSavedAt: at, status: 'in_progress' as const };
  });
}

/**
 * The file questions' answers as stored: each names the file uploaded to it (or is left out when
 * there is none). A file answer that was sent must name that file, or it is refused naming the
 * question (400); the rest of the answers pass as they are.
 */
export async function settleFileAnswers(
  scope: Scope,
  documentId: string,
  content: TemplateContent,
  answers: Answers,
): Promise<Answers> {
  const fileQuestions = questionsOf(content).filter((q) => q.kind === 'file_upload');
  if (fileQuestions.length === 0) return answers;
  const files = await listDocumentFiles(scope, documentId);
  const fileIds = new Set(fileQuestions.map((q) => q.id));
  const settled: Answers = Object.fromEntries(Object.entries(answers).filter(([id]) => !fileIds.has(id)));
  const fields: FieldError[] = [];
  for (const q of fileQuestions) {
    const current = files.find((file) => file.question_id === q.id);
    const sent = answers[q.id] as FileAnswer | null | undefined;
    if (sent && sent.fileId !== current?.id)
      fields.push({ field: `answers.${q.id}`, message: 'must be the file uploaded to this question' });
    if (current) settled[q.id] = fileAnswerOf(current);
  }
  if (fields.length > 0) throw new AppError('validation_failed', undefined, fields);
  return settled;
}

/**
 * Whether the document's stored files are still exactly those the answers name (checked as a
 * submission commits: a file replaced meanwhile must not leave the record naming a deleted one).
 */
export async function filesStillAnswered(
  scope: Scope,
  documentId: string,
  content: TemplateContent,
  answers: Answers,
): Promise<boolean> {
  const fileQuestions = questionsOf(content).filter((q) => q.kind === 'file_upload');
  if (fileQuestions.length === 0) return true;
  const named = fileQuestions.flatMap((q) => {
    const answer = answers[q.id] as FileAnswer | null | undefined;
    return answer ? [answer.fileId] : [];
  });
  const stored = (await listDocumentFiles(scope, documentId)).map((file) => file.id);
  return stored.length === named.length && stored.every((id) => named.includes(id));
}

/** A cancelled document's files go: their rows now, the stored files once that has committed. */
export async function deleteFilesOfCancelledDocument(ctx: Context, documentId: string): Promise<void> {
  deleteStoredAfterCommit(ctx, await deleteDocumentFiles(ctx, documentId));
}

/**
 * A file the client uploaded to one of their documents, downloaded by the client (while they fill
 * it in, or once completed) or by staff who reach the client (`completedOnly`: staff read a
 * document only once it is completed). Audit-logged.
 */
export async function openQuestionFile(
  ctx: Context,
  clientId: string,
  documentId: string,
  fileId: string,
  options: { completedOnly: boolean },
): Promise<{ fileName: string; contentType: string; sizeBytes: number; stream: Readable }> {
  const document = await findClientDocument(ctx, clientId, documentId);
  if (!document || document.status === 'cancelled') throw notFound();
  if (options.completedOnly && document.status !== 'completed') throw notFound();
  const row = await findDocumentFile(ctx, clientId, documentId, fileId);
  if (!row) throw notFound();
  const file = await ctx.deps.files.get(row.storage_key);
  if (!file) throw notFound();
  await auditIn(ctx, {
    action: 'document.file_downloaded',
    clientId,
    details: { documentId, questionId: row.question_id, fileId },
  });
  return { fileName: row.file_name, contentType: row.content_type, sizeBytes: file.size, stream: file.stream };
}
