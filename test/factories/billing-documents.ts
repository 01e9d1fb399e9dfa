import type { AppDeps } from '../../src/server/deps.js';
import { createStatement } from '../../src/server/modules/billing/statements.service.js';
import { createSuperbill } from '../../src/server/modules/billing/superbills.service.js';
import { factoryStaffContext } from './contexts.js';

/**
 * A statement or superbill of the client, issued by the practice's owner for a range (default:
 * March 2026) from whatever the ledger holds.
 */
export async function createBillingDocument(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  kind: 'statement' | 'superbill',
  range: { periodStart: string; periodEnd: string } = { periodStart: '2026-03-01', periodEnd: '2026-03-31' },
): Promise<{ id: string }> {
  const ctx = await factoryStaffContext(deps, practiceId);
  const created =
    kind === 'statement' ? await createStatement(ctx, clientId, range) : await createSuperbill(ctx, clientId, range);
  return { id: created.id };
}
