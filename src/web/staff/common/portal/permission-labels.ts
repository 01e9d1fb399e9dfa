import type { PortalPermissions } from '../../../../shared/schemas/portal-access.js';

export type PermissionKey = keyof PortalPermissions;

export const permissionFields: { key: PermissionKey; label: string; description: string }[] = [
  {
    key: 'appointments',
    label: 'Allow online appointment requests',
    description: 'Request appointments from the practice’s online availability.',
  },
  {
    key: 'messaging',
    label: 'Use secure messaging',
    description: 'Send and receive secure messages with the practice.',
  },
  {
    key: 'billing',
    label: 'Access billing documents',
    description: 'See the balance due and payment history, and download invoices, statements and superbills.',
  },
  { key: 'pay', label: 'Pay outstanding balance', description: 'Pay invoices online by card.' },
];

export const payNeedsBilling = 'Paying needs Access billing documents to be on as well.';
