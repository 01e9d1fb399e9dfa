import type { FastifyInstance } from 'fastify';
import { practiceApi } from '../../../shared/contract/practice.js';
import { ownerContext, staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { getPortalSettingsView, updatePortalSettings } from './portal-settings.service.js';

export async function portalSettingsRoutes(app: FastifyInstance): Promise<void> {
  route(app, practiceApi.portalSettings, async (request) => getPortalSettingsView(staffContext(request)));
  route(app, practiceApi.updatePortalSettings, async (request) =>
    updatePortalSettings(ownerContext(request), request.body),
  );
}
