/** The auth module: staff sign-in, sign-out, password reset, the first practice's setup, and each staff member's own account. */
export { accountRoutes } from './account.routes.js';
export { authRoutes } from './auth.routes.js';
export { getSessionState } from './auth.service.js';
export { perIp } from './auth.limits.js';
export { openStaffSession, type StaffSessionStart } from './staff-sessions.js';
export { endPendingSignIns } from './two-factor.queries.js';
export { twoFactorRoutes } from './two-factor.routes.js';
export { findTwoFactorEnabled } from './two-factor.unscoped.js';
