import type {
  BillingSettings,
  BillingSettingsBody,
  BillingSetup,
  ClinicianBilling,
  ClinicianBillingBody,
} from '../../../shared/schemas/billing.js';
import { formatPhone, phoneMessage, phoneRegionForTimeZone, toE164 } from '../../../shared/phone.js';
import type { ClinicianBillingIdentitiesTable, PracticeBillingSettingsTable, PracticesTable } from '../../db/schema.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { StaffContext } from '../../platform/request-context.js';
import { getPractice } from '../practices/index.js';
import { findStaffMember, listClinicians } from '../staff/index.js';
import { defaultBillingSettings } from './billing.defaults.js';
import {
  findBillingSettings,
  findClinicianIdentity,
  listClinicianIdentities,
  saveBillingSettings,
  saveClinicianIdentity,
} from './billing.queries.js';

function toBillingSettings(
  row: PracticeBillingSettingsTable,
  practice: PracticesTable,
  saved: boolean,
): BillingSettings {
  return {
    legalName: row.legal_name,
    address: row.address,
    phone: row.phone,
    phoneDisplay: row.phone ? formatPhone(row.phone, phoneRegionForTimeZone(practice.time_zone)) : null,
    taxId: row.tax_id,
    groupNpi: row.group_npi,
    currency: row.currency,
    invoicePrefix: row.invoice_prefix,
    paymentTermsDays: row.payment_terms_days,
    invoiceMode: row.invoice_mode,
    lateCancelFeeMinor: row.late_cancel_fee_minor,
    noShowFeeMinor: row.no_show_fee_minor,
    saved,
  };
}

function toClinicianBilling(
  member: { id: string; name: string },
  row: ClinicianBillingIdentitiesTable | undefined,
): ClinicianBilling {
  return {
    staffId: member.id,
    name: member.name,
    credentials: row?.credentials ?? null,
    npi: row?.npi ?? null,
    licenseNumber: row?.license_number ?? null,
    licenseState: row?.license_state ?? null,
  };
}

/** Settings → Billing: the practice's billing settings (its defaults while none are saved) and its clinicians. */
export async function getBillingSetup(ctx: StaffContext): Promise<BillingSetup> {
  const [practice, saved, clinicians, identities] = await Promise.all([
    getPractice(ctx),
    findBillingSettings(ctx),
    listClinicians(ctx),
    listClinicianIdentities(ctx),
  ]);
  await auditIn(ctx, { action: 'billing.settings_viewed' });
  const byStaff = new Map(identities.map((row) => [row.staff_id, row]));
  return {
    settings: toBillingSettings(saved ?? defaultBillingSettings(practice, iso(ctx.clock.now())), practice, !!saved),
    clinicians: clinicians.map((member) => toClinicianBilling(member, byStaff.get(member.id))),
  };
}

/** Saves the practice's billing settings; the phone is parsed in the region of its time zone. */
export async function updateBillingSettings(ctx: StaffContext, body: BillingSettingsBody): Promise<BillingSetup> {
  await ctx.inTransaction(async (tx) => {
    const practice = await getPractice(tx);
    const phone = body.phone === null ? null : toE164(body.phone, phoneRegionForTimeZone(practice.time_zone));
    if (body.phone !== null && phone === null) {
      throw new AppError('validation_failed', undefined, [{ field: 'phone', message: phoneMessage }]);
    }
    await saveBillingSettings(tx, {
      legal_name: body.legalName,
      address: body.address,
      phone,
      tax_id: body.taxId,
      group_npi: body.groupNpi,
      currency: body.currency,
      invoice_prefix: body.invoicePrefix,
      payment_terms_days: body.paymentTermsDays,
      invoice_mode: body.invoiceMode,
      late_cancel_fee_minor: body.lateCancelFeeMinor,
      no_show_fee_minor: body.noShowFeeMinor,
      updated_at: iso(tx.clock.now()),
    });
    await auditIn(tx, { action: 'billing.settings_updated', details: { currency: body.currency } });
  });
  return getBillingSetup(ctx);
}

/**
 * Saves a clinician's billing identity. The id must be an active member of the practice with the
 * clinician role; anyone else (another practice's member too) is not found.
 */
export async function updateClinicianBilling(
  ctx: StaffContext,
  staffId: string,
  body: ClinicianBillingBody,
): Promise<ClinicianBilling> {
  return ctx.inTransaction(async (tx) => {
    const member = await findStaffMember(tx, staffId);
    if (!member || member.status !== 'active' || !member.roles.includes('clinician')) throw notFound();
    await saveClinicianIdentity(tx, {
      staff_id: staffId,
      credentials: body.credentials,
      npi: body.npi,
      license_number: body.licenseNumber,
      license_state: body.licenseState,
      updated_at: iso(tx.clock.now()),
    });
    await auditIn(tx, { action: 'billing.clinician_updated', details: { staffId } });
    return toClinicianBilling(member, await findClinicianIdentity(tx, staffId));
  });
}
