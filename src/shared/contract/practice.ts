import { practiceSummary } from '../schemas/auth.js';
import { emptyBody } from '../schemas/common.js';
import { portalSettings, portalSettingsBody } from '../schemas/portal-access.js';
import { logoParams, practiceProfile, practiceProfileBody } from '../schemas/settings.js';
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
  profile: endpoint({ method: 'GET', path: '/api/settings/practice', response: practiceProfile }),
  updateProfile: endpoint({
    method: 'PUT',
    path: '/api/settings/practice',
    body: practiceProfileBody,
    response: practiceProfile,
  }),
  /** A multipart form with one `logo` file. */
  uploadLogo: endpoint({
    method: 'PUT',
    path: '/api/settings/practice/logo',
    body: 'multipart',
    response: practiceProfile,
  }),
  removeLogo: endpoint({
    method: 'DELETE',
    path: '/api/settings/practice/logo',
    body: emptyBody,
    response: practiceProfile,
  }),
  /** The logo itself, public (portal pages and emails show it); its URL changes with each logo. */
  logo: endpoint({
    method: 'GET',
    path: '/api/practice-logos/:practiceId/:logoId',
    params: logoParams,
    answers: 'download',
    hidden: true,
  }),
};
