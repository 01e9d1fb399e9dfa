import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import type { StaffArea } from './common/area.js';
import { PublicOnly, RequireStaff } from './common/guards.js';
import { LoadingScreen } from './common/layout/LoadingScreen.js';
import { RouteError } from './common/layout/RouteError.js';
import { SessionGate } from './common/layout/SessionGate.js';
import { NotFoundPage } from './common/NotFoundPage.js';
import { auditArea } from './features/audit/index.js';
import { availabilityArea } from './features/availability/index.js';
import { billingArea } from './features/billing/index.js';
import { authArea } from './features/auth/index.js';
import { calendarArea } from './features/calendar/index.js';
import { clientsArea } from './features/clients/index.js';
import { completedDocumentsArea } from './features/completed-documents/index.js';
import { documentsArea } from './features/documents/index.js';
import { mailboxArea } from './features/mailbox/index.js';
import { messagesArea } from './features/messages/index.js';
import { requestsArea } from './features/requests/index.js';
import { settingsArea } from './features/settings/index.js';
import { setupArea } from './features/setup/index.js';

/** The staff app's areas, one line each, in the order of the main navigation. */
const areas: StaffArea[] = [
  authArea,
  setupArea,
  clientsArea,
  calendarArea,
  completedDocumentsArea,
  requestsArea,
  messagesArea,
  documentsArea,
  billingArea,
  auditArea,
  settingsArea,
  availabilityArea,
  mailboxArea,
];

function staffRoutes(list: readonly StaffArea[]): RouteObject[] {
  const contributions = { profileSections: list.flatMap((area) => area.profileSections ?? []) };
  const inShell = list.flatMap((area) =>
    typeof area.routes === 'function' ? area.routes(contributions) : (area.routes ?? []),
  );
  const shell = {
    nav: list.flatMap((area) => area.nav ?? []),
    create: list.flatMap((area) => area.create ?? []),
    live: list.flatMap((area) => (area.live ? [area.live] : [])),
  };
  return [
    {
      element: <SessionGate />,
      errorElement: <RouteError />,
      // A first visit waits for its page's code (every page loads on demand, see lazy-page.ts).
      hydrateFallbackElement: <LoadingScreen />,
      children: [
        ...list.flatMap((area) => area.openRoutes ?? []),
        { element: <PublicOnly />, children: list.flatMap((area) => area.signedOutRoutes ?? []) },
        {
          element: <RequireStaff />,
          children: [
            {
              lazy: async () => {
                const { AppLayout } = await import('./common/layout/AppLayout.js');
                return { element: <AppLayout {...shell} /> };
              },
              hydrateFallbackElement: <LoadingScreen />,
              children: [
                {
                  errorElement: <RouteError inShell />,
                  children: [
                    { index: true, element: <Navigate to="/clients" replace /> },
                    ...inShell,
                    { path: '*', element: <NotFoundPage /> },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ];
}

export const router = createBrowserRouter(staffRoutes(areas));
