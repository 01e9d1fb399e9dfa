import type { FastifyInstance } from 'fastify';
import { portalAccessApi } from '../../../shared/contract/portal-access.js';
import { staffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import {
  disable,
  disableAndResend,
  emailSignInLink,
  generateSignInCode,
  invite,
  savePermissions,
} from './portal-access.service.js';
import { getAccessView } from './portal-access.view.js';

/** The Client Portal tab of a client's profile. Each action answers with the refreshed tab. */
export async function portalAccessRoutes(app: FastifyInstance): Promise<void> {
  route(app, portalAccessApi.get, async (request) => getAccessView(staffContext(request), request.params.id));

  route(app, portalAccessApi.invite, async (request) => {
    const ctx = staffContext(request);
    await invite(ctx, request.params.id, request.body);
    return getAccessView(ctx, request.params.id);
  });

  route(app, portalAccessApi.disableAndResend, async (request) => {
    const ctx = staffContext(request);
    await disableAndResend(ctx, request.params.id, request.body);
    return getAccessView(ctx, request.params.id);
  });

  route(app, portalAccessApi.savePermissions, async (request) => {
    const ctx = staffContext(request);
    await savePermissions(ctx, request.params.id, request.body);
    return getAccessView(ctx, request.params.id);
  });

  route(app, portalAccessApi.disable, async (request) => {
    const ctx = staffContext(request);
    await disable(ctx, request.params.id);
    return getAccessView(ctx, request.params.id);
  });

  route(app, portalAccessApi.emailSignInLink, async (request) => {
    const ctx = staffContext(request);
    await emailSignInLink(ctx, request.params.id);
    return getAccessView(ctx, request.params.id);
  });

  route(app, portalAccessApi.signInCode, async (request) =>
    generateSignInCode(staffContext(request), request.params.id),
  );
}
