import { PortalSettingsForm } from './PortalSettingsForm.js';
import { RequestSettingsSection } from './RequestSettingsSection.js';
import { SettingsFrame, SettingsLoading } from './SettingsFrame.js';
import { usePortalSettings } from './settings.queries.js';

/** Settings → Client Portal permissions (owners), with the request settings for online appointment requests. */
export function PortalSettingsPage() {
  const settings = usePortalSettings();
  return (
    <SettingsFrame
      title="Client Portal permissions"
      description="Where your clients sign in, what new clients may do there, the welcome email they receive and how they request appointments."
    >
      {settings.data ? (
        <PortalSettingsForm key={settings.dataUpdatedAt} settings={settings.data} />
      ) : (
        <SettingsLoading error={settings.error} label="Loading settings" />
      )}
      <RequestSettingsSection />
    </SettingsFrame>
  );
}
