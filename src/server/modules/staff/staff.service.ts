import type { CreatePracticeBody } from '../../../shared/schemas/auth.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { createSession, type NewSession } from '../../platform/sessions.js';
import { newId } from '../../platform/tokens.js';
import { countPractices, findPracticeBySlug, insertPractice } from '../practices/index.js';
import { findStaffByEmail, insertMembership, insertStaff } from './staff.unscoped.js';

/**
 * Creates a practice and its owner in one transaction and signs the owner in. `firstRun` is the
 * setup of an empty deployment; otherwise it is a sign-up, allowed unless ALLOW_SIGNUP=false.
 */
export async function createPracticeWithOwner(
  deps: AppDeps,
  body: CreatePracticeBody,
  meta: RequestMeta,
  mode: 'setup' | 'signup',
): Promise<{ session: NewSession; staffId: string; practiceId: string }> {
  if (mode === 'signup' && !deps.config.allowSignup) throw new AppError('signup_closed');
  const passwordHash = await hashPassword(body.owner.password);
  const now = iso(deps.clock.now());
  const practiceId = newId();
  const staffId = newId();
  await deps.db.transaction().execute(async (trx) => {
    if (mode === 'setup' && (await countPractices(trx)) > 0) throw new AppError('setup_done');
    if (await findPracticeBySlug(trx, body.practice.slug)) {
      throw new AppError('slug_taken', undefined, [{ field: 'practice.slug', message: 'is already taken' }]);
    }
    if (await findStaffByEmail(trx, body.owner.email)) {
      throw new AppError('email_taken', undefined, [{ field: 'owner.email', message: 'already has an account' }]);
    }
    await insertPractice(trx, {
      id: practiceId,
      name: body.practice.name,
      slug: body.practice.slug,
      time_zone: body.practice.timeZone,
      created_at: now,
      address: null,
      phone: null,
      logo_id: null,
      logo_storage_key: null,
      logo_content_type: null,
    });
    await insertStaff(trx, {
      id: staffId,
      practice_id: practiceId,
      name: body.owner.name,
      email: body.owner.email,
      password_hash: passwordHash,
      created_at: now,
      last_sign_in_at: now,
    });
    // The founder of a practice is usually its first clinician too.
    await insertMembership(trx, { practiceId, staffId, roles: ['owner', 'clinician'], createdAt: now });
    await audit(trx, deps.clock, { kind: 'staff-id', staffId }, meta, { action: 'practice.created', practiceId });
  });
  const session = await createSession(deps, { kind: 'staff', subjectId: staffId, practiceId, meta });
  return { session, staffId, practiceId };
}
