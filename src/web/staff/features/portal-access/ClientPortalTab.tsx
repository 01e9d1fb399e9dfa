import { Group, Loader, Stack } from '@mantine/core';
import type { Client } from '../../../../shared/schemas/clients.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useSignedIn } from '../../common/session.js';
import { usePortalAccess } from './portal-access.queries.js';
import { PortalAccessSection } from './PortalAccessSection.js';
import { PortalActivity } from './PortalActivity.js';
import { PortalPermissionsSection } from './PortalPermissionsSection.js';

interface ClientPortalTabProps {
  client: Client;
  /** Switches to the Client Info tab, where emails and consent are edited. */
  onGoToInfo: () => void;
}

/** Edit → Client Portal: access, permissions and activity for one client. */
export function ClientPortalTab({ client, onGoToInfo }: ClientPortalTabProps) {
  const { staff, practice } = useSignedIn();
  const access = usePortalAccess(client.id);
  const view = access.data;

  if (!view) {
    if (access.error) return <ErrorAlert error={access.error} title="Could not load Client Portal access" />;
    return (
      <Group justify="center" py={48}>
        <Loader aria-label="Loading Client Portal access" />
      </Group>
    );
  }

  const permissionsKey = Object.values(view.permissions).map(String).join('|');
  return (
    <Stack gap="lg">
      <PortalAccessSection
        client={client}
        view={view}
        timeZone={practice.timeZone}
        isOwner={staff.roles.includes('owner')}
        onGoToInfo={onGoToInfo}
      />
      <PortalPermissionsSection key={permissionsKey} clientId={client.id} view={view} />
      <PortalActivity events={view.events} timeZone={practice.timeZone} />
    </Stack>
  );
}
