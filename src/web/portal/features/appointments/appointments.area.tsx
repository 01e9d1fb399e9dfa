import { IconCalendarEvent } from '@tabler/icons-react';
import type { PortalArea } from '../../common/area.js';
import { portalPaths } from '../../common/paths.js';
import { signedInPage } from '../../common/signed-in-pages.js';

const appointmentsPage = signedInPage(() => import('./AppointmentsPage.js'));

/** Appointments and online requests, for clients whose permission and practice allow requests. */
export const appointmentsArea: PortalArea = {
  signedInRoutes: [
    { path: 'appointments', lazy: async () => ({ Component: (await appointmentsPage()).AppointmentsPage }) },
  ],
  nav: [
    {
      path: portalPaths.appointments,
      label: 'Appointments',
      icon: IconCalendarEvent,
      allowed: (me) => me.permissions.appointments,
    },
  ],
};
