/** The team module: Settings → Team (invitations, roles, deactivation), accepting an invitation, and switching practice. */
export { teamRoutes } from './team.routes.js';
