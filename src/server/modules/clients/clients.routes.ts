import type { FastifyInstance } from 'fastify';

// Filled in by the clients module work.
export async function clientRoutes(_app: FastifyInstance): Promise<void> {}
