import { DateTime } from 'luxon';
import {
  questionsOf,
  type AddressAnswer,
  type Answers,
  type FileAnswer,
  type Question,
  type SignatureAnswer,
  type TemplateContent,
} from '../../../shared/schemas/document-templates.js';
import type { DateTimeFormat } from '../../../shared/date-time-format.js';
import { markdownEntries } from './documents.markdown-text.js';
import type { PrintedEntry, PrintedSignature } from './documents.pdf.js';

/**
 * What the PDF prints for a template version and its submitted answers: a form's questions in
 * order (headings and their instructions, each question with its answer as text, signatures as
 * drawn or typed), or a consent's text followed by its signature.
 */
export function printedEntries(content: TemplateContent, answers: Answers, format: DateTimeFormat): PrintedEntry[] {
  const entries: PrintedEntry[] = content.kind === 'consent' ? markdownEntries(content.body) : [];
  for (const question of questionsOf(content)) entries.push(...questionEntries(question, answers[question.id], format));
  return entries;
}

function questionEntries(q: Question, value: unknown, format: DateTimeFormat): PrintedEntry[] {
  if (q.kind === 'heading')
    return [{ kind: 'heading', text: q.label }, ...(q.help ? [{ kind: 'paragraph' as const, text: q.help }] : [])];
  if (q.kind === 'signature') {
    const signature = value as SignatureAnswer | null | undefined;
    if (!signature) return [{ kind: 'answer', label: q.label, answer: null }];
    return [{ kind: 'signature', label: q.label, signature: printedSignature(signature) }];
  }
  return [{ kind: 'answer', label: q.label, answer: answerText(q, value, format) }];
}

function printedSignature(signature: SignatureAnswer): PrintedSignature {
  if (signature.method === 'typed') return { method: 'typed', name: signature.signerName };
  return { method: 'drawn', png: signaturePngBytes(signature.image) };
}

/** The PNG bytes of a drawn signature's data URL. */
export function signaturePngBytes(dataUrl: string): Uint8Array {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether the bytes begin as a PNG does, with its header chunk (what the PDF can embed). */
export function looksLikePng(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes);
  return (
    buffer.length > 33 && buffer.subarray(0, 8).equals(pngSignature) && buffer.toString('latin1', 12, 16) === 'IHDR'
  );
}

/** An answer as the PDF writes it; null when there is none. */
export function answerText(q: Question, value: unknown, format: DateTimeFormat): string | null {
  if (value === undefined || value === null) return null;
  switch (q.kind) {
    case 'yes_no':
      return value === true ? 'Yes' : 'No';
    case 'multiple_choice':
      return (value as string[]).length === 0 ? null : (value as string[]).map((option) => `•  ${option}`).join('\n');
    case 'number':
      return typeof value === 'number' ? value.toString() : null;
    case 'scale': {
      const range = `${q.min} to ${q.max}`;
      const ends = [q.minLabel ? `${q.min} = ${q.minLabel}` : '', q.maxLabel ? `${q.max} = ${q.maxLabel}` : '']
        .filter(Boolean)
        .join(', ');
      return `${value as number} (on a scale of ${range}${ends ? `; ${ends}` : ''})`;
    }
    case 'date': {
      const date = DateTime.fromISO(value as string, { zone: 'utc' }).setLocale('en');
      if (!date.isValid) return value as string;
      return date.toFormat(format.dateOrder === 'month-first' ? 'MMMM d, yyyy' : 'd MMMM yyyy');
    }
    case 'address': {
      const a = value as AddressAnswer;
      const lines = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country];
      const text = lines
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n');
      return text === '' ? null : text;
    }
    case 'file_upload': {
      // The file is kept with the record, not printed: its name, size and hash say which it is.
      const file = value as FileAnswer;
      return `${file.fileName}\n${fileSizeText(file.sizeBytes)}, kept with this record\nSHA-256 ${file.sha256}`;
    }
    default:
      return value as string;
  }
}

/** A file's size as people read it, with the exact bytes: "2.4 MB (2,516,582 bytes)". */
export function fileSizeText(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024) return exact;
  const [amount, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${amount.toFixed(1)} ${unit} (${exact})`;
}

/** The name the document was signed with: the first signature's, else the client's own. */
export function signerNameOf(content: TemplateContent, answers: Answers, clientName: string): string {
  for (const q of questionsOf(content)) {
    if (q.kind !== 'signature') continue;
    const signature = answers[q.id] as SignatureAnswer | null | undefined;
    if (signature && signature.signerName.trim() !== '') return signature.signerName.trim();
  }
  return clientName;
}
