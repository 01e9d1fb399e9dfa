import type { Readable } from 'node:stream';
import {
  answersSchemaFor,
  findAnswerProblems,
  questionsOf,
  templateContent,
  type Answers,
  type TemplateContent,
} from '../../../shared/schemas/document-templates.js';
import type {
  CompletedDocument,
  PortalDocument,
  PortalDocumentList,
  PortalDocumentSummary,
} from '../../../shared/schemas/portal-documents.js';
import type { FieldError } from '../../../shared/errors.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newFileKey } from '../../platform/file-store.js';
import type { ClientContext, Context, StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { getClient } from '../clients/index.js';
import { getPractice, practiceDateTimeFormat } from '../practices/index.js';
import { renderConsentHtml } from './consent-html.js';
import {
  completeDocument,
  countDocumentsToComplete,
  findClientDocument,
  findClientFile,
  listClientDocuments,
  listClientFiles,
  markClientFileDownloaded,
  markDocumentViewed,
  openStatuses,
  updateDraft,
  type ClientDocumentRow,
  type DocumentListRow,
} from './document-completion.queries.js';
import { looksLikePng, printedEntries, signaturePngBytes, signerNameOf } from './document-record.js';
import { renderCompletedDocumentPdf } from './documents.pdf.js';
import { signedContentFormat, signedContentSha256, type JsonValue } from './documents.signed-content.js';
import { filesStillAnswered, settleFileAnswers } from './document-uploads.service.js';

/**
 * Filling in and completing shared documents (docs/decisions/033): the client's side in the
 * portal (list, open, save a draft, submit), and the completed record staff read and download.
 */

function contentOf(row: { content: string }): TemplateContent {
  return templateContent.parse(JSON.parse(row.content));
}

function summaryOf(row: DocumentListRow & { content: string }): PortalDocumentSummary {
  return {
    id: row.id,
    name: row.name,
    kind: contentOf(row).kind,
    status: row.status,
    dueDate: row.due_date,
    sentAt: row.sent_at,
    completedAt: row.completed_at,
  };
}

/** The client's documents: those to complete (the earliest due first), those completed, and files. */
export async function listPortalDocuments(ctx: ClientContext): Promise<PortalDocumentList> {
  const clientId = ctx.actor.clientId;
  const [rows, files] = await Promise.all([listClientDocuments(ctx, clientId), listClientFiles(ctx, clientId)]);
  const summaries = rows.map(summaryOf);
  const toComplete = summaries
    .filter((d) => openStatuses.includes(d.status))
    // Due ones first, by date; those without a due date after, in the order they were shared.
    .map((d, index) => ({ d, index }))
    .sort((a, b) => (a.d.dueDate ?? '9999').localeCompare(b.d.dueDate ?? '9999') || a.index - b.index)
    .map(({ d }) => d);
  const completed = summaries
    .filter((d) => d.status === 'completed')
    .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
  return {
    toComplete,
    completed,
    files: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      contentType: f.content_type,
      sizeBytes: f.size_bytes,
      createdAt: f.created_at,
    })),
  };
}

export async function countPortalDocumentsToComplete(ctx: ClientContext): Promise<{ count: number }> {
  return { count: await countDocumentsToComplete(ctx, ctx.actor.clientId) };
}

async function getOwnDocument(ctx: ClientContext, id: string): Promise<ClientDocumentRow> {
  const row = await findClientDocument(ctx, ctx.actor.clientId, id);
  // A cancelled document is gone from the client's portal.
  if (!row || row.status === 'cancelled') throw notFound();
  return row;
}

function parseAnswers(text: string | null): Answers {
  if (!text) return {};
  return JSON.parse(text) as Answers;
}

function toPortalDocument(row: ClientDocumentRow): PortalDocument {
  const content = contentOf(row);
  const completed = row.status === 'completed';
  return {
    ...summaryOf(row),
    templateVersion: row.version,
    content,
    consentHtml: content.kind === 'consent' ? renderConsentHtml(content.body) : null,
    answers: parseAnswers(completed ? row.answers : row.draft_answers),
    draftSavedAt: completed ? null : row.draft_saved_at,
    message: row.message,
  };
}

export async function getPortalDocument(ctx: ClientContext, id: string): Promise<PortalDocument> {
  return toPortalDocument(await getOwnDocument(ctx, id));
}

/** The client opens a document: the first time, it becomes viewed; every opening is audit-logged. */
export async function openPortalDocument(ctx: ClientContext, id: string): Promise<PortalDocument> {
  return ctx.inTransaction(async (tx) => {
    const row = await getOwnDocument(tx, id);
    await markDocumentViewed(tx, id, iso(tx.clock.now()));
    await auditIn(tx, { action: 'document.viewed', clientId: row.client_id, details: { documentId: id } });
    return toPortalDocument(row.status === 'sent' ? { ...row, status: 'viewed' } : row);
  });
}

function locked(): AppError {
  return new AppError('conflict', 'This document is completed: it can no longer be changed.', undefined, 'completed');
}

/** Holds the answers to the template's own shape, naming each field that is not (400). */
function checkAnswers(content: TemplateContent, answers: Record<string, unknown>): Answers {
  const parsed = answersSchemaFor(content).safeParse(answers);
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: ['answers', ...issue.path, key].join('.'),
        message: 'is not a question of this document',
      }));
    return [{ field: ['answers', ...issue.path.map(String)].join('.'), message: issue.message }];
  });
  throw new AppError('validation_failed', undefined, fields);
}

/** Keeps the client's answers so far, so they can resume anywhere; 409 once completed. */
export async function saveDraft(
  ctx: ClientContext,
  id: string,
  answers: Record<string, unknown>,
): Promise<{ draftSavedAt: string; status: 'in_progress' }> {
  return ctx.inTransaction(async (tx) => {
    const row = await getOwnDocument(tx, id);
    if (!openStatuses.includes(row.status)) throw locked();
    const content = contentOf(row);
    // File questions are answered by their uploads; a file answer sent must name that file.
    const draft = await settleFileAnswers(tx, id, content, checkAnswers(content, answers));
    const at = iso(tx.clock.now());
    if (!(await updateDraft(tx, id, JSON.stringify(draft), at))) throw locked();
    return { draftSavedAt: at, status: 'in_progress' };
  });
}

/**
 * Submits the client's answers. Every required question and signature must be answered, or the
 * answer is 422 naming each that is not. Then the signed content is hashed, the PDF rendered
 * and stored, and in one transaction the document becomes completed with its answers, signer,
 * address, time, the content's hash and the PDF's key and hash. A document already completed is
 * 409, and nothing about it changes. The PDF is stored before the transaction (rendering takes a
 * moment no lock should wait for); should the transaction not commit, the hourly sweep of
 * unreferenced files removes it. File questions are answered by the files uploaded to them
 * (decision 038), whose SHA-256 the signed content and the PDF carry.
 */
export async function submitDocument(
  ctx: ClientContext,
  id: string,
  submitted: Record<string, unknown>,
): Promise<PortalDocumentSummary> {
  const row = await getOwnDocument(ctx, id);
  if (!openStatuses.includes(row.status)) throw locked();
  const content = contentOf(row);
  const answers = await settleFileAnswers(ctx, id, content, checkAnswers(content, submitted));
  const problems = findAnswerProblems(content, answers);
  if (problems.length > 0) {
    throw new AppError(
      'answers_incomplete',
      problems.some((p) => p.problem === 'required')
        ? 'Some required answers or signatures are missing.'
        : 'Some answers are not written as asked.',
      problems.map((p) => ({ field: `answers.${p.questionId}`, message: `${p.label}: ${p.message}` })),
    );
  }
  checkDrawnSignatures(content, answers);

  const [practice, client] = await Promise.all([getPractice(ctx), getClient(ctx, ctx.actor.clientId)]);
  const clientName = `${client.first_name} ${client.last_name}`;
  const signedAt = iso(ctx.clock.now());
  const signerName = signerNameOf(content, answers, clientName);
  const ipAddress = ctx.meta?.ip ?? 'unknown';
  const contentSha256 = signedContentSha256({
    format: signedContentFormat,
    itemId: row.id,
    practiceId: ctx.practiceId,
    clientId: row.client_id,
    templateVersionId: row.template_version_id,
    answers: answers as Record<string, JsonValue>,
    signer: { name: signerName, consentedToElectronicSignature: true },
    signedAt,
    ipAddress,
  });
  const format = practiceDateTimeFormat(practice);
  const pdf = await renderCompletedDocumentPdf({
    practice: { name: practice.name, timeZone: practice.time_zone, dateTimeFormat: format },
    client: { name: clientName },
    template: { name: row.name, version: row.version },
    reference: row.id,
    entries: printedEntries(content, answers, format),
    signing: { signerName, signedAt, ipAddress, contentSha256 },
  });
  const key = newFileKey(ctx.practiceId, 'documents', newId());
  const stored = await ctx.deps.files.put(key, Buffer.from(pdf), { contentType: 'application/pdf', size: pdf.length });

  return ctx.inTransaction(async (tx) => {
    const done = await completeDocument(tx, id, {
      answers: JSON.stringify(answers),
      signerName,
      signerIp: ipAddress,
      signerUserAgent: tx.meta?.userAgent ?? null,
      signedAt,
      contentSha256,
      pdfStorageKey: key,
      pdfSha256: stored.sha256,
    });
    if (!done) throw locked();
    // The document's row is locked now: a file replaced since the answers were read fails this.
    if (!(await filesStillAnswered(tx, id, content, answers)))
      throw new AppError('conflict', 'A file of this document changed while it was submitted. Please submit again.');
    await auditIn(tx, {
      action: 'document.completed',
      clientId: row.client_id,
      details: { documentId: id, contentSha256, pdfSha256: stored.sha256 },
    });
    return { ...summaryOf(row), status: 'completed' as const, completedAt: signedAt };
  });
}

/** A drawn signature must be a PNG the PDF can hold; named as its field when it is not. */
function checkDrawnSignatures(content: TemplateContent, answers: Answers): void {
  const fields: FieldError[] = [];
  for (const q of questionsOf(content)) {
    const value = answers[q.id] as { method?: string; image?: string } | null | undefined;
    if (q.kind !== 'signature' || value?.method !== 'drawn' || !value.image) continue;
    if (!looksLikePng(signaturePngBytes(value.image)))
      fields.push({ field: `answers.${q.id}.image`, message: 'must be a PNG drawing' });
  }
  if (fields.length > 0) throw new AppError('validation_failed', undefined, fields);
}

/** A completed document's PDF, for the client it belongs to or staff who reach them; audit-logged. */
export async function openDocumentPdf(
  ctx: Context,
  clientId: string,
  id: string,
): Promise<{ fileName: string; sizeBytes: number; stream: Readable }> {
  const row = await findClientDocument(ctx, clientId, id);
  if (!row || row.status !== 'completed' || !row.pdf_storage_key) throw notFound();
  const file = await ctx.deps.files.get(row.pdf_storage_key);
  if (!file) throw notFound();
  await auditIn(ctx, { action: 'document.pdf_downloaded', clientId, details: { documentId: id } });
  return { fileName: `${row.name} v${row.version}.pdf`, sizeBytes: file.size, stream: file.stream };
}

/** A completed document as staff read it; the reading is audit-logged. */
export async function getCompletedDocument(
  ctx: StaffContext,
  clientId: string,
  id: string,
): Promise<CompletedDocument> {
  const row = await findClientDocument(ctx, clientId, id);
  if (!row || row.status !== 'completed' || !row.signed_at) throw notFound();
  await auditIn(ctx, { action: 'document.viewed', clientId, details: { documentId: id } });
  return {
    id: row.id,
    name: row.name,
    templateVersion: row.version,
    content: contentOf(row),
    answers: parseAnswers(row.answers),
    signerName: row.signer_name ?? '',
    signedAt: row.signed_at,
    signerIp: row.signer_ip ?? '',
    contentSha256: row.content_sha256 ?? '',
    pdfSha256: row.pdf_sha256 ?? '',
  };
}

/** A file the practice shared with the client, for the client to download; audit-logged. */
export async function openClientFile(
  ctx: ClientContext,
  id: string,
): Promise<{ fileName: string; contentType: string; sizeBytes: number; stream: Readable }> {
  const row = await findClientFile(ctx, ctx.actor.clientId, id);
  if (!row) throw notFound();
  const file = await ctx.deps.files.get(row.storage_key);
  if (!file) throw notFound();
  await ctx.inTransaction(async (tx) => {
    await markClientFileDownloaded(tx, id, iso(tx.clock.now()));
    await auditIn(tx, { action: 'client_file.downloaded', clientId: ctx.actor.clientId, details: { fileId: id } });
  });
  return { fileName: row.file_name, contentType: row.content_type, sizeBytes: file.size, stream: file.stream };
}
