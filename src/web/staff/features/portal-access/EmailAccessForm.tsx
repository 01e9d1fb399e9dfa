import { Alert, Checkbox, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState } from 'react';
import type { PortalAccessView } from '../../../../shared/schemas/portal-access.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { useSendInvitation } from './portal-access.queries.js';
import { preselectedEmail } from './portal-email.js';
import { SendEmailForm } from './SendEmailForm.js';

interface EmailAccessFormProps {
  clientId: string;
  view: PortalAccessView;
}

/**
 * The portal email and how to (re)send the invitation, by state: invite or restore; resend while
 * not signed in yet; or move access to another email (links sent to the old one stop working).
 */
export function EmailAccessForm({ clientId, view }: EmailAccessFormProps) {
  const [emailId, setEmailId] = useState<string | null>(() => preselectedEmail(view)?.id ?? null);
  const [resend, setResend] = useState(false);
  const [message, setMessage] = useState(view.defaultMessage);
  const send = useSendInvitation(clientId);
  const errors = fieldErrorsOf(send.error);

  const selected = view.eligibleEmails.find((e) => e.id === emailId);
  const current = view.email;
  const holdsAccess = view.state === 'invited' || view.state === 'active';
  const moving = holdsAccess && current !== null && selected !== undefined && selected.address !== current.address;
  const showSend =
    view.state === 'not_invited' || view.state === 'disabled' || moving || (view.state === 'invited' && resend);

  const submit = () => {
    if (!selected) return;
    send.mutate(
      { emailId: selected.id, message },
      {
        onSuccess: () =>
          notifications.show({
            color: 'portico',
            title: `Invitation sent to ${selected.address}`,
            message:
              moving && current
                ? `Links sent to ${current.address} no longer work.`
                : 'It holds a sign-in link valid for 7 days.',
          }),
      },
    );
  };

  return (
    <Stack gap="md">
      <Select
        label="Email"
        description={holdsAccess ? 'The email the client signs in with.' : 'Where the invitation goes.'}
        data={view.eligibleEmails.map((e) => ({
          value: e.id,
          label: e.isPrimary ? `${e.address} (primary)` : e.address,
        }))}
        value={emailId}
        onChange={(value) => {
          setEmailId(value);
          send.reset();
        }}
        allowDeselect={false}
        error={sentence(errors.emailId)}
        maw={480}
        comboboxProps={{ withinPortal: true }}
      />
      {view.state === 'invited' && !moving ? (
        <Checkbox
          label="Resend email invitation"
          description="Send a new invitation with a fresh sign-in link to the same email."
          checked={resend}
          onChange={(event) => setResend(event.currentTarget.checked)}
        />
      ) : null}
      {moving && current ? (
        <Alert
          color="blue"
          variant="light"
          icon={<IconArrowsExchange aria-hidden />}
          title="Move Client Portal access to this email"
        >
          <Text size="sm">
            A new invitation goes to <bdi>{selected?.address}</bdi>. Links sent to <bdi>{current.address}</bdi> will
            stop working{view.state === 'active' ? ' and the client signs in again with the new email' : ''}.
          </Text>
        </Alert>
      ) : null}
      {showSend ? (
        <SendEmailForm
          message={message}
          onMessageChange={(value) => setMessage(value)}
          messageError={sentence(errors.message)}
          onSend={submit}
          pending={send.isPending}
          disabled={!view.practicePortalEnabled || !selected}
        />
      ) : null}
      <ErrorAlert error={send.error} title="Could not send the email" hideWhenOnlyFields />
    </Stack>
  );
}
