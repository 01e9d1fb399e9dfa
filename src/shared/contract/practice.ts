import { practiceSummary } from '../schemas/auth.js';
import { portalSettings, portalSettingsBody } from '../schemas/portal-access.js';
import { endpoint } from './endpoint.js';

/** The signed-in staff member's practice and its settings. */
export const practiceApi = {
  get: endpoint({ method: 'GET', path: '/api/practice', response: practiceSummary }),
  portalSettings: endpoint({ method: 'GET', path: '/api/settings/portal', response: portalSettings }),
  updatePortalSettings: endpoint({
    method: 'PUT',
    path: '/api/settings/portal',
    body: portalSettingsBody,
    response: portalSettings,
  }),
};
