import { Outlet } from 'react-router';
import { calendarReach } from '../../../../shared/permissions.js';
import type { StaffArea } from '../../common/area.js';
import { ForbiddenPage } from '../../common/ForbiddenPage.js';
import { page } from '../../common/lazy-page.js';
import { useSignedIn } from '../../common/session.js';

/** Owners, schedulers and clinicians: those with a calendar whose hours they keep. */
function RequireCalendar() {
  const { staff } = useSignedIn();
  if (calendarReach(staff.roles) === 'none') return <ForbiddenPage />;
  return <Outlet />;
}

/**
 * Availability: Settings → Availability, a clinician's weekly hours (what clients may request
 * online) and time off. Clinicians keep their own; owners and schedulers pick any clinician.
 */
export const availabilityArea: StaffArea = {
  routes: [
    {
      element: <RequireCalendar />,
      children: [
        { path: '/settings/availability', lazy: page(() => import('./AvailabilityPage.js'), 'AvailabilityPage') },
      ],
    },
  ],
};
