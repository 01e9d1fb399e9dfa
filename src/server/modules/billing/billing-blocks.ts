import type { ClientBlock, ProviderBlock } from '../../../shared/schemas/billing-snapshots.js';
import { formatPhone, phoneRegionForTimeZone } from '../../../shared/phone.js';
import type { PracticeBillingSettingsTable } from '../../db/schema.js';
import { iso } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import type { Context } from '../../platform/request-context.js';
import { findClient } from '../clients/index.js';
import { getPractice } from '../practices/index.js';
import { findStaffMember } from '../staff/index.js';
import { defaultBillingSettings } from './billing.defaults.js';
import {
  findBillingSettings,
  findClientBillingProfile,
  findClinicianIdentity,
  listClientDiagnoses,
} from './billing.queries.js';

const pointers = 'ABCDEFGHIJKL';

/** The practice's billing settings as they apply now: its saved row, else the defaults. */
export async function effectiveBillingSettings(ctx: Context): Promise<PracticeBillingSettingsTable> {
  const saved = await findBillingSettings(ctx);
  if (saved) return saved;
  return defaultBillingSettings(await getPractice(ctx), iso(ctx.clock.now()));
}

/** The provider block of a document issued now, for the clinician who rendered the care (or none). */
export async function providerBlockNow(ctx: Context, clinicianId: string | null): Promise<ProviderBlock> {
  const practice = await getPractice(ctx);
  const settings = await effectiveBillingSettings(ctx);
  let clinician: ProviderBlock['clinician'] = null;
  if (clinicianId !== null) {
    const member = await findStaffMember(ctx, clinicianId);
    const identity = await findClinicianIdentity(ctx, clinicianId);
    if (member) {
      clinician = {
        staffId: clinicianId,
        name: member.name,
        credentials: identity?.credentials ?? null,
        npi: identity?.npi ?? null,
        licenseNumber: identity?.license_number ?? null,
        licenseState: identity?.license_state ?? null,
      };
    }
  }
  return {
    practiceName: practice.name,
    legalName: settings.legal_name ?? practice.name,
    address: settings.address,
    phone: settings.phone ? formatPhone(settings.phone, phoneRegionForTimeZone(practice.time_zone)) : null,
    taxId: settings.tax_id,
    groupNpi: settings.group_npi,
    clinician,
  };
}

/** The client block of a document issued now: name, date of birth, insurance, billing address, diagnoses. */
export async function clientBlockNow(ctx: Context, clientId: string): Promise<ClientBlock> {
  const client = await findClient(ctx, clientId);
  if (!client) throw notFound();
  const profile = await findClientBillingProfile(ctx, clientId);
  const diagnoses = await listClientDiagnoses(ctx, clientId);
  return {
    clientId,
    name: `${client.first_name} ${client.last_name}`,
    dateOfBirth: client.date_of_birth,
    billingAddress: profile?.billing_address ?? null,
    payerName: profile?.payer_name ?? null,
    memberId: profile?.member_id ?? null,
    diagnoses: diagnoses.map((d, i) => ({ pointer: pointers[i] ?? '', code: d.code, description: d.description })),
  };
}
