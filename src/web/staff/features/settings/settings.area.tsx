import { IconSettings } from '@tabler/icons-react';
import { Navigate } from 'react-router';
import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';
import { RequireOwner, TWO_FACTOR_SETUP_PATH } from '../../common/guards.js';
import { useSignedIn } from '../../common/session.js';

/** Settings opens on the practice for its owner, and on their own account for everyone else. */
function SettingsHome() {
  const { staff } = useSignedIn();
  return <Navigate to={staff.roles.includes('owner') ? '/settings/practice' : '/settings/account'} replace />;
}

/**
 * The settings: the Practice profile (every staff member sees it; its owner changes it), My
 * account and Security (each staff member's own), the Team and the Client Portal permissions (the
 * owners'), the page an emailed team invitation opens, and the two-factor set-up a practice that
 * requires it sends its members to.
 */
export const settingsArea: StaffArea = {
  openRoutes: [
    { path: '/confirm-email', lazy: page(() => import('./ConfirmEmailPage.js'), 'ConfirmEmailPage') },
    { path: '/accept-invitation', lazy: page(() => import('./AcceptInvitationPage.js'), 'AcceptInvitationPage') },
    // Outside the app's shell: a session limited to setting up two-factor sees only this.
    { path: TWO_FACTOR_SETUP_PATH, lazy: page(() => import('./TwoFactorRequiredPage.js'), 'TwoFactorRequiredPage') },
  ],
  routes: [
    { path: '/settings', element: <SettingsHome /> },
    { path: '/settings/practice', lazy: page(() => import('./PracticeProfilePage.js'), 'PracticeProfilePage') },
    { path: '/settings/account', lazy: page(() => import('./MyAccountPage.js'), 'MyAccountPage') },
    { path: '/settings/security', lazy: page(() => import('./SecurityPage.js'), 'SecurityPage') },
    {
      element: <RequireOwner />,
      children: [
        { path: '/settings/team', lazy: page(() => import('./TeamPage.js'), 'TeamPage') },
        { path: '/settings/portal', lazy: page(() => import('./PortalSettingsPage.js'), 'PortalSettingsPage') },
        { path: '/settings/services', lazy: page(() => import('./ServicesPage.js'), 'ServicesPage') },
      ],
    },
  ],
  nav: [{ to: '/settings', label: 'Settings', icon: IconSettings }],
};
