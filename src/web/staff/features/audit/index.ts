export { auditArea } from './audit.area.js';
export { RecentActivity } from './RecentActivity.js';
