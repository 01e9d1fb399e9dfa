import type { FieldError } from '../../shared/errors.js';
import { isApiError } from './api.js';

/** Form errors keyed by dotted field path, e.g. `emails.1.address`. */
export type FieldErrorMap = Record<string, string>;

/** Turns the server's (or zod's) field list into a map; the first message per field wins. */
export function toFieldErrorMap(fields: readonly FieldError[]): FieldErrorMap {
  const map: FieldErrorMap = {};
  for (const { field, message } of fields) {
    if (!(field in map)) map[field] = message;
  }
  return map;
}

/** The field errors carried by an API error, or none. */
export function fieldErrorsOf(error: unknown): FieldErrorMap {
  return isApiError(error) ? toFieldErrorMap(error.fields) : {};
}

interface ZodLikeIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Maps zod issues (client-side validation with the shared schemas) to the same dotted paths. */
export function zodIssuesToFieldErrors(issues: readonly ZodLikeIssue[]): FieldErrorMap {
  return toFieldErrorMap(issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })));
}

/** "must be a valid email address" → "Must be a valid email address". */
export function sentence(message: string | undefined): string | undefined {
  if (!message) return undefined;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
