import type { AppDeps } from '../../src/server/deps.js';
import {
  replaceClientDiagnoses,
  saveClientBillingProfile,
  saveClinicianIdentity,
} from '../../src/server/modules/billing/billing.queries.js';
import { iso } from '../../src/server/platform/clock.js';
import { systemContext } from '../../src/server/platform/request-context.js';

/** A client's billing: two diagnoses, an insurer and a billing address (each overridable). */
export async function createClientBilling(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  overrides: {
    diagnoses?: readonly { code: string; description: string }[];
    payerName?: string | null;
    memberId?: string | null;
    billingAddress?: string | null;
  } = {},
): Promise<void> {
  const ctx = systemContext(deps, practiceId);
  await ctx.inTransaction(async (tx) => {
    await saveClientBillingProfile(tx, {
      client_id: clientId,
      payer_name: overrides.payerName === undefined ? 'Blue Harbor Health' : overrides.payerName,
      member_id: overrides.memberId === undefined ? 'BHH-4471902' : overrides.memberId,
      billing_address:
        overrides.billingAddress === undefined ? '12 Wharf Road\nSalem, MA 01970' : overrides.billingAddress,
      updated_at: iso(deps.clock.now()),
    });
    await replaceClientDiagnoses(
      tx,
      clientId,
      overrides.diagnoses ?? [
        { code: 'F41.1', description: 'Generalized anxiety disorder' },
        { code: 'F32.1', description: 'Major depressive disorder, single episode, moderate' },
      ],
    );
  });
}

/** A clinician's billing identity (default: LCSW, NPI 1234567893, license 118822 in MA). */
export async function createClinicianBilling(
  deps: AppDeps,
  practiceId: string,
  staffId: string,
  overrides: { credentials?: string; npi?: string; licenseNumber?: string; licenseState?: string } = {},
): Promise<void> {
  await saveClinicianIdentity(systemContext(deps, practiceId), {
    staff_id: staffId,
    credentials: overrides.credentials ?? 'LCSW',
    npi: overrides.npi ?? '1234567893',
    license_number: overrides.licenseNumber ?? '118822',
    license_state: overrides.licenseState ?? 'MA',
    updated_at: iso(deps.clock.now()),
  });
}
