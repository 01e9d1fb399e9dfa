import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  errorStatus,
  type ErrorBody,
  type ErrorCode,
  type FieldError,
  type TimeConflict,
} from '../../shared/errors.js';
import { AppError } from './errors.js';
import { FileStoreError } from './file-store.js';

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_INVALID_URL: 'bad_request',
};

function fieldName(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (path) return path;
  return context ?? 'body';
}

/** Turns zod's issues into named fields; unknown keys are named one by one. */
function validationFields(
  error: FastifyError & {
    validation: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[];
  },
): FieldError[] {
  const context = error.validationContext;
  return error.validation.flatMap((issue) => {
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
      const base = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean);
      return (issue.params.keys as unknown[]).map((key) => ({
        field: [...base, String(key)].join('.'),
        message: 'is not a known field',
      }));
    }
    return [{ field: fieldName(context, issue.instancePath), message: issue.message ?? 'is not valid' }];
  });
}

export function errorBody(
  code: ErrorCode,
  message: string,
  fields?: FieldError[],
  reason?: string,
  conflicts?: TimeConflict[],
): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(fields ? { fields } : {}),
      ...(reason ? { reason } : {}),
      ...(conflicts ? { conflicts } : {}),
    },
  };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(error.status)
        .send(errorBody(error.code, error.message, error.fields, error.reason, error.conflicts));
    }
    if ((error as unknown) instanceof FileStoreError) {
      // The store (a bucket, a disk) failed, not the request: logged, and said as such.
      request.log.error({ err: error }, 'the file store failed');
      return reply.status(503).send(errorBody('files_unavailable', new AppError('files_unavailable').message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = validationFields(error);
      return reply.status(400).send(errorBody('validation_failed', 'Some fields are not valid.', fields));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody('rate_limited', 'Too many attempts. Please wait and try again.'));
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) {
      const status = mapped === 'payload_too_large' ? 413 : mapped === 'unsupported_media_type' ? 415 : 400;
      return reply.status(status).send(errorBody(mapped, new AppError(mapped).message));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(400).send(errorBody('bad_request', 'The request could not be understood.'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', 'Something went wrong on our side.'));
  });
}

/**
 * The headers every refusal made outside the request hooks carries, as helmet and the no-store hook
 * would have set them: a refusal is JSON, never framed, never sniffed and never cached.
 */
export function refusalHeaders(options: { hsts: boolean }): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    ...(options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * A path the router cannot read (a broken %-escape, a parameter over the length limit) is answered
 * by Fastify before any hook runs, so it gets neither the error shape nor the headers the hooks add
 * (helmet's, no-store). Passed as Fastify's `frameworkErrors`, this answers it like any refusal.
 */
export function frameworkErrorHandler(options: { hsts: boolean }) {
  return (_error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    void reply
      .status(400)
      .headers(refusalHeaders(options))
      .send(errorBody('bad_request', new AppError('bad_request').message));
  };
}

/** What Node's HTTP parser refused, as one of the app's error codes. */
function clientErrorCode(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  return 'bad_request';
}

/**
 * A request Node's HTTP parser refuses (headers over its 16 KB limit, a request line or header it
 * cannot read, one that took too long to arrive) never becomes a request: there is no reply to
 * send, only the socket. Passed as Fastify's `clientErrorHandler` (the server's `clientError`
 * event), this writes the answer by hand, in the app's error shape and with the same headers as
 * any other refusal, then closes the connection as Node would.
 */
export function clientErrorHandler(options: { hsts: boolean }) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    // A connection reset leaves nothing to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // Mid-response (a pipelined request after one being answered), a written answer would corrupt it.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const code = clientErrorCode(error);
    const status = errorStatus[code];
    const body = JSON.stringify(errorBody(code, new AppError(code).message));
    const headers = {
      ...refusalHeaders(options),
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    // Closed once the answer has been handed to the network, as Node closes it after its own.
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${body}`, () => socket.destroy());
  };
}
