import type { ClientBilling, ClientBillingBody } from '../../../shared/schemas/billing.js';
import { mayDo } from '../../../shared/permissions.js';
import { auditIn } from '../../platform/audit.js';
import { iso } from '../../platform/clock.js';
import type { StaffContext } from '../../platform/request-context.js';
import { getClient } from '../clients/index.js';
import {
  findClientBillingProfile,
  listClientDiagnoses,
  replaceClientDiagnoses,
  saveClientBillingProfile,
} from './billing.queries.js';

async function readClientBilling(ctx: StaffContext, clientId: string): Promise<ClientBilling> {
  const [profile, diagnoses] = await Promise.all([
    findClientBillingProfile(ctx, clientId),
    listClientDiagnoses(ctx, clientId),
  ]);
  return {
    clientId,
    diagnoses: diagnoses.map((row) => ({ code: row.code, description: row.description })),
    payerName: profile?.payer_name ?? null,
    memberId: profile?.member_id ?? null,
    billingAddress: profile?.billing_address ?? null,
    editable: mayDo(ctx.actor.roles, 'manage_billing'),
  };
}

/**
 * A client's Billing tab, audited. The context carries the caller's billing reach, so a client of
 * another practice or not assigned to a clinician is not found.
 */
export async function getClientBilling(ctx: StaffContext, clientId: string): Promise<ClientBilling> {
  await getClient(ctx, clientId);
  const billing = await readClientBilling(ctx, clientId);
  await auditIn(ctx, { action: 'billing.client_viewed', clientId });
  return billing;
}

/** Saves the client's diagnoses (in order), insurance and billing address in one transaction. */
export async function updateClientBilling(
  ctx: StaffContext,
  clientId: string,
  body: ClientBillingBody,
): Promise<ClientBilling> {
  return ctx.inTransaction(async (tx) => {
    await getClient(tx, clientId);
    await saveClientBillingProfile(tx, {
      client_id: clientId,
      payer_name: body.payerName,
      member_id: body.memberId,
      billing_address: body.billingAddress,
      updated_at: iso(tx.clock.now()),
    });
    await replaceClientDiagnoses(tx, clientId, body.diagnoses);
    await auditIn(tx, {
      action: 'billing.client_updated',
      clientId,
      details: { diagnoses: body.diagnoses.length },
    });
    return readClientBilling(tx, clientId);
  });
}
