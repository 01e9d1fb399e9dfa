import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';

interface TurnOffPortalModalProps {
  opened: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Confirms switching the Client Portal off for the whole practice. */
export function TurnOffPortalModal({ opened, pending, onConfirm, onCancel }: TurnOffPortalModalProps) {
  return (
    <Modal opened={opened} onClose={onCancel} title="Turn off the Client Portal?" centered>
      <Stack gap="md">
        <Text size="sm">For every client of your practice, whatever their own access:</Text>
        <List size="sm" spacing={4}>
          <List.Item>signed-in clients are signed out and nobody can sign in;</List.Item>
          <List.Item>messages, appointment requests, billing and payments in the portal stop;</List.Item>
          <List.Item>no invitations or sign-in links are emailed.</List.Item>
        </List>
        <Text size="sm">Turning it back on restores everyone’s previous access.</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} loading={pending}>
            Turn off the Client Portal
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
