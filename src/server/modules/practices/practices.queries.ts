import type { PracticesTable } from '../../db/schema.js';
import { notFound } from '../../platform/errors.js';
import type { Scope } from '../../platform/request-context.js';

export async function getPractice(scope: Scope): Promise<PracticesTable> {
  const practice = await scope.db
    .selectFrom('practices')
    .selectAll()
    .where('id', '=', scope.practiceId)
    .executeTakeFirst();
  if (!practice) throw notFound();
  return practice;
}
