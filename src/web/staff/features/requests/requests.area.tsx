import { IconCalendarQuestion } from '@tabler/icons-react';
import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';
import { canAnswerRequests } from './access.js';
import { pendingRequests, pendingRequestsLabel } from './request-count.js';

/** The Requests inbox: appointment requests clients sent through the Client Portal, to accept or decline. */
export const requestsArea: StaffArea = {
  routes: [{ path: '/requests', lazy: page(() => import('./RequestsPage.js'), 'RequestsPage') }],
  nav: [
    {
      to: '/requests',
      label: 'Requests',
      icon: IconCalendarQuestion,
      allowed: ({ staff }) => canAnswerRequests(staff.roles),
      count: { ...pendingRequests, label: pendingRequestsLabel },
    },
  ],
};
