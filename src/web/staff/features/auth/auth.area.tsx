import type { StaffArea } from '../../common/area.js';
import { ForgotPasswordPage } from './ForgotPasswordPage.js';
import { ResetPasswordPage } from './ResetPasswordPage.js';
import { SignInPage } from './SignInPage.js';

/** Signing in, and choosing a new password through an emailed link. */
export const authArea: StaffArea = {
  signedOutRoutes: [{ path: '/sign-in', element: <SignInPage /> }],
  openRoutes: [
    { path: '/forgot-password', element: <ForgotPasswordPage /> },
    { path: '/reset-password', element: <ResetPasswordPage /> },
  ],
};
