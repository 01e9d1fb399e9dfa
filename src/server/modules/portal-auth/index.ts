/** The portal-auth module: a client's sign-in to the Client Portal without a password, and who is signed in. */
export { portalAuthRoutes } from './portal-auth.routes.js';
export { getPortalPractice } from './portal-auth.service.js';
export { grantOf, portalClient } from './portal-client.js';
