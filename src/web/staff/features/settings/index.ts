export { settingsArea } from './settings.area.js';
export { usePortalSettings } from './settings.queries.js';
export { SettingsFrame, SettingsSection } from './SettingsFrame.js';
export { SettingsLoading } from './SettingsFrame.js';
export { useSchedulingSetup } from './scheduling.queries.js';
export { SettingsFormDialog } from './SettingsFormDialog.js';
