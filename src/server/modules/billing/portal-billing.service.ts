import type { PortalBalance, PortalBalances, PortalBilling } from '../../../shared/schemas/portal-billing.js';
import { auditIn } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { ClientContext, Context } from '../../platform/request-context.js';
import { effectiveBillingSettings } from './billing-blocks.js';
import { invoiceFigures } from './invoices.figures.js';
import {
  creditsByCurrency,
  listPortalBillingDocuments,
  listPortalInvoices,
  listPortalPayments,
  openBalancesByCurrency,
} from './portal-billing.queries.js';

/** The portal's answer while the client's permission Access billing documents is off (or the portal is). */
export function billingOff(): AppError {
  return new AppError('forbidden', 'Billing is not available.', undefined, 'billing_off');
}

/**
 * One balance per currency from what the open invoices ask and what the payments hold as credit
 * (decision 040: balance = Σ open − Σ credit). Currencies that net to nothing are left out; with
 * nothing owed or held at all, the practice's currency at zero.
 */
async function balancesOf(
  ctx: Context,
  open: ReadonlyMap<string, number>,
  credit: ReadonlyMap<string, number>,
): Promise<PortalBalance[]> {
  const currencies = [...new Set([...open.keys(), ...credit.keys()])].sort();
  const balances = currencies
    .map((currency) => {
      const net = (open.get(currency) ?? 0) - (credit.get(currency) ?? 0);
      return { currency, dueMinor: Math.max(0, net), creditMinor: Math.max(0, -net) };
    })
    .filter((balance) => balance.dueMinor > 0 || balance.creditMinor > 0);
  if (balances.length > 0) return balances;
  const { currency } = await effectiveBillingSettings(ctx);
  return [{ currency, dueMinor: 0, creditMinor: 0 }];
}

/** Home's tile: what the signed-in client owes. Audit-logged like every view of their billing. */
export async function getPortalBalances(ctx: ClientContext): Promise<PortalBalances> {
  const { clientId } = ctx.actor;
  const [open, credit] = await Promise.all([openBalancesByCurrency(ctx, clientId), creditsByCurrency(ctx, clientId)]);
  const balances = await balancesOf(ctx, open, credit);
  await auditIn(ctx, { action: 'billing.portal_balance_viewed', clientId });
  return { balances };
}

/**
 * The Billing page of the signed-in client: their balance, invoices (a void one too, saying which
 * invoice corrected it), statements and superbills, and payment history. Audit-logged.
 */
export async function getPortalBilling(ctx: ClientContext): Promise<PortalBilling> {
  const { clientId } = ctx.actor;
  const [invoices, documents, payments] = await Promise.all([
    listPortalInvoices(ctx, clientId),
    listPortalBillingDocuments(ctx, clientId),
    listPortalPayments(ctx, clientId),
  ]);
  const open = new Map<string, number>();
  for (const invoice of invoices) {
    if (invoice.voided_at !== null) continue;
    open.set(invoice.currency, (open.get(invoice.currency) ?? 0) + invoice.total_minor - invoice.paid_minor);
  }
  const credit = new Map<string, number>();
  for (const payment of payments) {
    if (payment.kind !== 'payment') continue;
    const held = payment.amount_minor - payment.applied_minor - payment.refunded_minor;
    credit.set(payment.currency, (credit.get(payment.currency) ?? 0) + held);
  }
  const balances = await balancesOf(ctx, open, credit);
  await auditIn(ctx, {
    action: 'billing.portal_viewed',
    clientId,
    details: { invoices: invoices.length, documents: documents.length, payments: payments.length },
  });
  return {
    balances,
    invoices: invoices.map(invoiceFigures),
    documents: documents.map((row) => ({
      id: row.id,
      kind: row.kind,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      createdAt: row.created_at,
    })),
    payments: payments.map((row) => ({
      id: row.id,
      kind: row.kind,
      receivedOn: row.received_on,
      method: row.method,
      currency: row.currency,
      amountMinor: row.amount_minor,
    })),
  };
}
