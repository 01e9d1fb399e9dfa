import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { PracticesTable } from '../../db/schema.js';

/**
 * The practice queries no signed-in session scopes: finding a portal by its address before
 * anyone is signed in, and creating a practice. Everything else takes a Scope.
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
