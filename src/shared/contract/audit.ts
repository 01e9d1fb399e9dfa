import { auditFilterOptions, auditFilterOptionsQuery, auditFilters, auditPage, auditQuery } from '../schemas/audit.js';
import { endpoint } from './endpoint.js';

/** The practice's audit log, newest first (owners only). */
export const auditApi = {
  list: endpoint({ method: 'GET', path: '/api/audit', query: auditQuery, response: auditPage }),
  /** What the filters offer: the staff to choose from and the name of the client filtered on. */
  filterOptions: endpoint({
    method: 'GET',
    path: '/api/audit/filters',
    query: auditFilterOptionsQuery,
    response: auditFilterOptions,
  }),
  /** Everything the filters select, as a CSV file (the export is itself audited). */
  exportCsv: endpoint({ method: 'GET', path: '/api/audit/export', query: auditFilters, answers: 'download' }),
};
