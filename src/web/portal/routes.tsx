import type { PortalArea } from './common/area.js';
import { RequireClient, RequirePortalOn, SignedOutOnly } from './common/layout/guards.js';
import { NotFoundPage } from './common/layout/NotFoundPage.js';
import { PortalGate } from './common/layout/PortalGate.js';
import { RouteError } from './common/layout/RouteError.js';
import { UnknownPortalPage } from './common/layout/UnknownPortalPage.js';
import type { PortalRoute } from './common/router.js';
import { signedInPage } from './common/signed-in-pages.js';
import { documentsArea } from './features/documents/index.js';
import { appointmentsArea } from './features/appointments/index.js';
import { billingArea } from './features/billing/index.js';
import { homeArea } from './features/home/index.js';
import { messagesArea } from './features/messages/index.js';
import { signInArea } from './features/sign-in/index.js';

/** The portal's areas, one line each, in the order of the signed-in header's sections. */
const areas: PortalArea[] = [signInArea, homeArea, appointmentsArea, messagesArea, documentsArea, billingArea];

// The signed-in frame loads on demand with the signed-in pages.
const signedInLayout = signedInPage(() => import('./common/layout/SignedInLayout.js'));

function portalRoutes(list: readonly PortalArea[]): PortalRoute[] {
  const nav = list.flatMap((area) => area.nav ?? []);
  const live = list.flatMap((area) => (area.live ? [area.live] : []));
  return [
    {
      errorElement: <RouteError />,
      children: [
        {
          path: '/portal/:slug',
          element: <PortalGate />,
          children: [
            {
              element: <RequirePortalOn />,
              children: [{ element: <SignedOutOnly />, children: list.flatMap((area) => area.signedOutRoutes ?? []) }],
            },
            ...list.flatMap((area) => area.openRoutes ?? []),
            {
              element: <RequireClient />,
              children: [
                {
                  lazy: async () => {
                    const { SignedInLayout } = await signedInLayout();
                    return { element: <SignedInLayout nav={nav} live={live} /> };
                  },
                  children: list.flatMap((area) => area.signedInRoutes ?? []),
                },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
        { path: '*', element: <UnknownPortalPage /> },
      ],
    },
  ];
}

export const routes = portalRoutes(areas);
