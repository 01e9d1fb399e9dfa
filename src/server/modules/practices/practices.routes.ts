import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { practiceSummary } from '../../../shared/schemas/auth.js';
import { requireStaff, scopeOf } from '../../platform/context.js';
import { toPracticeSummary } from './practices.dto.js';
import { getPractice } from './practices.queries.js';

export async function practiceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/practice', { schema: { response: { 200: practiceSummary } } }, async (request) => {
    const staff = requireStaff(request);
    return toPracticeSummary(await getPractice(app.deps.db, scopeOf(staff)));
  });
}
