import type { FastifyRequest } from 'fastify';
import { attachmentMaxBytes, attachmentMaxCount, messageBodyMax } from '../../../shared/schemas/messages.js';
import type { FieldError } from '../../../shared/errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { FileStoreError } from '../../platform/file-store.js';
import { discardFiles, drain, storeFilePart, type UploadedFile } from '../../platform/uploads.js';

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
        const result = await storeFilePart(part, ctx, 'attachments');
        if ('problem' in result) {
          fields.push({ field: `attachments.${index}`, message: result.problem });
          continue;
        }
        files.push(result.file);
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
