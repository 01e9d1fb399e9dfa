import type { PaymentMethodName, StaffPaymentMethod } from '../../../../shared/schemas/billing-payments.js';

/** How each method is named to staff. */
export const paymentMethodLabels: Record<PaymentMethodName, string> = {
  cash: 'Cash',
  check: 'Check',
  card: 'Card (outside Portico)',
  insurance: 'Insurance',
  online: 'Online',
};

export const staffMethodOptions: { value: StaffPaymentMethod; label: string }[] = (
  ['cash', 'check', 'card', 'insurance'] as const
).map((value) => ({ value, label: paymentMethodLabels[value] }));
