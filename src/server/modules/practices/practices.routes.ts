import type { FastifyInstance } from 'fastify';
import { practiceApi } from '../../../shared/contract/practice.js';
import { staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { toPracticeSummary } from './practices.dto.js';
import { getPractice } from './practices.queries.js';

export async function practiceRoutes(app: FastifyInstance): Promise<void> {
  route(app, practiceApi.get, async (request) => toPracticeSummary(await getPractice(staffContext(request))));
}
