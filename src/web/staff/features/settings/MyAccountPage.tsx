import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { emailChangeBody, passwordChangeBody, type MyAccount } from '../../../../shared/schemas/settings.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { PasswordField } from '../../../common/PasswordField.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { ActiveSessions } from './ActiveSessions.js';
import { SettingsFrame, SettingsLoading, SettingsSection as Section } from './SettingsFrame.js';
import {
  useCancelEmailChange,
  useChangePassword,
  useMyAccount,
  useRequestEmailChange,
  useSaveName,
} from './settings.queries.js';

/** Settings → My account: every staff member's own name, email, password and signed-in browsers. */
export function MyAccountPage() {
  const account = useMyAccount();
  return (
    <SettingsFrame
      title="My account"
      description="Your name as clients and colleagues see it, how you sign in, and where you are signed in."
    >
      {account.data ? (
        <Stack gap="lg">
          <NameForm key={`name-${account.dataUpdatedAt}`} account={account.data} />
          <EmailForm account={account.data} />
          <PasswordForm />
          <ActiveSessions />
        </Stack>
      ) : (
        <SettingsLoading error={account.error} label="Loading your account" />
      )}
    </SettingsFrame>
  );
}

function NameForm({ account }: { account: MyAccount }) {
  const [name, setName] = useState(account.name);
  const save = useSaveName();
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(name, {
      onSuccess: () =>
        notifications.show({ color: 'portico', title: 'Name saved', message: 'Portico shows it from now on.' }),
    });
  };
  return (
    <Section title="Name">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={save.error} title="Could not save your name" hideWhenOnlyFields />
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={sentence(fieldErrorsOf(save.error).name)}
          />
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={save.isPending}>
              Save name
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function EmailForm({ account }: { account: MyAccount }) {
  const [email, setEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const request = useRequestEmailChange();
  const cancel = useCancelEmailChange();
  const errors = { ...fieldErrorsOf(request.error), ...clientErrors };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = emailChangeBody.safeParse({ email, currentPassword });
    if (!parsed.success) {
      setClientErrors(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setClientErrors({});
    request.mutate(parsed.data, {
      onSuccess: () => {
        setEmail('');
        setCurrentPassword('');
      },
    });
  };

  return (
    <Section title="Email" description="You sign in with this email, and Portico sends your notifications to it.">
      <Text size="sm">
        Current email:{' '}
        <Text span fw={600} inherit style={{ overflowWrap: 'anywhere' }}>
          {account.email}
        </Text>
      </Text>
      {account.pendingEmail ? (
        <Alert
          color="blue"
          variant="light"
          icon={<IconMailForward aria-hidden />}
          title="Waiting for confirmation"
          role="status"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              We sent a link to {account.pendingEmail}. Your email changes when you open it (within 24 hours). Until
              then, keep signing in with {account.email}.
            </Text>
            <Button size="xs" variant="default" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              Cancel the change
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={request.error} title="Could not change your email" hideWhenOnlyFields />
          <TextInput
            label="New email"
            type="email"
            required
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={sentence(errors.email)}
          />
          <PasswordField
            label="Current password"
            description="To make sure it is you."
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={sentence(errors.currentPassword)}
          />
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={request.isPending}>
              Send confirmation link
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function PasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const change = useChangePassword();
  const errors = { ...fieldErrorsOf(change.error), ...clientErrors };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrorMap = {};
    const parsed = passwordChangeBody.safeParse({ currentPassword, newPassword });
    if (!parsed.success) Object.assign(found, zodIssuesToFieldErrors(parsed.error.issues));
    if (newPassword !== confirm) found.confirm = 'does not match the new password';
    setClientErrors(found);
    if (!parsed.success || found.confirm) return;
    change.mutate(parsed.data, {
      onSuccess: ({ signedOut }) => {
        setCurrentPassword('');
        setNewPassword('');
        setConfirm('');
        notifications.show({
          color: 'portico',
          title: 'Password changed',
          message:
            signedOut === 0
              ? 'You stay signed in here.'
              : `You stay signed in here; ${signedOut === 1 ? '1 other session was' : `${signedOut} other sessions were`} signed out.`,
        });
      },
    });
  };

  return (
    <Section
      title="Password"
      description="Changing your password signs you out everywhere else; this browser stays signed in."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={change.error} title="Could not change your password" hideWhenOnlyFields />
          <PasswordField
            label="Current password"
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={sentence(errors.currentPassword)}
          />
          <PasswordField
            label="New password"
            description="At least 10 characters."
            required
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={sentence(errors.newPassword)}
          />
          <PasswordField
            label="Confirm new password"
            required
            autoComplete="new-password"
            value={confirm}
            onChange={(event) => setConfirm(event.currentTarget.value)}
            error={sentence(errors.confirm)}
          />
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
