import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../src/server/db/schema.js';
import { roleFlags } from '../src/server/modules/staff/index.js';

export interface SeedStaff {
  id: string;
  name: string;
  email: string;
  roles: readonly StaffRole[];
}

export interface SeedPractice {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  staff: SeedStaff[];
}

/**
 * Inserts a practice and its staff. The caller hashes the password once: argon2 takes ~50 ms by
 * design, far too slow to repeat per user when seeding many practices.
 */
export async function insertPractice(
  db: Kysely<Database>,
  input: {
    name: string;
    slug: string;
    timeZone: string;
    passwordHash: string;
    staff: readonly { name: string; email: string; roles: readonly StaffRole[] }[];
    now: Date;
  },
): Promise<SeedPractice> {
  const id = randomUUID();
  const createdAt = input.now.toISOString();
  await db
    .insertInto('practices')
    .values({ id, name: input.name, slug: input.slug, time_zone: input.timeZone, created_at: createdAt })
    .execute();
  const staff = input.staff.map((member) => ({ id: randomUUID(), ...member }));
  await db
    .insertInto('staff_users')
    .values(
      staff.map((member) => ({
        id: member.id,
        practice_id: id,
        name: member.name,
        email: member.email,
        password_hash: input.passwordHash,
        created_at: createdAt,
        last_sign_in_at: null,
      })),
    )
    .execute();
  await db
    .insertInto('staff_memberships')
    .values(
      staff.map((member) => ({
        practice_id: id,
        staff_id: member.id,
        ...roleFlags(member.roles),
        status: 'active' as const,
        created_at: createdAt,
        deactivated_at: null,
      })),
    )
    .execute();
  return { id, name: input.name, slug: input.slug, timeZone: input.timeZone, staff };
}
