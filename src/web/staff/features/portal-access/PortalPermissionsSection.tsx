import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { PortalAccessView, PortalPermissions } from '../../../../shared/schemas/portal-access.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePortalSettings } from '../settings/index.js';
import { useSavePermissions } from './portal-access.queries.js';
import { PermissionCheckboxes } from '../../common/portal/PermissionCheckboxes.js';

/**
 * Paying needs an active online payments account: without one the Pay checkbox is disabled with
 * the server's reason. (When only billing access is missing, the checkbox stays usable.)
 */
function paymentsUnavailable(view: PortalAccessView, paymentsActive: boolean | undefined): string | null {
  if (!view.payUnavailableReason) return null;
  const inactive = paymentsActive === undefined ? view.permissions.billing : !paymentsActive;
  return inactive ? view.payUnavailableReason : null;
}

/** "Client Portal permissions" for one client, saved with "Save permissions". */
export function PortalPermissionsSection({ clientId, view }: { clientId: string; view: PortalAccessView }) {
  const [value, setValue] = useState<PortalPermissions>(view.permissions);
  const save = useSavePermissions(clientId);
  const settings = usePortalSettings();
  const changed = (Object.keys(value) as (keyof PortalPermissions)[]).some(
    (key) => value[key] !== view.permissions[key],
  );

  const submit = () =>
    save.mutate(value, {
      onSuccess: () =>
        notifications.show({
          color: 'portico',
          title: 'Permissions saved',
          message: 'The Client Portal permissions are up to date.',
        }),
    });

  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            Client Portal permissions
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            Choose what this client can do in the Client Portal. Portico enforces these on every request.
          </Text>
        </div>
        <PermissionCheckboxes
          value={value}
          onChange={(next) => {
            setValue(next);
            save.reset();
          }}
          paymentsUnavailable={paymentsUnavailable(view, settings.data?.paymentsActive)}
        />
        <ErrorAlert error={save.error} title="Could not save the permissions" />
        <Group>
          <Button onClick={submit} loading={save.isPending} variant={changed ? 'filled' : 'default'}>
            Save permissions
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
