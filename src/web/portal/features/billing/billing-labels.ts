import type { PortalBalance, PortalInvoiceStatus, PortalPayment } from '../../../../shared/schemas/portal-billing.js';
import { formatMoney } from '../../../../shared/money.js';

export const invoiceStatusLabels: Record<PortalInvoiceStatus, { label: string; color: string }> = {
  open: { label: 'Open', color: 'yellow' },
  paid: { label: 'Paid', color: 'green' },
  void: { label: 'Void', color: 'gray' },
};

export const methodLabels: Record<PortalPayment['method'], string> = {
  cash: 'Cash',
  check: 'Check',
  card: 'Card',
  insurance: 'Insurance',
  online: 'Online',
};

export const documentKindLabels = { statement: 'Statement', superbill: 'Superbill' } as const;

/** What the client owes, in each currency they were billed in: "$130.00", or "$130.00 and €20.00". */
export function balanceDueText(balances: readonly PortalBalance[]): string {
  return balances.map((b) => formatMoney(b.dueMinor, b.currency)).join(' and ');
}

/** Credit the client holds beyond what they owe, or null: "$20.00". */
export function creditText(balances: readonly PortalBalance[]): string | null {
  const held = balances.filter((b) => b.creditMinor > 0);
  return held.length === 0 ? null : held.map((b) => formatMoney(b.creditMinor, b.currency)).join(' and ');
}
