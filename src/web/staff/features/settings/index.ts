export { settingsArea } from './settings.area.js';
export { usePortalSettings } from './settings.queries.js';
