import type { Db } from '../../db/database.js';
import type { PracticesTable } from '../../db/schema.js';
import type { PracticeScope } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';

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

export async function getPractice(db: Db, scope: PracticeScope): Promise<PracticesTable> {
  const practice = await db.selectFrom('practices').selectAll().where('id', '=', scope.practiceId).executeTakeFirst();
  if (!practice) throw notFound();
  return practice;
}

export async function insertPractice(db: Db, practice: PracticesTable): Promise<void> {
  await db.insertInto('practices').values(practice).execute();
}
