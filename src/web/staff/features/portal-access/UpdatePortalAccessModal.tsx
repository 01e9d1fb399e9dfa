import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useDisableAndResend } from './portal-access.api.js';
import type { PortalMovePrompt } from './portal-move.js';

interface UpdatePortalAccessModalProps {
  clientId: string;
  prompt: PortalMovePrompt | null;
  onClose: () => void;
}

/** Offered after the primary email changed while the Client Portal still uses the old address. */
export function UpdatePortalAccessModal({ clientId, prompt, onClose }: UpdatePortalAccessModalProps) {
  const move = useDisableAndResend(clientId);
  const close = () => {
    move.reset();
    onClose();
  };
  const confirm = () => {
    if (!prompt) return;
    move.mutate(
      { emailId: prompt.email.id, message: prompt.message },
      {
        onSuccess: () => {
          notifications.show({
            color: 'portico',
            title: `Access moved to ${prompt.email.address}; invitation sent`,
            message: `Links sent to ${prompt.oldAddress} no longer work.`,
          });
          close();
        },
      },
    );
  };

  return (
    <Modal opened={prompt !== null} onClose={close} title="Update Client Portal access?" centered size="lg">
      {prompt ? (
        <Stack gap="md">
          <Text size="sm">
            The primary email is now <bdi>{prompt.email.address}</bdi>, but the Client Portal still uses{' '}
            <bdi>{prompt.oldAddress}</bdi>.
          </Text>
          <Text size="sm">
            <strong>Yes, Disable and Resend</strong> ends the current access (sessions and every link sent to the old
            address stop working) and emails a new invitation to <bdi>{prompt.email.address}</bdi>.
          </Text>
          <ErrorAlert error={move.error} title="Could not update Client Portal access" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Keep current access
            </Button>
            <Button onClick={confirm} loading={move.isPending}>
              Yes, Disable and Resend
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
