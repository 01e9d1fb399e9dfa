import { IconListDetails } from '@tabler/icons-react';
import type { StaffArea } from '../../common/area.js';
import { RequireOwner } from '../../common/guards.js';
import { AuditLogPage } from './AuditLogPage.js';

/** The practice's audit log, for its owner. */
export const auditArea: StaffArea = {
  routes: [{ element: <RequireOwner />, children: [{ path: '/audit', element: <AuditLogPage /> }] }],
  nav: [
    { to: '/audit', label: 'Audit log', icon: IconListDetails, allowed: ({ staff }) => staff.roles.includes('owner') },
  ],
};
