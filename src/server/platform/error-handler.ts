import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode, FieldError } from '../../shared/errors.js';
import { AppError } from './errors.js';

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
function validationFields(error: FastifyError & { validation: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[] }): FieldError[] {
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

export function errorBody(code: ErrorCode, message: string, fields?: FieldError[], reason?: string): ErrorBody {
  return { error: { code, message, ...(fields ? { fields } : {}), ...(reason ? { reason } : {}) } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.fields, error.reason));
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
 * A path the router cannot read (a broken %-escape, a parameter over the length limit) is answered
 * by Fastify before any hook runs, so it gets neither the error shape nor the headers the hooks add
 * (helmet's, no-store). Passed as Fastify's `frameworkErrors`, this answers it like any refusal.
 */
export function frameworkErrorHandler(options: { hsts: boolean }) {
  return (_error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    void reply
      .status(400)
      .headers({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'same-origin',
        'cache-control': 'no-store',
        ...(options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
      })
      .send(errorBody('bad_request', new AppError('bad_request').message));
  };
}
