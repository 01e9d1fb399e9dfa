import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import {
  attachmentMaxBytes,
  attachmentMaxCount,
  messageBodyMax,
  type AttachmentType,
} from '../../../shared/schemas/messages.js';
import type { FieldError } from '../../../shared/errors.js';
import { AppError } from '../../platform/errors.js';
import { capFileName, extensionOf, fileNameMaxLength, normaliseFileName } from './messaging.file-names.js';

export interface UploadedFile {
  fileName: string;
  contentType: AttachmentType;
  data: Buffer;
  sha256: string;
}

export interface MessageInput {
  body: string;
  files: UploadedFile[];
}

/** The limits handed to @fastify/multipart for the message routes. */
export const multipartLimits = {
  fileSize: attachmentMaxBytes,
  files: attachmentMaxCount,
  fields: 4,
  parts: attachmentMaxCount + 4,
  // 10,000 characters of up to 4 bytes each, and a little room for line endings.
  fieldSize: messageBodyMax * 4 + 1024,
};

const extensionsOf: Record<AttachmentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/heic': ['heic', 'heif'],
};

const typeNames: Record<AttachmentType, string> = {
  'application/pdf': 'a PDF',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/heic': 'a HEIC image',
};

const allowedText = 'must be a PDF, PNG, JPEG or HEIC file';

/** The type read from the file's first bytes; HEIF still images count as HEIC (what phones send). */
export async function detectAttachmentType(data: Buffer): Promise<AttachmentType | null> {
  const detected = await fileTypeFromBuffer(data);
  if (!detected) return null;
  if (detected.mime === 'image/heif') return 'image/heic';
  return (Object.keys(extensionsOf) as AttachmentType[]).find((type) => type === detected.mime) ?? null;
}

/**
 * The name a checked file is stored under and downloaded as: its normalised name, which ends in
 * an extension of its type if it ends in any (checkFile saw to that), or else gets one; a name
 * with nothing visible left becomes `attachment` (decision 012).
 */
export function storedFileName(normalisedName: string, type: AttachmentType): string {
  if (extensionOf(normalisedName)) return normalisedName;
  const extension = `.${extensionsOf[type][0] ?? ''}`;
  return `${capFileName(normalisedName || 'attachment', fileNameMaxLength - extension.length)}${extension}`;
}

/**
 * Checks one file by its normalised name (normaliseFileName): its content must be an allowed type,
 * and a name that claims a type must claim the same one (a PDF named photo.png is refused rather
 * than stored under a lying name).
 */
export async function checkFile(
  normalisedName: string,
  data: Buffer,
): Promise<{ type: AttachmentType } | { problem: string }> {
  if (data.length === 0) return { problem: 'is empty' };
  const type = await detectAttachmentType(data);
  if (!type) return { problem: allowedText };
  const extension = extensionOf(normalisedName);
  const claimed = extension
    ? (Object.keys(extensionsOf) as AttachmentType[]).find((t) => extensionsOf[t].includes(extension))
    : undefined;
  if (extension && claimed !== type) {
    return { problem: `is ${typeNames[type]} but its name ends in .${extension}` };
  }
  return { type };
}

function multipartError(error: unknown, fileIndex: number): AppError | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', 'A file is larger than 10 MB.', [
        { field: `attachments.${fileIndex}`, message: 'must be at most 10 MB' },
      ]);
    case 'FST_FILES_LIMIT':
      return new AppError('validation_failed', undefined, [
        { field: 'attachments', message: `must be at most ${attachmentMaxCount} files` },
      ]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('payload_too_large', 'The message has too many parts.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'A message must be sent as multipart/form-data.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('bad_request');
    default:
      return null;
  }
}

/**
 * Reads a message from a multipart request: one `body` field and up to five `attachments` files,
 * each checked from its content. Nothing is stored here; any problem rejects the whole message.
 */
export async function readMessageInput(request: FastifyRequest): Promise<MessageInput> {
  const fields: FieldError[] = [];
  const files: UploadedFile[] = [];
  let body: string | null = null;
  let fileIndex = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const index = fileIndex++;
        const data = await part.toBuffer();
        if (part.fieldname !== 'attachments') {
          fields.push({ field: part.fieldname, message: 'is not a known field' });
          continue;
        }
        // The name is checked as it will be stored and shown: `report.html ` is `report.html`.
        const name = normaliseFileName(part.filename);
        const checked = await checkFile(name, data);
        if ('problem' in checked) {
          fields.push({ field: `attachments.${index}`, message: checked.problem });
          continue;
        }
        files.push({
          fileName: storedFileName(name, checked.type),
          contentType: checked.type,
          data,
          sha256: createHash('sha256').update(data).digest('hex'),
        });
      } else if (part.fieldname === 'body' && body === null) {
        if (part.valueTruncated || typeof part.value !== 'string') {
          fields.push({
            field: 'body',
            message: `must be at most ${messageBodyMax.toLocaleString('en-US')} characters`,
          });
          body = '';
        } else {
          body = part.value;
        }
      } else {
        fields.push({ field: part.fieldname, message: 'is not a known field' });
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Anything else the parser throws (no boundary, a body that ends early, a broken header) is a
    // request that cannot be read, not a fault of the server.
    throw (
      multipartError(error, fileIndex - 1 < 0 ? 0 : fileIndex - 1) ??
      new AppError('bad_request', 'The message could not be read.')
    );
  }
  const text = (body ?? '').replace(/\r\n?/g, '\n');
  // No field has a use for it, and PostgreSQL text cannot store it (see platform/input-guard.ts).
  if (text.includes('\u0000')) fields.push({ field: 'body', message: 'must not contain a null character' });
  if (text.length > messageBodyMax && !fields.some((f) => f.field === 'body')) {
    fields.push({ field: 'body', message: `must be at most ${messageBodyMax.toLocaleString('en-US')} characters` });
  }
  // A body already refused (cut off at the field's byte limit) is not also "required".
  const refused = fields.some((f) => f.field === 'body' || f.field.startsWith('attachments'));
  if (text.trim() === '' && files.length === 0 && !refused) {
    fields.push({ field: 'body', message: 'is required' });
  }
  if (fields.length > 0) throw new AppError('validation_failed', undefined, fields);
  return { body: text.trim() === '' ? '' : text.replace(/^\n+|\s+$/g, ''), files };
}
