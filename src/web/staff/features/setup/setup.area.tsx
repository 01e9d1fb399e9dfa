import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';

/** Creating a practice with its owner: the first run (/setup, which the session gate enforces) and later sign-ups. */
export const setupArea: StaffArea = {
  openRoutes: [{ path: '/setup', lazy: page(() => import('./SetupPage.js'), 'SetupPage') }],
  signedOutRoutes: [{ path: '/sign-up', lazy: page(() => import('./SignUpPage.js'), 'SignUpPage') }],
};
