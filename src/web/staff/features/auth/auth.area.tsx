import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';

/** Signing in, and choosing a new password through an emailed link. */
export const authArea: StaffArea = {
  signedOutRoutes: [{ path: '/sign-in', lazy: page(() => import('./SignInPage.js'), 'SignInPage') }],
  openRoutes: [
    { path: '/forgot-password', lazy: page(() => import('./ForgotPasswordPage.js'), 'ForgotPasswordPage') },
    { path: '/reset-password', lazy: page(() => import('./ResetPasswordPage.js'), 'ResetPasswordPage') },
  ],
};
