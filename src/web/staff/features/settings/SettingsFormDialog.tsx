import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode, SubmitEvent } from 'react';
import { ErrorAlert } from '../../../common/ErrorAlert.js';

/**
 * A settings form in a dialog: the fields, the save error when no field carries it, and Cancel
 * beside the submit button.
 */
export function SettingsFormDialog({
  title,
  submitLabel,
  pending,
  error,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  submitLabel: string;
  pending: boolean;
  /** The save's error; one that only names fields is shown by those fields, not here. */
  error: unknown;
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={onClose} title={title} centered size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={error} title="Could not save" hideWhenOnlyFields />
          {children}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
