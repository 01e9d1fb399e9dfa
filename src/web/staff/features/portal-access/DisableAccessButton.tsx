import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconUserOff } from '@tabler/icons-react';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { useDisableAccess } from './portal-access.queries.js';

/** "Disable access", after a confirmation: sessions end at once and every link stops working. */
export function DisableAccessButton({ clientId, name }: { clientId: string; name: string }) {
  const disable = useDisableAccess(clientId);
  const confirm = () =>
    modals.openConfirmModal({
      title: 'Disable Client Portal access?',
      children: (
        <Text size="sm">
          <bdi>{name}</bdi> is signed out of the Client Portal at once, and every invitation, sign-in link and code sent
          so far stops working. You can restore access later with Send email.
        </Text>
      ),
      labels: { confirm: 'Disable access', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        disable.mutate(undefined, {
          onSuccess: () =>
            notifications.show({ color: 'portico', title: 'Client Portal access disabled', message: name }),
          onError: (error) =>
            notifications.show({ color: 'red', title: 'Could not disable access', message: errorMessage(error) }),
        }),
    });
  return (
    <Button
      color="red"
      variant="light"
      leftSection={<IconUserOff size={16} aria-hidden />}
      onClick={confirm}
      loading={disable.isPending}
    >
      Disable access
    </Button>
  );
}
