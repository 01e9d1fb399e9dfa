import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { clientRoutes } from './clients/clients.routes.js';
import { devMailboxRoutes } from './dev-mailbox/dev-mailbox.routes.js';
import { messagingRoutes } from './messaging/messaging.routes.js';
import { portalMessagingRoutes } from './messaging/messaging.portal-routes.js';
import { portalAccessRoutes } from './portal-access/portal-access.routes.js';
import { portalAuthRoutes } from './portal-auth/portal-auth.routes.js';
import { portalSettingsRoutes } from './portal-settings/portal-settings.routes.js';
import { practiceRoutes } from './practices/practices.routes.js';

/** Every API route, under /api. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(practiceRoutes);
  await app.register(clientRoutes);
  await app.register(auditRoutes);
  await app.register(portalSettingsRoutes);
  await app.register(portalAccessRoutes);
  await app.register(portalAuthRoutes);
  await app.register(messagingRoutes);
  await app.register(portalMessagingRoutes);
  if (app.deps.config.devMailbox) await app.register(devMailboxRoutes);
}
