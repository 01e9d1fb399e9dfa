import { z } from 'zod';
import { idSchema } from './common.js';
import { fileAnswer, questionId, type TemplateContent } from './document-templates.js';
import { portalSlugParams } from './portal.js';

/**
 * A client's documents in the portal, and a completed document's record as staff read it. What a
 * template says and how each answer is shaped are the template schema's (document-templates.ts);
 * answers travel as a map from question id to answer, checked by the server against the exact
 * template version the document was shared with.
 */

export const documentStatuses = ['sent', 'viewed', 'in_progress', 'completed', 'cancelled'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** One shared document as the portal lists it. */
export const portalDocumentSummary = z.strictObject({
  id: idSchema,
  name: z.string(),
  kind: z.enum(['form', 'consent']),
  status: z.enum(documentStatuses),
  /** A calendar date (YYYY-MM-DD) in the practice's zone, from the packet it was shared in. */
  dueDate: z.string().nullable(),
  sentAt: z.string(),
  completedAt: z.string().nullable(),
});
export type PortalDocumentSummary = z.infer<typeof portalDocumentSummary>;

/** A file the practice uploaded for the client to download. */
export const portalClientFile = z.strictObject({
  id: idSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type PortalClientFile = z.infer<typeof portalClientFile>;

export const portalDocumentList = z.strictObject({
  /** Still to fill in or sign, the earliest due first. */
  toComplete: z.array(portalDocumentSummary),
  /** Completed, the latest first. */
  completed: z.array(portalDocumentSummary),
  files: z.array(portalClientFile),
});
export type PortalDocumentList = z.infer<typeof portalDocumentList>;

/**
 * What a template version says, as the server sends it: read through `templateContent` when
 * loaded, and sent as it is (that schema's transforms would not run backwards when serialising).
 */
const sentContent = z.custom<TemplateContent>(
  (value) => typeof value === 'object' && value !== null && 'kind' in value,
  'must be template content',
);

export const answersMap = z.record(z.string().max(64), z.unknown());

/** One document, opened: what it asks, and the client's answers so far (or as submitted). */
export const portalDocument = portalDocumentSummary.extend({
  templateVersion: z.number().int(),
  content: sentContent,
  /** A consent's text as sanitised HTML (the server renders the markdown); null for a form. */
  consentHtml: z.string().nullable(),
  /** The draft while it is being filled in, the submitted answers once completed. */
  answers: answersMap,
  draftSavedAt: z.string().nullable(),
  /** The message staff wrote with the packet. */
  message: z.string().nullable(),
});
export type PortalDocument = z.infer<typeof portalDocument>;

export const portalDocumentParams = portalSlugParams.extend({ documentId: idSchema });
export const portalFileParams = portalSlugParams.extend({ fileId: idSchema });

/** A file-upload question of one of the client's documents. */
export const portalQuestionFileParams = portalDocumentParams.extend({ questionId });
/** A file the client uploaded to one of their documents. */
export const portalDocumentFileParams = portalDocumentParams.extend({ fileId: idSchema });

/**
 * The draft after a file was uploaded to (or removed from) a question: the question's answer as
 * the server wrote it (the file's id, name, type, size and SHA-256; null once removed).
 */
export const questionFileSaved = z.strictObject({
  questionId,
  answer: fileAnswer.nullable(),
  draftSavedAt: z.string(),
  status: z.enum(documentStatuses),
});
export type QuestionFileSaved = z.infer<typeof questionFileSaved>;

export const saveDraftBody = z.strictObject({ answers: answersMap });
export const draftSaved = z.strictObject({ draftSavedAt: z.string(), status: z.enum(documentStatuses) });

export const submitBody = z.strictObject({ answers: answersMap });

export const documentsToComplete = z.strictObject({ count: z.number().int() });

/** A completed document as staff read it: the answers, who signed, when, where from, and the hashes. */
export const completedDocument = z.strictObject({
  id: idSchema,
  name: z.string(),
  templateVersion: z.number().int(),
  content: sentContent,
  answers: answersMap,
  signerName: z.string(),
  signedAt: z.string(),
  signerIp: z.string(),
  contentSha256: z.string(),
  pdfSha256: z.string(),
});
export type CompletedDocument = z.infer<typeof completedDocument>;

export const clientDocumentParams = z.strictObject({ clientId: idSchema, documentId: idSchema });
export const completedDocumentFileParams = clientDocumentParams.extend({ fileId: idSchema });
