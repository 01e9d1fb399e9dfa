import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { portalSettings, portalSettingsBody } from '../../../shared/schemas/portal-access.js';
import { requestMeta, requireOwner, requireStaff, scopeOf } from '../../platform/context.js';
import { getPortalSettingsView, updatePortalSettings } from './portal-settings.service.js';

export async function portalSettingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/settings/portal', { schema: { response: { 200: portalSettings } } }, async (request) =>
    getPortalSettingsView(app.deps, scopeOf(requireStaff(request))),
  );
  r.put(
    '/settings/portal',
    { schema: { body: portalSettingsBody, response: { 200: portalSettings } } },
    async (request) => updatePortalSettings(app.deps, requireOwner(request), requestMeta(request), request.body),
  );
}
