import { IconListDetails } from '@tabler/icons-react';
import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';
import { RequireOwner } from '../../common/guards.js';

/** The practice's audit log, for its owner. */
export const auditArea: StaffArea = {
  routes: [
    {
      element: <RequireOwner />,
      children: [{ path: '/audit', lazy: page(() => import('./AuditLogPage.js'), 'AuditLogPage') }],
    },
  ],
  nav: [
    { to: '/audit', label: 'Audit log', icon: IconListDetails, allowed: ({ staff }) => staff.roles.includes('owner') },
  ],
};
