import { auditPage, auditQuery } from '../schemas/audit.js';
import { endpoint } from './endpoint.js';

/** The practice's audit log, newest first (owners only). */
export const auditApi = {
  list: endpoint({ method: 'GET', path: '/api/audit', query: auditQuery, response: auditPage }),
};
