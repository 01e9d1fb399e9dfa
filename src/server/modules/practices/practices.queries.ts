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

export type PracticeChanges = Partial<
  Pick<
    PracticesTable,
    'name' | 'address' | 'phone' | 'time_zone' | 'slug' | 'logo_id' | 'logo_storage_key' | 'logo_content_type'
  >
>;

/** Changes the scope's practice's own row. */
export async function updatePractice(scope: Scope, changes: PracticeChanges): Promise<void> {
  await scope.db.updateTable('practices').set(changes).where('id', '=', scope.practiceId).execute();
}

/** Requires two-factor of every member from `since`, or no longer (null). */
export async function setTwoFactorRequired(scope: Scope, since: string | null): Promise<void> {
  await scope.db
    .updateTable('practices')
    .set({ two_factor_required_at: since })
    .where('id', '=', scope.practiceId)
    .execute();
}
