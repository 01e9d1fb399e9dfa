import { z } from 'zod';

export const idSchema = z.uuid({ error: 'must be a valid id' });
export const idParams = z.strictObject({ id: idSchema });

/** Trimmed text that must not be empty. */
export const requiredText = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** Trimmed optional text; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ error: 'must be a valid email address' }));

export const okSchema = z.strictObject({ ok: z.literal(true) });

/**
 * The body of a write route that takes none: no body at all, an empty one, or `{}` (what the web
 * apps send). Any field is refused by name, like the strict bodies elsewhere; Fastify hands
 * validation null for a missing body, so null passes too.
 */
export const emptyBody = z.strictObject({}).nullish().describe('Takes no fields: send no body, an empty body or {}.');

export function paginated<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
