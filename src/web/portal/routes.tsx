import { createBrowserRouter } from 'react-router';
import { RequireClient, RequirePortalOn, SignedOutOnly } from './features/layout/guards.js';
import { NotFoundPage } from './features/layout/NotFoundPage.js';
import { PortalGate } from './features/layout/PortalGate.js';
import { RouteError } from './features/layout/RouteError.js';
import type { PortalRouteHandle } from './features/layout/SignedInLayout.js';
import { UnknownPortalPage } from './features/layout/UnknownPortalPage.js';
import { CodeSignInPage } from './features/sign-in/CodeSignInPage.js';
import { EmailSignInPage } from './features/sign-in/EmailSignInPage.js';
import { LandingPage } from './features/sign-in/LandingPage.js';
import { LinkLandingPage } from './features/sign-in/LinkLandingPage.js';
import { homePage, messagesPage, signedInLayout } from './signed-in-pages.js';

const fillScreen: PortalRouteHandle = { fill: true };

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        path: '/portal/:slug',
        element: <PortalGate />,
        children: [
          {
            element: <RequirePortalOn />,
            children: [
              {
                element: <SignedOutOnly />,
                children: [
                  { index: true, element: <LandingPage /> },
                  { path: 'sign-in/email', element: <EmailSignInPage /> },
                  { path: 'sign-in/code', element: <CodeSignInPage /> },
                ],
              },
            ],
          },
          // Where emailed links land; it posts the token itself, whatever the portal's state.
          { path: 'sign-in', element: <LinkLandingPage /> },
          {
            element: <RequireClient />,
            children: [
              {
                lazy: async () => ({ Component: (await signedInLayout()).SignedInLayout }),
                children: [
                  { path: 'home', lazy: async () => ({ Component: (await homePage()).HomePage }) },
                  {
                    path: 'messages',
                    lazy: async () => ({ Component: (await messagesPage()).MessagesPage }),
                    handle: fillScreen,
                  },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <UnknownPortalPage /> },
    ],
  },
]);
