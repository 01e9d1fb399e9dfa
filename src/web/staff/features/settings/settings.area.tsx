import { IconSettings } from '@tabler/icons-react';
import { Navigate } from 'react-router';
import type { StaffArea } from '../../common/area.js';
import { RequireOwner } from '../../common/guards.js';
import { useSignedIn } from '../../common/session.js';
import { AcceptInvitationPage } from './AcceptInvitationPage.js';
import { ConfirmEmailPage } from './ConfirmEmailPage.js';
import { MyAccountPage } from './MyAccountPage.js';
import { PortalSettingsPage } from './PortalSettingsPage.js';
import { PracticeProfilePage } from './PracticeProfilePage.js';
import { TeamPage } from './TeamPage.js';

/** Settings opens on the practice for its owner, and on their own account for everyone else. */
function SettingsHome() {
  const { staff } = useSignedIn();
  return <Navigate to={staff.roles.includes('owner') ? '/settings/practice' : '/settings/account'} replace />;
}

/**
 * The settings: the Practice profile (every staff member sees it; its owner changes it), My
 * account (each staff member's own), the Team and the Client Portal permissions (the owners'),
 * and the page an emailed team invitation opens.
 */
export const settingsArea: StaffArea = {
  openRoutes: [
    { path: '/confirm-email', element: <ConfirmEmailPage /> },
    { path: '/accept-invitation', element: <AcceptInvitationPage /> },
  ],
  routes: [
    { path: '/settings', element: <SettingsHome /> },
    { path: '/settings/practice', element: <PracticeProfilePage /> },
    { path: '/settings/account', element: <MyAccountPage /> },
    {
      element: <RequireOwner />,
      children: [
        { path: '/settings/team', element: <TeamPage /> },
        { path: '/settings/portal', element: <PortalSettingsPage /> },
      ],
    },
  ],
  nav: [{ to: '/settings', label: 'Settings', icon: IconSettings }],
};
