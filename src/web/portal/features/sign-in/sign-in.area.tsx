import type { PortalArea } from '../../common/area.js';
import { CodeSignInPage } from './CodeSignInPage.js';
import { EmailSignInPage } from './EmailSignInPage.js';
import { LandingPage } from './LandingPage.js';
import { LinkLandingPage } from './LinkLandingPage.js';

/** The portal's front door and signing in without a password: by emailed link or code. */
export const signInArea: PortalArea = {
  signedOutRoutes: [
    { index: true, element: <LandingPage /> },
    { path: 'sign-in/email', element: <EmailSignInPage /> },
    { path: 'sign-in/code', element: <CodeSignInPage /> },
  ],
  // Where emailed links land; it posts the token itself, whatever the portal's state.
  openRoutes: [{ path: 'sign-in', element: <LinkLandingPage /> }],
};
