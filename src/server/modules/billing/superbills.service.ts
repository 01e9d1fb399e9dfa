import type {
  BillingDocumentBody,
  BillingDocumentSummary,
  SuperbillSnapshot,
} from '../../../shared/schemas/billing-documents.js';
import type { ProviderBlock } from '../../../shared/schemas/billing-snapshots.js';
import type { Context } from '../../platform/request-context.js';
import { getClient } from '../clients/index.js';
import { clientBlockNow, effectiveBillingSettings, providerBlockNow } from './billing-blocks.js';
import { listLinesOfInvoicesServedIn } from './billing-documents.queries.js';
import { practiceToday } from './billing-dates.js';
import { storeBillingDocument } from './billing-documents.service.js';
import { signingClinicianOf, superbillLinesOf, type RenderingClinician } from './superbills.lines.js';

type Clinician = NonNullable<ProviderBlock['clinician']>;

/**
 * A superbill for the client and range (decision 041): the practice as billing provider (boxes
 * 25, 32, 33), the services dated in the range with each line's rendering NPI (24J), the client's
 * diagnoses (21) and what was paid (29), signed by the clinician who rendered most of them (31).
 * Computed from the ledger and stored with its snapshot in one transaction.
 */
export async function createSuperbill(
  ctx: Context,
  clientId: string,
  body: BillingDocumentBody,
): Promise<BillingDocumentSummary> {
  return ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    const range = { start: body.periodStart, end: body.periodEnd };
    const { currency } = await effectiveBillingSettings(tx);
    const ledger = await listLinesOfInvoicesServedIn(tx, clientId, currency, range.start, range.end);
    const signingId = signingClinicianOf(ledger, range);
    const provider = await providerBlockNow(tx, signingId);
    const client = await clientBlockNow(tx, clientId);

    const clinicianIds = new Set(
      ledger
        .filter(
          (line) =>
            line.kind === 'service' &&
            line.cpt_code !== null &&
            line.date_of_service >= range.start &&
            line.date_of_service <= range.end,
        )
        .flatMap((line) => (line.clinician_id === null ? [] : [line.clinician_id])),
    );
    const clinicians = new Map<string, Clinician>();
    if (provider.clinician) clinicians.set(provider.clinician.staffId, provider.clinician);
    for (const id of clinicianIds) {
      if (clinicians.has(id)) continue;
      const block = await providerBlockNow(tx, id);
      if (block.clinician) clinicians.set(id, block.clinician);
    }
    const rendering = new Map<string, RenderingClinician>(
      [...clinicians].map(([id, c]) => [id, { name: c.name, npi: c.npi }]),
    );

    const lines = superbillLinesOf(ledger, range, client.diagnoses.length, rendering);
    const issuedOn = await practiceToday(tx);
    const snapshot: SuperbillSnapshot = {
      kind: 'superbill',
      periodStart: range.start,
      periodEnd: range.end,
      issuedOn,
      currency,
      provider,
      renderingClinicians: [...clinicians.values()],
      client,
      lines,
      totalChargeMinor: lines.reduce((sum, line) => sum + line.chargeMinor, 0),
      totalPaidMinor: lines.reduce((sum, line) => sum + line.paidMinor, 0),
      signature: { name: signatureName(provider), date: issuedOn },
    };
    return storeBillingDocument(tx, snapshot);
  });
}

/** Box 31: the clinician with their credentials, else the practice's legal name. */
function signatureName(provider: ProviderBlock): string {
  const clinician = provider.clinician;
  if (!clinician) return provider.legalName;
  return clinician.credentials ? `${clinician.name}, ${clinician.credentials}` : clinician.name;
}
