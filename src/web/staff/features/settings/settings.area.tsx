import { IconSettings } from '@tabler/icons-react';
import { Navigate } from 'react-router';
import type { StaffArea } from '../../common/area.js';
import { RequireOwner } from '../../common/guards.js';
import { PortalSettingsPage } from './PortalSettingsPage.js';

/** The practice's settings, for its owner: the Client Portal and secure messaging. */
export const settingsArea: StaffArea = {
  routes: [
    {
      element: <RequireOwner />,
      children: [
        { path: '/settings', element: <Navigate to="/settings/portal" replace /> },
        { path: '/settings/portal', element: <PortalSettingsPage /> },
      ],
    },
  ],
  nav: [{ to: '/settings', label: 'Settings', icon: IconSettings, allowed: ({ staff }) => staff.role === 'owner' }],
};
