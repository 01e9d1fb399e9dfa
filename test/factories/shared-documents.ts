import type { AppDeps } from '../../src/server/deps.js';
import { submitDocument } from '../../src/server/modules/documents/document-completion.service.js';
import { attachQuestionFile } from '../../src/server/modules/documents/document-uploads.service.js';
import { iso } from '../../src/server/platform/clock.js';
import { newId } from '../../src/server/platform/tokens.js';
import { sentSharedDocument } from '../../src/server/modules/documents/sent-shared-document.js';
import { storeFile } from '../../src/server/platform/uploads.js';
import {
  templateContent,
  type FileAnswer,
  type TemplateContent,
  type TemplateContentInput,
} from '../../src/shared/schemas/document-templates.js';
import { factoryClientContext } from './contexts.js';

export interface SharedDocumentOptions {
  /** What the template says (default: `intakeForm`). */
  content?: TemplateContentInput;
  name?: string;
  /** YYYY-MM-DD. */
  dueDate?: string | null;
  message?: string | null;
  /** The staff member who shares it (default none: shared by Portico). */
  staffId?: string | null;
}

export interface FactorySharedDocument {
  id: string;
  shareId: string;
  templateId: string;
  templateVersionId: string;
  content: TemplateContent;
}

/** A short intake form with a question of most kinds, two required and a required signature. */
export const intakeForm: TemplateContentInput = {
  kind: 'form',
  questions: [
    { id: 'about', kind: 'heading', label: 'About you', help: 'Answer what you can.' },
    { id: 'reason', kind: 'long_text', label: 'What brings you to therapy?', required: true },
    { id: 'phone', kind: 'phone', label: 'Best phone number' },
    { id: 'email', kind: 'email', label: 'Email for reminders' },
    { id: 'seen', kind: 'yes_no', label: 'Have you seen a therapist before?', required: true },
    { id: 'times', kind: 'multiple_choice', label: 'Times that suit you', options: ['Mornings', 'Evenings'] },
    { id: 'contact', kind: 'single_choice', label: 'How should we contact you?', options: ['Phone', 'Email'] },
    { id: 'referral', kind: 'dropdown', label: 'How did you hear about us?', options: ['Friend', 'Doctor', 'Web'] },
    { id: 'born', kind: 'date', label: 'Date of birth' },
    { id: 'sessions', kind: 'number', label: 'Sessions you expect', min: 1, max: 50, integer: true },
    { id: 'mood', kind: 'scale', label: 'Mood this week', min: 1, max: 10, minLabel: 'Low', maxLabel: 'Great' },
    { id: 'home', kind: 'address', label: 'Home address' },
    { id: 'sign', kind: 'signature', label: 'Your signature', required: true },
  ],
};

/** A form asking for files: a required one, an optional one, a text question and a signature. */
export const formWithFiles: TemplateContentInput = {
  kind: 'form',
  questions: [
    { id: 'reason', kind: 'short_text', label: 'What brings you here?' },
    { id: 'card', kind: 'file_upload', label: 'Photo of your insurance card', required: true },
    { id: 'letter', kind: 'file_upload', label: 'Referral letter' },
    { id: 'sign', kind: 'signature', label: 'Your signature', required: true },
  ],
};

export const consentDocument = {
  kind: 'consent',
  body: '# Informed consent\n\nI agree to **therapy** with my clinician.\n\n- Sessions last 50 minutes',
  acknowledgement: 'I have read and agree to the informed consent.',
} as const satisfies TemplateContentInput;

/**
 * A document shared with the client, as the Share flow leaves it: a template with one version,
 * a packet (share) holding it, and the shared document `sent`. Written directly, as Portico's own
 * work; the client needs portal access of their own to see it (createPortalAccess).
 */
export async function createSharedDocument(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  practiceId: string,
  clientId: string,
  options: SharedDocumentOptions = {},
): Promise<FactorySharedDocument> {
  const content = templateContent.parse(options.content ?? intakeForm);
  const name = options.name ?? (content.kind === 'consent' ? 'Informed consent' : 'Intake questionnaire');
  const now = iso(deps.clock.now());
  const templateId = newId();
  const templateVersionId = newId();
  const shareId = newId();
  const id = newId();
  const staffId = options.staffId ?? null;
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('document_templates')
      .values({
        id: templateId,
        practice_id: practiceId,
        kind: content.kind,
        name,
        current_version_id: templateVersionId,
        current_version: 1,
        starter_key: null,
        created_by: staffId,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute();
    await tx
      .insertInto('document_template_versions')
      .values({
        id: templateVersionId,
        practice_id: practiceId,
        template_id: templateId,
        version: 1,
        name,
        content: JSON.stringify(content),
        created_by: staffId,
        created_at: now,
      })
      .execute();
    await tx
      .insertInto('document_shares')
      .values({
        id: shareId,
        practice_id: practiceId,
        client_id: clientId,
        due_date: options.dueDate ?? null,
        message: options.message ?? null,
        created_by: staffId,
        created_at: now,
        invited: 0,
      })
      .execute();
    await tx
      .insertInto('shared_documents')
      .values({
        ...sentSharedDocument({
          id,
          client_id: clientId,
          share_id: shareId,
          position: 0,
          template_id: templateId,
          template_version_id: templateVersionId,
          sent_at: now,
        }),
        practice_id: practiceId,
      })
      .execute();
  });
  return { id, shareId, templateId, templateVersionId, content };
}

/**
 * A file the practice shared with the client, stored and checked as the upload route does (a small
 * PDF unless given bytes): the row and the file in the store.
 */
export async function createClientFile(
  deps: Pick<AppDeps, 'db' | 'clock' | 'files'>,
  practiceId: string,
  clientId: string,
  options: { fileName?: string; data?: Buffer; staffId?: string | null } = {},
): Promise<{ id: string; key: string; fileName: string; sha256: string }> {
  const data = options.data ?? Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  const file = await storeFile({ practiceId, deps }, options.fileName ?? 'Handout.pdf', data, 'documents');
  await deps.db
    .insertInto('client_files')
    .values({
      id: file.id,
      practice_id: practiceId,
      client_id: clientId,
      file_name: file.fileName,
      content_type: file.contentType,
      size_bytes: file.size,
      storage_key: file.key,
      sha256: file.sha256,
      uploaded_by: options.staffId ?? null,
      created_at: iso(deps.clock.now()),
      first_downloaded_at: null,
      removed_at: null,
    })
    .execute();
  return { id: file.id, key: file.key, fileName: file.fileName, sha256: file.sha256 };
}

/** A small PNG (a 1×1 image): what a phone's photo of a card stands for in tests. */
const smallPng = (): Buffer =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );

/**
 * A file the client uploaded to a file question of their document (a small PNG unless given
 * bytes), checked, stored and attached through the service as the upload route does.
 */
export async function createQuestionFile(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  documentId: string,
  questionId: string,
  options: { fileName?: string; data?: Buffer } = {},
): Promise<FileAnswer> {
  const file = await storeFile(
    { practiceId, deps },
    options.fileName ?? 'Insurance card.png',
    options.data ?? smallPng(),
    'documents',
  );
  const saved = await attachQuestionFile(
    factoryClientContext(deps, practiceId, clientId),
    documentId,
    questionId,
    file,
  );
  if (!saved.answer) throw new Error('the file was not attached');
  return saved.answer;
}

/**
 * A `formWithFiles` document the client completed through the service, with a file uploaded to
 * its required file question and a typed signature.
 */
export async function createCompletedDocumentWithFile(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
): Promise<{ documentId: string; file: FileAnswer }> {
  const document = await createSharedDocument(deps, practiceId, clientId, { content: formWithFiles });
  const file = await createQuestionFile(deps, practiceId, clientId, document.id, 'card');
  await submitDocument(factoryClientContext(deps, practiceId, clientId), document.id, {
    card: file,
    sign: { method: 'typed', signerName: 'Ada Lovelace', consentToSign: true },
  });
  return { documentId: document.id, file };
}
