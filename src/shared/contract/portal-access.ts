import { emptyBody, idParams } from '../schemas/common.js';
import { portalAccessView, portalPermissions, sendInvitationBody, signInCode } from '../schemas/portal-access.js';
import { endpoint } from './endpoint.js';

const tab = { params: idParams, response: portalAccessView } as const;

/** The Client Portal tab of a client's profile; each action answers with the refreshed tab. */
export const portalAccessApi = {
  get: endpoint({ method: 'GET', path: '/api/clients/:id/portal', ...tab }),
  invite: endpoint({ method: 'POST', path: '/api/clients/:id/portal/invitations', body: sendInvitationBody, ...tab }),
  disableAndResend: endpoint({
    method: 'POST',
    path: '/api/clients/:id/portal/disable-and-resend',
    body: sendInvitationBody,
    ...tab,
  }),
  savePermissions: endpoint({
    method: 'PUT',
    path: '/api/clients/:id/portal/permissions',
    body: portalPermissions,
    ...tab,
  }),
  disable: endpoint({ method: 'POST', path: '/api/clients/:id/portal/disable', body: emptyBody, ...tab }),
  emailSignInLink: endpoint({ method: 'POST', path: '/api/clients/:id/portal/sign-in-link', body: emptyBody, ...tab }),
  signInCode: endpoint({
    method: 'POST',
    path: '/api/clients/:id/portal/sign-in-code',
    params: idParams,
    body: emptyBody,
    response: signInCode,
  }),
};
