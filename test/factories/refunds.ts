import type { AppDeps } from '../../src/server/deps.js';
import { iso } from '../../src/server/platform/clock.js';
import { newId } from '../../src/server/platform/tokens.js';

/** A refund of part of a payment's unapplied credit, as it stands (raises the payment's refunded amount). */
export async function createRefund(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  paymentId: string,
  overrides: { amountMinor?: number; receivedOn?: string } = {},
): Promise<{ id: string }> {
  const id = newId();
  const amount = overrides.amountMinor ?? 2_000;
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payments')
      .values({
        id,
        practice_id: practiceId,
        client_id: clientId,
        kind: 'refund',
        refund_of_payment_id: paymentId,
        amount_minor: amount,
        currency: 'USD',
        received_on: overrides.receivedOn ?? '2026-03-20',
        method: 'cash',
        reference: null,
        applied_minor: 0,
        refunded_minor: 0,
        created_at: now,
        created_by: null,
      })
      .execute();
    await trx
      .updateTable('payments')
      .set((eb) => ({ refunded_minor: eb('refunded_minor', '+', amount) }))
      .where('id', '=', paymentId)
      .execute();
  });
  return { id };
}
