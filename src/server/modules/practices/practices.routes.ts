import type { FastifyInstance } from 'fastify';
import { practiceApi } from '../../../shared/contract/practice.js';
import { requireStaff, scopeOf } from '../../platform/context.js';
import { route } from '../../platform/route.js';
import { toPracticeSummary } from './practices.dto.js';
import { getPractice } from './practices.queries.js';

export async function practiceRoutes(app: FastifyInstance): Promise<void> {
  route(app, practiceApi.get, async (request) => {
    const staff = requireStaff(request);
    return toPracticeSummary(await getPractice(app.deps.db, scopeOf(staff)));
  });
}
