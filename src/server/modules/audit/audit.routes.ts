import type { FastifyInstance } from 'fastify';
import { auditApi } from '../../../shared/contract/audit.js';
import { attachmentDisposition } from '../../platform/downloads.js';
import { ownerContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { exportAuditCsv, getAuditFilterOptions, getAuditPage } from './audit.service.js';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  route(app, auditApi.list, async (request) => getAuditPage(ownerContext(request), request.query));
  route(app, auditApi.filterOptions, async (request) =>
    getAuditFilterOptions(ownerContext(request), request.query.clientId),
  );
  route(app, auditApi.exportCsv, async (request, reply) => {
    const { fileName, stream } = await exportAuditCsv(ownerContext(request), request.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(stream);
  });
}
