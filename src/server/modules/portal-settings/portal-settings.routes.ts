import type { FastifyInstance } from 'fastify';
import { practiceApi } from '../../../shared/contract/practice.js';
import { requestMeta, requireOwner, requireStaff, scopeOf } from '../../platform/context.js';
import { route } from '../../platform/route.js';
import { getPortalSettingsView, updatePortalSettings } from './portal-settings.service.js';

export async function portalSettingsRoutes(app: FastifyInstance): Promise<void> {
  route(app, practiceApi.portalSettings, async (request) => getPortalSettingsView(app.deps, scopeOf(requireStaff(request))));
  route(app, practiceApi.updatePortalSettings, async (request) =>
    updatePortalSettings(app.deps, requireOwner(request), requestMeta(request), request.body),
  );
}
