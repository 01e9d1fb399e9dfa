/** The audit module: the practice's audit log, for its owners. */
export { auditRoutes } from './audit.routes.js';
