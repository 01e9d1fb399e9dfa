export { settingsArea } from './settings.area.js';
export { usePortalSettings } from './settings.queries.js';
export { SettingsFrame, SettingsSection } from './SettingsFrame.js';
