import { z } from 'zod';
import { looksLikePhone, phoneMessage } from '../phone.js';

/**
 * What a document template says, shared by the form builder, the API, the portal and the PDF.
 *
 * A template is either a **form** (an ordered list of questions) or a **consent** (formatted text
 * written in markdown that the client reads and signs). A consent is answered like a form with one
 * required signature question, `consentSignatureId`, so drafts, answers, the missing-answer check
 * and the PDF have one path for both. Markdown is stored as written; the server renders it to
 * sanitised HTML (marked + sanitize-html) and nothing else renders it.
 *
 * Answers are a map from question id to the answer, kept as JSON text and always read back through
 * `answersSchemaFor(content)`. A draft may hold anything of the right shape (a half-typed email is
 * still a string); `findAnswerProblems` says what stops a submission: required questions without
 * an answer and answers not written as their kind asks (an email that is not one).
 */

export const questionKinds = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'dropdown',
  'yes_no',
  'date',
  'number',
  'scale',
  'email',
  'phone',
  'address',
  'heading',
  'file_upload',
  'signature',
] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** The builder's names for each kind. */
export const questionKindLabels: Record<QuestionKind, string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  dropdown: 'Dropdown',
  yes_no: 'Yes / No',
  date: 'Date',
  number: 'Number',
  scale: 'Scale',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  heading: 'Heading or instructions',
  file_upload: 'File upload',
  signature: 'Signature',
};

export const templateKinds = ['form', 'consent'] as const;
export type TemplateKind = (typeof templateKinds)[number];

export const templateNameMax = 200;
export const questionLabelMax = 500;
export const questionHelpMax = 2_000;
export const questionsMax = 200;
export const optionsMax = 50;
export const optionLabelMax = 200;
export const consentBodyMax = 50_000;
export const shortTextMax = 1_000;
export const longTextMax = 10_000;
/** A drawn signature as a PNG data URL (signature_pad's toDataURL); about 370 KB of image at most. */
export const signatureImageMax = 500_000;
export const signerNameMax = 200;

/** The question id a consent's signature is answered under. */
export const consentSignatureId = 'signature';

const label = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(questionLabelMax, `must be at most ${questionLabelMax} characters`);
const help = z
  .string()
  .trim()
  .max(questionHelpMax, `must be at most ${questionHelpMax} characters`)
  .transform((value) => (value ? value : undefined))
  .optional();

export const questionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _');

const base = {
  id: questionId,
  label,
  /** Shown under the label: what the question means, how to answer. */
  help,
  required: z.boolean().default(false),
};

const choiceOptions = z
  .array(z.string().trim().min(1, 'is required').max(optionLabelMax, `must be at most ${optionLabelMax} characters`))
  .min(1, 'needs at least one option')
  .max(optionsMax, `must be at most ${optionsMax} options`)
  .refine((options) => new Set(options).size === options.length, 'must not repeat an option');

const finite = z.number().refine(Number.isFinite, 'must be a number');

export const question = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('short_text') }),
  z.strictObject({ ...base, kind: z.literal('long_text') }),
  z.strictObject({ ...base, kind: z.literal('single_choice'), options: choiceOptions }),
  z.strictObject({ ...base, kind: z.literal('multiple_choice'), options: choiceOptions }),
  z.strictObject({ ...base, kind: z.literal('dropdown'), options: choiceOptions }),
  z.strictObject({ ...base, kind: z.literal('yes_no') }),
  z.strictObject({ ...base, kind: z.literal('date') }),
  z.strictObject({
    ...base,
    kind: z.literal('number'),
    min: finite.optional(),
    max: finite.optional(),
    /** Whole numbers only. */
    integer: z.boolean().default(false),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('scale'),
    min: z.number().int().min(0, 'must be 0 or 1').max(1, 'must be 0 or 1'),
    max: z.number().int().min(2, 'must be 2 to 10').max(10, 'must be 2 to 10'),
    minLabel: z.string().trim().max(100, 'must be at most 100 characters').optional(),
    maxLabel: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('email') }),
  z.strictObject({ ...base, kind: z.literal('phone') }),
  z.strictObject({ ...base, kind: z.literal('address') }),
  /** Text between questions; the label is the heading, `help` the instructions. Never answered. */
  z.strictObject({ ...base, kind: z.literal('heading'), required: z.literal(false).default(false) }),
  /** A file the client attaches: the attachment rules (PDF, PNG, JPEG, HEIC by content; 10 MB). */
  z.strictObject({ ...base, kind: z.literal('file_upload') }),
  z.strictObject({ ...base, kind: z.literal('signature') }),
]);
export type Question = z.infer<typeof question>;
export type QuestionInput = z.input<typeof question>;

export const formContent = z.strictObject({
  kind: z.literal('form'),
  questions: z
    .array(question)
    .min(1, 'needs at least one question')
    .max(questionsMax, `must be at most ${questionsMax} questions`),
});

export const consentContent = z.strictObject({
  kind: z.literal('consent'),
  /** Markdown; the server renders it to sanitised HTML. */
  body: z.string().trim().min(1, 'is required').max(consentBodyMax, `must be at most ${consentBodyMax} characters`),
  /** What the client agrees to by signing, shown beside the signature. */
  acknowledgement: label,
});

export const templateContent = z
  .discriminatedUnion('kind', [formContent, consentContent])
  .superRefine((content, ctx) => {
    if (content.kind !== 'form') return;
    const seen = new Set<string>();
    content.questions.forEach((q, index) => {
      if (seen.has(q.id)) {
        ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: 'must not repeat another question' });
      }
      seen.add(q.id);
      if (q.kind === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max) {
        ctx.addIssue({ code: 'custom', path: ['questions', index, 'max'], message: 'must not be below the minimum' });
      }
    });
    if (content.questions.every((q) => q.kind === 'heading')) {
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'needs at least one question to answer' });
    }
  });
export type TemplateContent = z.infer<typeof templateContent>;
export type TemplateContentInput = z.input<typeof templateContent>;
export type FormContent = z.infer<typeof formContent>;
export type ConsentContent = z.infer<typeof consentContent>;

/** The questions a client answers: a form's own, or a consent's one required signature. */
export function questionsOf(content: TemplateContent): Question[] {
  if (content.kind === 'form') return content.questions;
  return [{ id: consentSignatureId, kind: 'signature', label: content.acknowledgement, required: true }];
}

// ---------------------------------------------------------------------------------------------
// Answers

export const addressAnswer = z.strictObject({
  line1: z.string().max(200, 'must be at most 200 characters').default(''),
  line2: z.string().max(200, 'must be at most 200 characters').default(''),
  city: z.string().max(100, 'must be at most 100 characters').default(''),
  region: z.string().max(100, 'must be at most 100 characters').default(''),
  postalCode: z.string().max(20, 'must be at most 20 characters').default(''),
  country: z.string().max(100, 'must be at most 100 characters').default(''),
});
export type AddressAnswer = z.infer<typeof addressAnswer>;

/**
 * A file the client attached to a file-upload question, stored apart (decision 038): the answer
 * names it by id and carries its SHA-256, so the signed content proves which file was submitted.
 * The server writes it from the stored file; what a client sends for it must name that file.
 */
export const fileAnswer = z.strictObject({
  fileId: z.uuid({ error: 'must be the id of an uploaded file' }),
  fileName: z.string().max(255),
  contentType: z.string().max(100),
  sizeBytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the file'),
});
export type FileAnswer = z.infer<typeof fileAnswer>;

export const signatureMethods = ['drawn', 'typed'] as const;
export type SignatureMethod = (typeof signatureMethods)[number];

/**
 * A signature: drawn (a PNG data URL from signature_pad) or typed (the name, shown in a script
 * face). Either way the signer gives their name and agrees to sign electronically.
 */
export const signatureAnswer = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('drawn'),
    signerName: z.string().trim().max(signerNameMax, `must be at most ${signerNameMax} characters`),
    image: z
      .string()
      .max(signatureImageMax, 'is too large a drawing')
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, 'must be a PNG drawing'),
    consentToSign: z.boolean(),
  }),
  z.strictObject({
    method: z.literal('typed'),
    signerName: z.string().trim().max(signerNameMax, `must be at most ${signerNameMax} characters`),
    consentToSign: z.boolean(),
  }),
]);
export type SignatureAnswer = z.infer<typeof signatureAnswer>;

const dateAnswer = z.string().max(10, 'must be a date like 2026-04-23');

/** The shape of one answer to a question of this kind; the draft is held to this much. */
export function answerSchemaFor(q: Question): z.ZodType {
  switch (q.kind) {
    case 'short_text':
    case 'email':
    case 'phone':
      return z.string().max(shortTextMax, `must be at most ${shortTextMax} characters`);
    case 'long_text':
      return z.string().max(longTextMax, `must be at most ${longTextMax} characters`);
    case 'single_choice':
    case 'dropdown':
      return z.enum(q.options as [string, ...string[]], { error: 'must be one of the options' });
    case 'multiple_choice':
      return z
        .array(z.enum(q.options as [string, ...string[]], { error: 'must be one of the options' }))
        .refine((picked) => new Set(picked).size === picked.length, 'must not pick an option twice');
    case 'yes_no':
      return z.boolean({ error: 'must be yes or no' });
    case 'date':
      return dateAnswer;
    case 'number':
      return z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a number');
    case 'scale':
      return z
        .number({ error: `must be a whole number from ${q.min} to ${q.max}` })
        .int(`must be a whole number from ${q.min} to ${q.max}`)
        .min(q.min, `must be a whole number from ${q.min} to ${q.max}`)
        .max(q.max, `must be a whole number from ${q.min} to ${q.max}`);
    case 'address':
      return addressAnswer;
    case 'file_upload':
      return fileAnswer;
    case 'signature':
      return signatureAnswer;
    case 'heading':
      return z.never({ error: 'is not a question' });
  }
}

/** The answers to a template: only its own question ids, each of its kind's shape; null clears one. */
export function answersSchemaFor(content: TemplateContent) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questionsOf(content)) {
    if (q.kind === 'heading') continue;
    shape[q.id] = answerSchemaFor(q).nullish();
  }
  return z.strictObject(shape);
}
export type Answers = Record<string, unknown>;

export type AnswerProblem = {
  questionId: string;
  label: string;
  kind: QuestionKind;
  /** `required`: no answer (or an unsigned signature); `invalid`: not written as the kind asks. */
  problem: 'required' | 'invalid';
  message: string;
};

function isBlank(q: Question, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  switch (q.kind) {
    case 'short_text':
    case 'long_text':
    case 'email':
    case 'phone':
    case 'date':
      return typeof value !== 'string' || value.trim() === '';
    case 'multiple_choice':
      return !Array.isArray(value) || value.length === 0;
    case 'address': {
      const a = value as AddressAnswer;
      return a.line1.trim() === '' || a.city.trim() === '';
    }
    case 'signature': {
      const s = value as SignatureAnswer;
      return s.signerName.trim() === '' || !s.consentToSign;
    }
    default:
      return false;
  }
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const emailShape = z.email();

/** Why an answer that is there cannot be submitted as written, or null when it can. */
function invalidReason(q: Question, value: unknown): string | null {
  switch (q.kind) {
    case 'email':
      return emailShape.safeParse((value as string).trim()).success ? null : 'must be a valid email address';
    case 'phone':
      return looksLikePhone((value as string).trim()) ? null : phoneMessage;
    case 'date':
      return isRealDate((value as string).trim()) ? null : 'must be a date like 2026-04-23';
    case 'number': {
      const n = value as number;
      if (q.integer && !Number.isInteger(n)) return 'must be a whole number';
      if (q.min !== undefined && n < q.min) return `must be at least ${q.min}`;
      if (q.max !== undefined && n > q.max) return `must be at most ${q.max}`;
      return null;
    }
    case 'signature': {
      const s = value as SignatureAnswer;
      if (s.method === 'typed' && s.signerName.trim().length < 2) return 'must be the signer’s full name';
      return null;
    }
    default:
      return null;
  }
}

/**
 * What stops these answers being submitted, in question order: each required question without an
 * answer (a signature without the signer's name or the consent to sign electronically counts as
 * none) and each answer not written as its kind asks. Empty means the submission may go ahead.
 * The answers must already have passed `answersSchemaFor(content)`.
 */
export function findAnswerProblems(content: TemplateContent, answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const q of questionsOf(content)) {
    if (q.kind === 'heading') continue;
    const value = answers[q.id];
    if (isBlank(q, value)) {
      if (q.required) {
        const message = q.kind === 'signature' ? 'must be signed' : 'is required';
        problems.push({ questionId: q.id, label: q.label, kind: q.kind, problem: 'required', message });
      }
      continue;
    }
    const reason = invalidReason(q, value);
    if (reason) problems.push({ questionId: q.id, label: q.label, kind: q.kind, problem: 'invalid', message: reason });
  }
  return problems;
}

/** Only the required questions and signatures left unanswered: what the portal counts down. */
export function findMissingRequired(content: TemplateContent, answers: Answers): AnswerProblem[] {
  return findAnswerProblems(content, answers).filter((p) => p.problem === 'required');
}
