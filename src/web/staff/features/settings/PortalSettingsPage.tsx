import { Breadcrumbs, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { DateTimeFormatSection } from './DateTimeFormatSection.js';
import { PortalSettingsForm } from './PortalSettingsForm.js';
import { usePortalSettings } from './settings.queries.js';

/** Settings → Client Portal permissions (owners). */
export function PortalSettingsPage() {
  usePageTitle('Client Portal permissions');
  const settings = usePortalSettings();

  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={6}>
        <Breadcrumbs separator="›">
          <Text size="sm" c="dimmed">
            Settings
          </Text>
          <Text size="sm" c="dimmed">
            Client Portal permissions
          </Text>
        </Breadcrumbs>
        <Title order={1}>Client Portal permissions</Title>
        <Text c="dimmed" size="sm">
          Where your clients sign in, what new clients may do there, and the welcome email they receive.
        </Text>
      </Stack>
      {settings.data ? (
        <PortalSettingsForm key={settings.dataUpdatedAt} settings={settings.data} />
      ) : settings.error ? (
        <ErrorAlert error={settings.error} title="Could not load the settings" />
      ) : (
        <Group justify="center" py={48}>
          <Loader aria-label="Loading settings" />
        </Group>
      )}
      {/* Until the Practice profile page shows it. */}
      <DateTimeFormatSection />
    </Stack>
  );
}
