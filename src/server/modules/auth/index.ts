/** The auth module: staff sign-in, sign-out, password reset and the first practice's setup. */
export { authRoutes } from './auth.routes.js';
