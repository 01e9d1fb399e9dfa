import { PortalSettingsForm } from './PortalSettingsForm.js';
import { SettingsFrame, SettingsLoading } from './SettingsFrame.js';
import { usePortalSettings } from './settings.queries.js';

/** Settings → Client Portal permissions (owners). */
export function PortalSettingsPage() {
  const settings = usePortalSettings();
  return (
    <SettingsFrame
      title="Client Portal permissions"
      description="Where your clients sign in, what new clients may do there, and the welcome email they receive."
    >
      {settings.data ? (
        <PortalSettingsForm key={settings.dataUpdatedAt} settings={settings.data} />
      ) : (
        <SettingsLoading error={settings.error} label="Loading settings" />
      )}
    </SettingsFrame>
  );
}
