import { Button, Flex, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useDisableAndResend } from './portal-access.queries.js';
import type { PortalEmailLoss, PortalMovePrompt } from './portal-move.js';

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

/** What staff chose before saving a change that takes the Client Portal's address away. */
export type PortalEmailLossAnswer = 'resend' | 'disable' | 'cancel';

interface PortalEmailLossModalProps {
  loss: PortalEmailLoss | null;
  onAnswer: (answer: PortalEmailLossAnswer) => void;
}

/**
 * Offered before Client Info is saved when the change edits or removes the address the Client
 * Portal uses. Keeping access on that address is no choice: saving disables it, and "Yes, Disable
 * and Resend" also invites the new address in the same save.
 */
export function PortalEmailLossModal({ loss, onAnswer }: PortalEmailLossModalProps) {
  return (
    <Modal
      opened={loss !== null}
      onClose={() => onAnswer('cancel')}
      title="Update Client Portal access?"
      centered
      size={720}
    >
      {loss ? (
        <Stack gap="md">
          <Text size="sm">
            The Client Portal uses <bdi>{loss.oldAddress}</bdi>,{' '}
            {loss.how.kind === 'changed' ? (
              <>
                which you changed to <bdi>{loss.how.newAddress}</bdi>.
              </>
            ) : (
              <>which you removed from the client’s emails.</>
            )}
          </Text>
          <Text size="sm">
            When you save, nothing works at <bdi>{loss.oldAddress}</bdi> any more: the client is signed out and every
            invitation, sign-in link and code sent there stops working.
          </Text>
          {loss.resendTo ? (
            <Text size="sm">
              <strong>Yes, Disable and Resend</strong> also emails a new invitation to <bdi>{loss.resendTo}</bdi>.{' '}
              <strong>Save and disable access</strong> leaves access disabled until you send an invitation from the
              Client Portal tab.
            </Text>
          ) : (
            <Text size="sm">
              {loss.whyNoResend} Access stays disabled until you send an invitation from the Client Portal tab.
            </Text>
          )}
          {/* One row on a wide screen; on a phone, full-width buttons with the main choice on top. */}
          <Flex direction={{ base: 'column-reverse', sm: 'row' }} justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => onAnswer('cancel')}>
              Back to editing
            </Button>
            <Button color="red" variant={loss.resendTo ? 'light' : 'filled'} onClick={() => onAnswer('disable')}>
              Save and disable access
            </Button>
            {loss.resendTo ? <Button onClick={() => onAnswer('resend')}>Yes, Disable and Resend</Button> : null}
          </Flex>
        </Stack>
      ) : null}
    </Modal>
  );
}
