import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { clientRoutes } from './clients/clients.routes.js';
import { devMailboxRoutes } from './dev-mailbox/dev-mailbox.routes.js';
import { practiceRoutes } from './practices/practices.routes.js';

/** Every API route, under /api. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(practiceRoutes);
  await app.register(clientRoutes);
  await app.register(auditRoutes);
  if (app.deps.config.devMailbox) await app.register(devMailboxRoutes);
}
