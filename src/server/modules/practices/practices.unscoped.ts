import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { PracticesTable } from '../../db/schema.js';

/**
 * The practice queries no signed-in session scopes: finding a portal by its address before
 * anyone is signed in, creating a practice, serving a logo to a portal page or an email (public),
 * and telling the attachment sweeper which logo files are still in use. Everything else takes a Scope.
 */

export async function countPractices(db: Db): Promise<number> {
  const row = await db
    .selectFrom('practices')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findPracticeBySlug(db: Db, slug: string): Promise<PracticesTable | undefined> {
  return db.selectFrom('practices').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertPractice(db: Db, practice: Insertable<PracticesTable>): Promise<void> {
  await db.insertInto('practices').values(practice).execute();
}

/** The practice's current logo, when `logoId` is it (an older logo's address finds nothing). */
export async function findCurrentLogo(
  db: Db,
  practiceId: string,
  logoId: string,
): Promise<{ logo_content_type: string | null; logo_storage_key: string | null } | undefined> {
  return db
    .selectFrom('practices')
    .select(['logo_content_type', 'logo_storage_key'])
    .where('id', '=', practiceId)
    .where('logo_id', '=', logoId)
    .executeTakeFirst();
}

/** Which of these file-store keys are some practice's current logo (for the sweep of unreferenced files). */
export async function findReferencedLogoKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('practices')
    .select(['logo_storage_key'])
    .where('logo_storage_key', 'in', keys)
    .execute();
  return new Set(rows.flatMap((row) => (row.logo_storage_key ? [row.logo_storage_key] : [])));
}
