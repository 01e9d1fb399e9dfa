/** The portal-settings module: the practice-wide Client Portal switch, defaults and welcome message. */
export { loadPortalSettings, portalUrl } from './portal-settings.service.js';
export { portalSettingsRoutes } from './portal-settings.routes.js';
