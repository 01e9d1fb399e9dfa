import type { StaffRole } from '../../src/server/db/schema.js';
import type { AppDeps } from '../../src/server/deps.js';
import { iso } from '../../src/server/platform/clock.js';
import { hashPassword } from '../../src/server/platform/passwords.js';
import { newId } from '../../src/server/platform/tokens.js';
import { insertMembership } from '../../src/server/modules/staff/index.js';

export const factoryPassword = 'correct horse battery staple';
let cachedHash: Promise<string> | null = null;

export interface FactoryPractice {
  id: string;
  name: string;
  slug: string;
  owner: { id: string; email: string; name: string };
}

/** A practice with an owner whose password is `factoryPassword`. */
export async function createPractice(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  overrides: { name?: string; timeZone?: string } = {},
): Promise<FactoryPractice> {
  const suffix = newId().slice(0, 8);
  const id = newId();
  const name = overrides.name ?? `Harbour Counselling ${suffix}`;
  const slug = `harbour-${suffix}`;
  await deps.db
    .insertInto('practices')
    .values({ id, name, slug, time_zone: overrides.timeZone ?? 'America/New_York', created_at: iso(deps.clock.now()) })
    .execute();
  const owner = await createStaff(deps, id, { roles: ['owner', 'clinician'], name: `Dr. Owner ${suffix}` });
  return { id, name, slug, owner };
}

export async function createStaff(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  practiceId: string,
  overrides: { roles?: readonly StaffRole[]; name?: string; email?: string } = {},
): Promise<{ id: string; email: string; name: string }> {
  cachedHash ??= hashPassword(factoryPassword);
  const id = newId();
  const email = overrides.email ?? `staff-${id.slice(0, 8)}@example.test`;
  const name = overrides.name ?? `Clinician ${id.slice(0, 4)}`;
  await deps.db
    .insertInto('staff_users')
    .values({
      id,
      practice_id: practiceId,
      name,
      email,
      password_hash: await cachedHash,
      created_at: iso(deps.clock.now()),
      last_sign_in_at: null,
    })
    .execute();
  await insertMembership(deps.db, {
    practiceId,
    staffId: id,
    roles: overrides.roles ?? ['clinician'],
    createdAt: iso(deps.clock.now()),
  });
  return { id, email, name };
}
