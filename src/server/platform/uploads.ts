import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { attachmentMaxBytes, type AttachmentType } from '../../shared/schemas/messages.js';
import type { FieldError } from '../../shared/errors.js';
import type { AppDeps } from './deps.js';
import { AppError } from './errors.js';
import { capFileName, extensionOf, fileNameMaxLength, normaliseFileName } from './file-names.js';
import { FileStoreError, newFileKey, type FileKind } from './file-store.js';
import { newId } from './tokens.js';

/**
 * The file rules every upload keeps (messages' attachments, files shared with a client): the type
 * read from the content (PDF, PNG, JPEG or HEIC), a name that does not claim another type, at most
 * 10 MB, streamed into the file store as it arrives and hashed on the way (decision 012).
 */

/** A checked file, already in the file store under `key`. */
export interface UploadedFile {
  id: string;
  key: string;
  fileName: string;
  contentType: AttachmentType;
  size: number;
  sha256: string;
}

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
export async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await finished(stream);
}

/**
 * Checks one uploaded file part by its first bytes and name and, when allowed, streams it into the
 * file store under a new key of `kind`; a refused part is read past and its problem answered.
 * The caller sees to `part.file.truncated` (the size limit), which is known only once stored.
 */
export async function storeFilePart(
  part: MultipartFile,
  ctx: { practiceId: string; deps: Pick<AppDeps, 'files'> },
  kind: FileKind,
): Promise<{ file: UploadedFile } | { problem: string }> {
  // The name is checked as it will be stored and shown: `report.html ` is `report.html`.
  const name = normaliseFileName(part.filename);
  const { head, whole } = await splitHead(part.file);
  const checked = await checkFile(name, head);
  if ('problem' in checked) {
    await drain(whole);
    return checked;
  }
  const id = newId();
  const key = newFileKey(ctx.practiceId, kind, id);
  const stored = await ctx.deps.files.put(key, whole, { contentType: checked.type });
  return { file: { id, key, fileName: storedFileName(name, checked.type), contentType: checked.type, ...stored } };
}

/**
 * Checks and stores one file as the upload route does, from bytes already in memory: for seeding
 * and test data (a message's attachment through `sendMessage`, a file shared with a client). A
 * file the upload routes would refuse throws.
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
 * Deletes stored files no row will name (a refused or failed upload). A delete that fails too
 * leaves the file to the hourly sweep of unreferenced files.
 */
export async function discardFiles(deps: Pick<AppDeps, 'files'>, files: readonly UploadedFile[]): Promise<void> {
  await Promise.all(files.map((file) => deps.files.delete(file.key).catch(() => undefined)));
}

/** The limits handed to @fastify/multipart for a route taking one file alone under the attachment rules. */
export const singleFileLimits = { fileSize: attachmentMaxBytes, files: 1, fields: 0, parts: 1 };

const singleFileTooLarge = (field: string): AppError =>
  new AppError('payload_too_large', 'The file is larger than 10 MB.', [{ field, message: 'must be at most 10 MB' }]);

function singleFileError(error: unknown, field: string): AppError | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return singleFileTooLarge(field);
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('validation_failed', undefined, [{ field, message: 'must be one file alone' }]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'A file must be sent as multipart/form-data.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('bad_request');
    default:
      return null;
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
      const result = await storeFilePart(part, ctx, options.kind);
      if ('problem' in result) {
        fields.push({ field, message: result.problem });
        continue;
      }
      file = result.file;
      if (part.file.truncated) throw singleFileTooLarge(field);
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
