import { IconReceipt } from '@tabler/icons-react';
import type { PortalArea } from '../../common/area.js';
import { portalPaths } from '../../common/paths.js';
import { signedInPage } from '../../common/signed-in-pages.js';

const billingPage = signedInPage(() => import('./BillingPage.js'));

/** Billing: balance, invoices, statements and superbills, payments; for clients with Access billing documents. */
export const billingArea: PortalArea = {
  signedInRoutes: [{ path: 'billing', lazy: async () => ({ Component: (await billingPage()).BillingPage }) }],
  nav: [
    {
      path: portalPaths.billing,
      label: 'Billing',
      icon: IconReceipt,
      allowed: (me) => me.permissions.billing,
    },
  ],
};
