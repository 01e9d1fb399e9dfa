import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../../shared/errors.js';
import { AppError } from './errors.js';

const NUL = '\u0000';

/** The dotted paths of every string (key or value) in a parsed input that holds a NUL character. */
function nulPaths(value: unknown, at: string[], found: string[]): void {
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(at.join('.'));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulPaths(item, [...at, String(index)], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes(NUL)) found.push([...at, key.replaceAll(NUL, '')].join('.'));
      else nulPaths(inner, [...at, key], found);
    }
  }
}

/**
 * Refuses any path parameter, query value or JSON body that contains a NUL character, before
 * validation. PostgreSQL text cannot store one (the insert fails, a 500), and no field has a use
 * for it; refusing it here keeps both databases answering the same 400.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found: string[] = [];
    for (const [context, input] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const paths: string[] = [];
      nulPaths(input, [], paths);
      found.push(...paths.map((path) => path || context));
    }
    if (found.length === 0) return;
    const fields: FieldError[] = found.map((field) => ({ field, message: 'must not contain a null character' }));
    throw new AppError('validation_failed', undefined, fields);
  });
}
