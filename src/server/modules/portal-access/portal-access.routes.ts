import type { FastifyInstance } from 'fastify';
import { portalAccessApi } from '../../../shared/contract/portal-access.js';
import { staffContextFor } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import {
  disable,
  disableAndResend,
  emailSignInLink,
  generateSignInCode,
  invite,
  savePermissions,
  type DocumentsWaitingLookup,
} from './portal-access.service.js';
import { getAccessView, viewAccess } from './portal-access.view.js';

/**
 * The Client Portal tab of a client's profile. Each action answers with the refreshed tab. Owners
 * manage every client's access, clinicians their assigned clients'; for anyone else the client's
 * tab is not found. Each welcome email sent from it says how many documents wait (`documentsWaiting`,
 * the documents module's, given at registration).
 */
export function portalAccessRoutes(documentsWaiting: DocumentsWaitingLookup) {
  return async function registerPortalAccessRoutes(app: FastifyInstance): Promise<void> {
    route(app, portalAccessApi.get, async (request) =>
      viewAccess(staffContextFor(request, 'portal'), request.params.id),
    );

    route(app, portalAccessApi.invite, async (request) => {
      const ctx = staffContextFor(request, 'portal');
      await invite(ctx, request.params.id, request.body, documentsWaiting);
      return getAccessView(ctx, request.params.id);
    });

    route(app, portalAccessApi.disableAndResend, async (request) => {
      const ctx = staffContextFor(request, 'portal');
      await disableAndResend(ctx, request.params.id, request.body, documentsWaiting);
      return getAccessView(ctx, request.params.id);
    });

    route(app, portalAccessApi.savePermissions, async (request) => {
      const ctx = staffContextFor(request, 'portal');
      await savePermissions(ctx, request.params.id, request.body);
      return getAccessView(ctx, request.params.id);
    });

    route(app, portalAccessApi.disable, async (request) => {
      const ctx = staffContextFor(request, 'portal');
      await disable(ctx, request.params.id);
      return getAccessView(ctx, request.params.id);
    });

    route(app, portalAccessApi.emailSignInLink, async (request) => {
      const ctx = staffContextFor(request, 'portal');
      await emailSignInLink(ctx, request.params.id);
      return getAccessView(ctx, request.params.id);
    });

    route(app, portalAccessApi.signInCode, async (request) =>
      generateSignInCode(staffContextFor(request, 'portal'), request.params.id),
    );
  };
}
