import { IconCalendar } from '@tabler/icons-react';
import { calendarReach } from '../../../../shared/permissions.js';
import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';
import { RequireCalendar } from './access.js';

/**
 * The Calendar: day and week views of appointments, booking, moving, cancelling and statuses.
 * Owners and schedulers see every clinician's calendar, a clinician their own; billers none.
 */
export const calendarArea: StaffArea = {
  routes: [
    {
      element: <RequireCalendar />,
      children: [{ path: '/calendar', lazy: page(() => import('./CalendarPage.js'), 'CalendarPage') }],
    },
  ],
  nav: [
    {
      to: '/calendar',
      label: 'Calendar',
      icon: IconCalendar,
      allowed: ({ staff }) => calendarReach(staff.roles) !== 'none',
    },
  ],
};
