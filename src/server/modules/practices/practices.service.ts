import { formatPhone, phoneMessage, phoneRegionForTimeZone, toE164 } from '../../../shared/phone.js';
import type { PracticeProfile, PracticeProfileBody } from '../../../shared/schemas/settings.js';
import type { PracticesTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { auditIn } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { newFileKey } from '../../platform/file-store.js';
import type { Scope, StaffContext } from '../../platform/request-context.js';
import { newId } from '../../platform/tokens.js';
import { logoUrl } from './practices.logo.js';
import { getPractice, updatePractice, type PracticeChanges } from './practices.queries.js';
import { findPracticeBySlug } from './practices.unscoped.js';

export function toPracticeProfile(deps: Pick<AppDeps, 'config'>, row: PracticesTable): PracticeProfile {
  return {
    name: row.name,
    address: row.address,
    phone: row.phone,
    phoneDisplay: row.phone ? formatPhone(row.phone, phoneRegionForTimeZone(row.time_zone)) : null,
    timeZone: row.time_zone,
    slug: row.slug,
    portalUrl: `${deps.config.publicUrl}/portal/${row.slug}`,
    logoUrl: logoUrl(deps, row),
  };
}

export async function getPracticeProfile(ctx: Scope & { deps: AppDeps }): Promise<PracticeProfile> {
  return toPracticeProfile(ctx.deps, await getPractice(ctx));
}

const fieldNames: Record<keyof PracticeChanges, string> = {
  name: 'name',
  address: 'address',
  phone: 'phone',
  time_zone: 'timeZone',
  slug: 'slug',
  logo_id: 'logo',
  logo_storage_key: 'logo',
  logo_content_type: 'logo',
};

/**
 * Saves the practice's name, address, phone, time zone and portal address. The phone is parsed in
 * the region of the (new) time zone and stored in E.164; the portal address must be free. One
 * audit row names the fields that changed; a new portal address is audited with the old one.
 */
export async function updatePracticeProfile(ctx: StaffContext, body: PracticeProfileBody): Promise<PracticeProfile> {
  const phone = body.phone === null ? null : toE164(body.phone, phoneRegionForTimeZone(body.timeZone));
  if (body.phone !== null && phone === null) {
    throw new AppError('validation_failed', undefined, [{ field: 'phone', message: phoneMessage }]);
  }
  return ctx.inTransaction(async (tx) => {
    const current = await getPractice(tx);
    const next: PracticeChanges = {
      name: body.name,
      address: body.address,
      phone,
      time_zone: body.timeZone,
      slug: body.slug,
    };
    const changed = (Object.keys(next) as (keyof PracticeChanges)[]).filter((key) => next[key] !== current[key]);
    if (changed.length === 0) return toPracticeProfile(tx.deps, current);
    if (changed.includes('slug')) {
      const holder = await findPracticeBySlug(tx.db, body.slug);
      if (holder && holder.id !== current.id) {
        throw new AppError('slug_taken', undefined, [{ field: 'slug', message: 'is already taken' }]);
      }
    }
    await updatePractice(tx, next);
    await auditIn(tx, {
      action: 'practice.profile_updated',
      details: { fields: changed.map((key) => fieldNames[key]).join(', ') },
    });
    if (changed.includes('slug')) {
      await auditIn(tx, { action: 'practice.portal_address_changed', details: { from: current.slug, to: body.slug } });
    }
    return toPracticeProfile(tx.deps, { ...current, ...next });
  });
}

/**
 * Stores a new logo (its type already read from its bytes) and makes it the practice's. The file
 * is written first; the row and its audit row land together; the old file goes once nothing names
 * it. A file whose row never landed is removed by the hourly sweep of unreferenced files.
 */
export async function replaceLogo(
  ctx: StaffContext,
  logo: { data: Buffer; contentType: string },
): Promise<PracticeProfile> {
  const logoId = newId();
  const key = newFileKey(ctx.practiceId, 'logos', logoId);
  await ctx.deps.files.put(key, logo.data, {
    contentType: logo.contentType,
    size: logo.data.length,
  });
  const { previous, profile } = await ctx.inTransaction(async (tx) => {
    const current = await getPractice(tx);
    await updatePractice(tx, { logo_id: logoId, logo_storage_key: key, logo_content_type: logo.contentType });
    await auditIn(tx, {
      action: current.logo_id ? 'practice.logo_replaced' : 'practice.logo_added',
      details: { contentType: logo.contentType, sizeBytes: logo.data.length },
    });
    return {
      previous: current.logo_storage_key,
      profile: toPracticeProfile(tx.deps, { ...current, logo_id: logoId, logo_content_type: logo.contentType }),
    };
  });
  if (previous) await ctx.deps.files.delete(previous);
  return profile;
}

/** Removes the practice's logo: the portal and emails show its monogram again. */
export async function removeLogo(ctx: StaffContext): Promise<PracticeProfile> {
  const { previous, profile } = await ctx.inTransaction(async (tx) => {
    const current = await getPractice(tx);
    if (!current.logo_id) return { previous: null, profile: toPracticeProfile(tx.deps, current) };
    await updatePractice(tx, { logo_id: null, logo_storage_key: null, logo_content_type: null });
    await auditIn(tx, { action: 'practice.logo_removed' });
    return {
      previous: current.logo_storage_key,
      profile: toPracticeProfile(tx.deps, { ...current, logo_id: null, logo_content_type: null }),
    };
  });
  if (previous) await ctx.deps.files.delete(previous);
  return profile;
}
