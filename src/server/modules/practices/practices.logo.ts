import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { logoMaxBytes, logoTypes, type LogoType } from '../../../shared/schemas/settings.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';

/** The limits handed to @fastify/multipart for the logo upload: one file, nothing else. */
export const logoMultipartLimits = { fileSize: logoMaxBytes, files: 1, fields: 0, parts: 1 };

/** Where a logo is served on this server: public, and new with each logo, so it can be cached for good. */
export function logoPath(practice: { id: string; logo_id: string | null }): string | null {
  return practice.logo_id ? `/api/practice-logos/${practice.id}/${practice.logo_id}` : null;
}

/** The logo's address; absolute for emails, which are read elsewhere. */
export function logoUrl(
  deps: Pick<AppDeps, 'config'>,
  practice: { id: string; logo_id: string | null },
  options: { absolute?: boolean } = {},
): string | null {
  const path = logoPath(practice);
  if (!path) return null;
  return options.absolute ? `${deps.config.publicUrl}${path}` : path;
}

/** The type read from the file's first bytes, when it is one a logo may be (the name says nothing). */
export async function detectLogoType(data: Buffer): Promise<LogoType | null> {
  const detected = await fileTypeFromBuffer(data);
  return logoTypes.find((type) => type === detected?.mime) ?? null;
}

const allowedText = 'must be a PNG, JPEG or WebP image';

function multipartError(error: unknown): AppError | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', 'The logo is larger than 1 MB.', [
        { field: 'logo', message: 'must be at most 1 MB' },
      ]);
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('validation_failed', undefined, [{ field: 'logo', message: 'must be one image alone' }]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'A logo must be sent as multipart/form-data.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('bad_request');
    default:
      return null;
  }
}

/** Reads the one `logo` file of a multipart request and checks its type from its bytes. */
export async function readLogo(request: FastifyRequest): Promise<{ data: Buffer; contentType: LogoType }> {
  let found: Buffer | null = null;
  const unknown: string[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'logo') {
        found = await part.toBuffer();
      } else {
        // Read to its end, so the request is consumed, and named in the refusal.
        if (part.type === 'file') await part.toBuffer();
        unknown.push(part.fieldname);
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Anything else the parser throws (no boundary, a body that ends early) is a request that
    // cannot be read, not a fault of the server.
    throw multipartError(error) ?? new AppError('bad_request', 'The logo could not be read.');
  }
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      undefined,
      unknown.map((field) => ({ field, message: 'is not a known field' })),
    );
  }
  if (!found) throw new AppError('validation_failed', undefined, [{ field: 'logo', message: 'is required' }]);
  if (found.length === 0) throw new AppError('validation_failed', undefined, [{ field: 'logo', message: 'is empty' }]);
  const contentType = await detectLogoType(found);
  if (!contentType) throw new AppError('validation_failed', undefined, [{ field: 'logo', message: allowedText }]);
  return { data: found, contentType };
}
