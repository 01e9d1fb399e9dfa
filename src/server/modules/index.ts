import type { FastifyInstance } from 'fastify';
import { portalAppointmentRoutes, requestInboxRoutes } from './appointment-requests/index.js';
import { auditRoutes } from './audit/index.js';
import { billAppointments, billingDocumentRoutes, billingRoutes, portalBillingRoutes } from './billing/index.js';
import { accountRoutes, authRoutes, twoFactorRoutes } from './auth/index.js';
import { availabilityRoutes } from './availability/index.js';
import { clientRoutes } from './clients/index.js';
import { demoRoutes } from './demo/index.js';
import {
  completedDocumentRoutes,
  documentsRoutes,
  documentsWaitingFor,
  portalDocumentRoutes,
  shareWithNewClient,
} from './documents/index.js';
import { devMailboxRoutes } from './dev-mailbox/index.js';
import { messagingRoutes, portalMessagingRoutes } from './messaging/index.js';
import { portalAccessClientHooks, portalAccessRoutes } from './portal-access/index.js';
import { portalAuthRoutes } from './portal-auth/index.js';
import { portalSettingsRoutes } from './portal-settings/index.js';
import { practiceFormatRoutes, practiceRoutes } from './practices/index.js';
import { schedulingRoutes } from './scheduling/index.js';
import { teamRoutes } from './team/index.js';

/** Every API route, under /api: one line a module. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(teamRoutes);
  await app.register(twoFactorRoutes);
  await app.register(practiceRoutes);
  await app.register(practiceFormatRoutes);
  // The documents module imports portal-access; portal-access gets what it needs of documents here.
  await app.register(
    clientRoutes({ ...portalAccessClientHooks(documentsWaitingFor), shareOnCreate: shareWithNewClient }),
  );
  await app.register(auditRoutes);
  await app.register(portalSettingsRoutes);
  await app.register(portalAccessRoutes(documentsWaitingFor));
  await app.register(portalAuthRoutes);
  await app.register(messagingRoutes);
  await app.register(portalMessagingRoutes);
  // Setting an appointment's status writes its billable item in the same transaction (billing).
  await app.register(schedulingRoutes({ onStatusSet: billAppointments }));
  await app.register(portalDocumentRoutes);
  await app.register(completedDocumentRoutes);
  await app.register(availabilityRoutes);
  await app.register(requestInboxRoutes);
  await app.register(portalAppointmentRoutes);
  await app.register(documentsRoutes);
  await app.register(billingRoutes);
  await app.register(portalBillingRoutes);
  await app.register(billingDocumentRoutes);
  if (app.deps.config.devMailbox) await app.register(devMailboxRoutes);
  if (app.deps.config.demo) await app.register(demoRoutes);
}
