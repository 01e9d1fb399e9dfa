import type { StaffArea } from '../../common/area.js';
import { SetupPage } from './SetupPage.js';
import { SignUpPage } from './SignUpPage.js';

/** Creating a practice with its owner: the first run (/setup, which the session gate enforces) and later sign-ups. */
export const setupArea: StaffArea = {
  openRoutes: [{ path: '/setup', element: <SetupPage /> }],
  signedOutRoutes: [{ path: '/sign-up', element: <SignUpPage /> }],
};
