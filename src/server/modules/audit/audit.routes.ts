import type { FastifyInstance } from 'fastify';
import { auditApi } from '../../../shared/contract/audit.js';
import { ownerContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { getAuditPage } from './audit.service.js';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  route(app, auditApi.list, async (request) => getAuditPage(ownerContext(request), request.query));
}
