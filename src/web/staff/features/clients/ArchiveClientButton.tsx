import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import type { Client } from '../../../../shared/schemas/clients.js';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { fullName } from '../../common/client-name.js';
import { useArchiveClient } from './clients.queries.js';

/** Archive client / Restore client, each after a confirmation. */
export function ArchiveClientButton({ client }: { client: Client }) {
  const change = useArchiveClient(client.id);
  const archived = client.archivedAt !== null;
  const name = fullName(client);

  const run = (action: 'archive' | 'restore') =>
    change.mutate(action, {
      onSuccess: () =>
        notifications.show({
          color: 'portico',
          title: action === 'archive' ? 'Client archived' : 'Client restored',
          message: name,
        }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: action === 'archive' ? 'Could not archive the client' : 'Could not restore the client',
          message: errorMessage(error),
        }),
    });

  const confirm = () =>
    archived
      ? modals.openConfirmModal({
          title: 'Restore client?',
          children: (
            <Text size="sm">
              <bdi>{name}</bdi> will appear in the active client list again.
            </Text>
          ),
          labels: { confirm: 'Restore client', cancel: 'Cancel' },
          onConfirm: () => run('restore'),
        })
      : modals.openConfirmModal({
          title: 'Archive client?',
          children: (
            <Text size="sm">
              <bdi>{name}</bdi> will be hidden from the active client list. Their record is kept, and you can restore
              them at any time.
            </Text>
          ),
          labels: { confirm: 'Archive client', cancel: 'Cancel' },
          confirmProps: { color: 'red' },
          onConfirm: () => run('archive'),
        });

  return archived ? (
    <Button
      variant="default"
      leftSection={<IconArchiveOff size={16} aria-hidden />}
      onClick={confirm}
      loading={change.isPending}
    >
      Restore client
    </Button>
  ) : (
    <Button
      variant="default"
      color="red"
      leftSection={<IconArchive size={16} aria-hidden />}
      onClick={confirm}
      loading={change.isPending}
    >
      Archive client
    </Button>
  );
}
