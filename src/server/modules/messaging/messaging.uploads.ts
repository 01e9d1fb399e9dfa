import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import {
  attachmentMaxBytes,
  attachmentMaxCount,
  messageBodyMax,
  type AttachmentType,
} from '../../../shared/schemas/messages.js';
import type { FieldError } from '../../../shared/errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { FileStoreError, newFileKey, type FileKind } from '../../platform/file-store.js';
import { newId } from '../../platform/tokens.js';
import { capFileName, extensionOf, fileNameMaxLength, normaliseFileName } from './messaging.file-names.js';

/** A file of a message being sent, already in the file store under `key`. */
export interface UploadedFile {
  id: string;
  key: string;
  fileName: string;
  contentType: AttachmentType;
  size: number;
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

const tooLarge = (fileIndex: number): AppError =>
  new AppError('payload_too_large', 'A file is larger than 10 MB.', [
    { field: `attachments.${fileIndex}`, message: 'must be at most 10 MB' },
  ]);

function multipartError(error: unknown, fileIndex: number): AppError | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(fileIndex);
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

/** What file-type needs to recognise every allowed type: the first bytes only. */
const sniffBytes = 4100;

/**
 * The first `sniffBytes` of a stream (fewer if it ends sooner), and a stream of all of it: the
 * bytes already read, then the rest as it arrives. Only the head is ever held in memory.
 */
async function splitHead(file: Readable): Promise<{ head: Buffer; whole: Readable }> {
  const chunks = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const read: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < sniffBytes) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    read.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(read);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  return { head, whole: Readable.from(all(), { objectMode: false }) };
}

/** Reads a stream to its end, keeping nothing (a refused file must still be read past). */
async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await finished(stream);
}

/**
 * Reads a message from a multipart request: one `body` field and up to five `attachments` files.
 * Each file's type is read from its first bytes; an allowed one streams on into the file store
 * under a new key as it arrives (never whole in memory), counted and hashed on the way. Any
 * problem rejects the whole message and deletes what was stored; a store that fails or does not
 * answer is a 503 `files_unavailable`, a request cut off is a 400.
 */
export async function readMessageInput(
  request: FastifyRequest,
  ctx: { practiceId: string; deps: Pick<AppDeps, 'files'> },
): Promise<MessageInput> {
  const fields: FieldError[] = [];
  const files: UploadedFile[] = [];
  let body: string | null = null;
  let fileIndex = 0;
  const forget = () => discardFiles(ctx.deps, files);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const index = fileIndex++;
        if (part.fieldname !== 'attachments') {
          await drain(part.file);
          fields.push({ field: part.fieldname, message: 'is not a known field' });
          continue;
        }
        // The name is checked as it will be stored and shown: `report.html ` is `report.html`.
        const name = normaliseFileName(part.filename);
        const { head, whole } = await splitHead(part.file);
        const checked = await checkFile(name, head);
        if ('problem' in checked) {
          await drain(whole);
          fields.push({ field: `attachments.${index}`, message: checked.problem });
          continue;
        }
        const id = newId();
        const key = newFileKey(ctx.practiceId, 'attachments', id);
        const stored = await ctx.deps.files.put(key, whole, { contentType: checked.type });
        files.push({ id, key, fileName: storedFileName(name, checked.type), contentType: checked.type, ...stored });
        // Cut off at the size limit: what was stored is not the file (the parser says so next).
        if (part.file.truncated) throw tooLarge(index);
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
    await forget();
    if (error instanceof AppError) throw error;
    if (error instanceof FileStoreError) {
      throw new AppError(
        'files_unavailable',
        'The files could not be stored just now, so the message was not sent. Please try again in a moment.',
      );
    }
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
  if (fields.length > 0) {
    await forget();
    throw new AppError('validation_failed', undefined, fields);
  }
  return { body: text.trim() === '' ? '' : text.replace(/^\n+|\s+$/g, ''), files };
}

/**
 * Checks and stores one file as the upload route does, from bytes already in memory: for seeding
 * and test data, which then send the message through `sendMessage`. A file the route would refuse
 * throws.
 */
export async function storeFile(
  ctx: { practiceId: string; deps: Pick<AppDeps, 'files'> },
  fileName: string,
  data: Buffer,
  kind: FileKind = 'attachments',
): Promise<UploadedFile> {
  const name = normaliseFileName(fileName);
  const checked = await checkFile(name, data);
  if ('problem' in checked) throw new Error(`${fileName} ${checked.problem}`);
  const id = newId();
  const key = newFileKey(ctx.practiceId, kind, id);
  const stored = await ctx.deps.files.put(key, data, { contentType: checked.type, size: data.length });
  return { id, key, fileName: storedFileName(name, checked.type), contentType: checked.type, ...stored };
}

/**
 * Deletes stored files no message will name (a refused or failed send). A delete that fails too
 * leaves the file to the hourly sweep of unreferenced files.
 */
export async function discardFiles(deps: Pick<AppDeps, 'files'>, files: readonly UploadedFile[]): Promise<void> {
  await Promise.all(files.map((file) => deps.files.delete(file.key).catch(() => undefined)));
}

/** The limits handed to @fastify/multipart for a route taking one file alone under the attachment rules. */
export const singleFileLimits = { fileSize: attachmentMaxBytes, files: 1, fields: 0, parts: 1 };

function singleFileError(error: unknown, field: string): AppError | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', 'The file is larger than 10 MB.', [
        { field, message: 'must be at most 10 MB' },
      ]);
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('validation_failed', undefined, [{ field, message: 'must be one file alone' }]);
    default:
      return multipartError(error, 0);
  }
}

/**
 * Reads the one file of a multipart request sent under `field`, by the attachment rules: its type
 * read from its first bytes (PDF, PNG, JPEG or HEIC), at most 10 MB, a name that does not claim
 * another type. An allowed file streams into the file store under a new key of `kind` as it
 * arrives, counted and hashed; anything wrong deletes what was stored and names `field`. The
 * caller writes the row naming the file, and discards it (discardFiles) if that fails.
 */
export async function readSingleFile(
  request: FastifyRequest,
  ctx: { practiceId: string; deps: Pick<AppDeps, 'files'> },
  options: { field: string; kind: FileKind },
): Promise<UploadedFile> {
  const { field } = options;
  let file: UploadedFile | null = null;
  const fields: FieldError[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') {
        fields.push({ field: part.fieldname, message: 'is not a known field' });
        continue;
      }
      if (part.fieldname !== field) {
        await drain(part.file);
        fields.push({ field: part.fieldname, message: 'is not a known field' });
        continue;
      }
      const name = normaliseFileName(part.filename);
      const { head, whole } = await splitHead(part.file);
      const checked = await checkFile(name, head);
      if ('problem' in checked) {
        await drain(whole);
        fields.push({ field, message: checked.problem });
        continue;
      }
      const id = newId();
      const key = newFileKey(ctx.practiceId, options.kind, id);
      const stored = await ctx.deps.files.put(key, whole, { contentType: checked.type });
      file = { id, key, fileName: storedFileName(name, checked.type), contentType: checked.type, ...stored };
      if (part.file.truncated) throw singleFileError({ code: 'FST_REQ_FILE_TOO_LARGE' }, field) ?? tooLarge(0);
    }
  } catch (error) {
    if (file) await discardFiles(ctx.deps, [file]);
    if (error instanceof AppError) throw error;
    if (error instanceof FileStoreError) {
      throw new AppError('files_unavailable', 'The file could not be stored just now. Please try again in a moment.');
    }
    throw singleFileError(error, field) ?? new AppError('bad_request', 'The file could not be read.');
  }
  if (!file && fields.length === 0) fields.push({ field, message: 'is required' });
  if (fields.length > 0 || !file) {
    if (file) await discardFiles(ctx.deps, [file]);
    throw new AppError('validation_failed', undefined, fields);
  }
  return file;
}
