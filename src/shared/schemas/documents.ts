import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common.js';
import { templateContent, templateKinds, templateNameMax } from './document-templates.js';

/**
 * Documents as staff see them: the practice's templates (Settings → Documents), sharing a packet
 * with a client, and the client's Documents tab. What a template says is ./document-templates.ts.
 */

export const sharedDocumentStatuses = ['sent', 'viewed', 'in_progress', 'completed', 'cancelled'] as const;
export type SharedDocumentStatusName = (typeof sharedDocumentStatuses)[number];

export const sharedDocumentStatusLabels: Record<SharedDocumentStatusName, string> = {
  sent: 'Sent',
  viewed: 'Viewed',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const starterKeys = ['intake', 'informed_consent', 'privacy_notice', 'release_of_information'] as const;
export type StarterKey = (typeof starterKeys)[number];

export const templateListItem = z.strictObject({
  id: z.string(),
  kind: z.enum(templateKinds),
  name: z.string(),
  version: z.number().int(),
  /** Questions a client answers (a consent: its one signature). */
  questionCount: z.number().int(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  /** Which of Portico's starter templates it began as; the practice edits it as its own. */
  starter: z.enum(starterKeys).nullable(),
});
export type TemplateListItem = z.infer<typeof templateListItem>;

export const templateListQuery = z.strictObject({
  archived: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((value) => value === 'true'),
});

export const templateVersionSummary = z.strictObject({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const templateDetail = z.strictObject({
  ...templateListItem.shape,
  versionId: z.string(),
  content: templateContent,
  /** A consent's body rendered to sanitised HTML by the server; null for a form. */
  bodyHtml: z.string().nullable(),
  versions: z.array(templateVersionSummary),
});
export type TemplateDetail = z.infer<typeof templateDetail>;

export const templateInput = z.strictObject({
  name: requiredText(templateNameMax),
  content: templateContent,
});
export type TemplateInput = z.input<typeof templateInput>;

export const markdownPreviewBody = z.strictObject({
  markdown: z.string().max(50_000, 'must be at most 50000 characters'),
});
export const markdownPreview = z.strictObject({ html: z.string() });

// ---------------------------------------------------------------------------------------------
// Sharing and the client's Documents tab

export const dueDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-04-23')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'must be a real date');

export const shareMessageMax = 2_000;
export const packetMax = 20;

/** A packet's templates, in the order the client sees them. */
export const packetTemplateIds = z
  .array(idSchema)
  .min(1, 'choose at least one document')
  .max(packetMax, `must be at most ${packetMax} documents`)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a document');

/**
 * Share documents with a client, in order. A client without active portal access is invited in
 * the same step: `invitation` names the email the welcome email goes to and its message; without
 * it, sharing with such a client is refused naming `invitation`.
 */
export const shareBody = z.strictObject({
  templateIds: packetTemplateIds,
  dueDate: dueDate.nullish().transform((value) => value ?? null),
  message: optionalText(shareMessageMax),
  invitation: z
    .strictObject({
      emailId: idSchema,
      message: requiredText(5_000),
    })
    .nullish()
    .transform((value) => value ?? null),
});
export type ShareBody = z.input<typeof shareBody>;

export const sharedDocument = z.strictObject({
  id: z.string(),
  shareId: z.string(),
  templateId: z.string(),
  name: z.string(),
  kind: z.enum(templateKinds),
  version: z.number().int(),
  status: z.enum(sharedDocumentStatuses),
  dueDate: z.string().nullable(),
  sentAt: z.string(),
  sentBy: z.string().nullable(),
  viewedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  lastRemindedAt: z.string().nullable(),
});
export type SharedDocument = z.infer<typeof sharedDocument>;

export const clientFile = z.strictObject({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
  firstDownloadedAt: z.string().nullable(),
});
export type ClientFile = z.infer<typeof clientFile>;

/** The profile's Documents tab: what was shared, newest first, and the files for the client. */
export const clientDocuments = z.strictObject({
  documents: z.array(sharedDocument),
  files: z.array(clientFile),
});
export type ClientDocuments = z.infer<typeof clientDocuments>;

export const clientDocumentParams = z.strictObject({ id: idSchema, documentId: idSchema });
export const clientFileParams = z.strictObject({ id: idSchema, fileId: idSchema });
