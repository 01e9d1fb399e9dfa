import { IconReceipt } from '@tabler/icons-react';
import { Outlet } from 'react-router';
import { grantOf, mayDo } from '../../../../shared/permissions.js';
import type { StaffArea } from '../../common/area.js';
import { ForbiddenPage } from '../../common/ForbiddenPage.js';
import { page } from '../../common/lazy-page.js';
import { useSession } from '../../common/session.js';

/** Pages for those who manage billing: owners and billers. */
function RequireBillingManager() {
  const session = useSession();
  if (!mayDo(session.staff?.roles ?? [], 'manage_billing')) return <ForbiddenPage />;
  return <Outlet />;
}

/**
 * Billing: Settings → Billing (owners and billers: the practice as it bills, its clinicians'
 * billing identities) and each client's Billing tab (diagnoses, insurance, billing address), which
 * the client's clinicians read too.
 */
export const billingArea: StaffArea = {
  nav: [
    {
      to: '/billing',
      label: 'Billing',
      icon: IconReceipt,
      allowed: ({ staff }) => grantOf(staff.roles, 'billing') !== 'none',
    },
  ],
  routes: [
    // The practice's aging: owners and billers every client, clinicians their own (the server narrows).
    { path: '/billing', lazy: page(() => import('./AgingPage.js'), 'AgingPage') },
    {
      element: <RequireBillingManager />,
      children: [
        { path: '/settings/billing', lazy: page(() => import('./BillingSettingsPage.js'), 'BillingSettingsPage') },
      ],
    },
  ],
  profileSections: [
    {
      path: 'billing',
      label: 'Billing',
      lazy: page(() => import('./ClientBillingSection.js'), 'ClientBillingSection'),
      allowed: ({ staff }) => grantOf(staff.roles, 'billing') !== 'none',
    },
  ],
};
