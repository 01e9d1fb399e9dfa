import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { StaffRole } from '../../../../shared/schemas/auth.js';
import { inviteBody } from '../../../../shared/schemas/team.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { RolesField } from './team-roles.js';
import { useInviteMember } from './team.queries.js';

/** **Invite team member**: name, email, roles and an optional message; the link goes by email. */
export function InviteMemberDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<StaffRole[]>(['clinician']);
  const [message, setMessage] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const invite = useInviteMember();

  const close = () => {
    setName('');
    setEmail('');
    setRoles(['clinician']);
    setMessage('');
    setClientErrors({});
    invite.reset();
    onClose();
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = inviteBody.safeParse({ name, email, roles, message });
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    invite.mutate(
      { ...parsed.data },
      {
        onSuccess: () => {
          notifications.show({
            color: 'portico',
            title: 'Invitation sent',
            message: `${parsed.data.name} will receive an email with a link to join. It works for 7 days.`,
          });
          close();
        },
      },
    );
  };

  const errors = { ...fieldErrorsOf(invite.error), ...clientErrors };
  return (
    <Modal opened={opened} onClose={close} title="Invite team member" centered size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {Object.keys(fieldErrorsOf(invite.error)).length === 0 ? (
            <ErrorAlert error={invite.error} title="Could not send the invitation" />
          ) : null}
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={sentence(errors.name)}
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={sentence(errors.email)}
          />
          <RolesField value={roles} onChange={setRoles} error={sentence(errors.roles)} />
          <Textarea
            label="Message (optional)"
            description="Added to the invitation email."
            autosize
            minRows={2}
            maxRows={6}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            error={sentence(errors.message)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
