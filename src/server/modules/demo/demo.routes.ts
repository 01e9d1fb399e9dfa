import type { FastifyInstance } from 'fastify';
import { demoApi } from '../../../shared/contract/demo.js';
import { staffContextFor } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { issueDemoPortalLink } from './demo.service.js';

/** A click on the banner issues one link; a few a minute per address is plenty for a person. */
const linksPerMinute = { max: 10, timeWindow: '1 minute' };

/** Registered only when the server runs as the demo (config.demo, DEMO=1). */
export async function demoRoutes(app: FastifyInstance): Promise<void> {
  route(app, demoApi.portalLink, { config: { rateLimit: linksPerMinute } }, async (request) =>
    issueDemoPortalLink(staffContextFor(request, 'portal', { area: true })),
  );
}
