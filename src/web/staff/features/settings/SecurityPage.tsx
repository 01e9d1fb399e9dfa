import { Alert, Badge, Button, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { appCode, disableTwoFactorBody, type TwoFactorStatus } from '../../../../shared/schemas/two-factor.js';
import { isApiError } from '../../../common/api.js';
import { formatDate } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { PasswordField } from '../../../common/PasswordField.js';
import { useSignedIn } from '../../common/session.js';
import { BackupCodes } from './BackupCodes.js';
import { SettingsFrame, SettingsLoading, SettingsSection } from './SettingsFrame.js';
import { TwoFactorSetUp } from './TwoFactorSetUp.js';
import {
  useDisableTwoFactor,
  useNewBackupCodes,
  usePracticeSecurity,
  useRefreshSession,
  useTwoFactorStatus,
  useUpdatePracticeSecurity,
} from './two-factor.queries.js';

/**
 * Settings → Security: each staff member's own two-factor sign-in (set up, new backup codes, turn
 * off), and for owners the practice's **Require two-factor for everyone**.
 */
export function SecurityPage() {
  const { staff } = useSignedIn();
  const status = useTwoFactorStatus();
  return (
    <SettingsFrame
      title="Security"
      description="Protect your account with a code from your phone as well as your password."
    >
      {status.data ? (
        <Stack gap="lg">
          <TwoFactorSection status={status.data} account={staff.email} />
          {staff.roles.includes('owner') ? <RequireForEveryone ownEnabled={status.data.enabled} /> : null}
        </Stack>
      ) : (
        <SettingsLoading error={status.error} label="Loading your security settings" />
      )}
    </SettingsFrame>
  );
}

function OnOff({ on }: { on: boolean }) {
  return (
    <Badge variant="light" color={on ? 'portico' : 'gray'} size="lg">
      {on ? 'On' : 'Off'}
    </Badge>
  );
}

function TwoFactorSection({ status, account }: { status: TwoFactorStatus; account: string }) {
  const { practice } = useSignedIn();
  const refreshSession = useRefreshSession();
  const [settingUp, setSettingUp] = useState(false);
  const [newCodes, setNewCodes] = useState(false);
  const [turningOff, setTurningOff] = useState(false);

  return (
    <SettingsSection
      title="Two-factor sign-in"
      description="After your password, Portico asks for the 6-digit code your authenticator app shows. Someone who learns your password still cannot sign in."
    >
      {/* While set-up shows the backup codes, two-factor is already on: set-up stays until they are saved. */}
      <Group gap="sm">
        <Text size="sm" fw={600}>
          Status
        </Text>
        <OnOff on={status.enabled} />
        {status.enabled && status.enabledAt ? (
          <Text size="sm" c="dimmed">
            since {formatDate(status.enabledAt, practice.timeZone)}
          </Text>
        ) : null}
      </Group>
      {settingUp ? (
        <TwoFactorSetUp
          account={account}
          startOpen
          onCancel={() => setSettingUp(false)}
          onDone={() => {
            setSettingUp(false);
            void refreshSession();
          }}
        />
      ) : status.enabled ? (
        <>
          <Text size="sm">
            {status.backupCodesLeft === 1 ? '1 backup code left.' : `${status.backupCodesLeft} backup codes left.`} Each
            backup code signs you in once when you do not have your phone.
          </Text>
          {status.backupCodesLeft <= 3 ? (
            <Alert color="orange" variant="light" title="Few backup codes left">
              Make new backup codes so that you can still sign in if you lose your phone.
            </Alert>
          ) : null}
          <Group gap="sm">
            <Button variant="default" onClick={() => setNewCodes(true)}>
              Make new backup codes
            </Button>
            <Button variant="subtle" color="red" onClick={() => setTurningOff(true)}>
              Turn off two-factor
            </Button>
          </Group>
          <NewBackupCodesDialog opened={newCodes} onClose={() => setNewCodes(false)} account={account} />
          <TurnOffDialog
            opened={turningOff}
            onClose={() => setTurningOff(false)}
            requiredByPractice={status.requiredByPractice}
          />
        </>
      ) : (
        <Stack gap="sm" align="flex-start">
          {status.requiredByPractice ? (
            <Alert color="blue" variant="light" title="Your practice requires two-factor sign-in">
              Set it up now; your next sign-in will ask you to.
            </Alert>
          ) : null}
          <Text size="sm">
            You need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or
            1Password.
          </Text>
          <Button leftSection={<IconShieldCheck size={16} aria-hidden />} onClick={() => setSettingUp(true)}>
            Set up two-factor
          </Button>
        </Stack>
      )}
    </SettingsSection>
  );
}

/** New backup codes in place of all the old ones: a code from the app (or a backup code) first. */
function NewBackupCodesDialog({ opened, onClose, account }: { opened: boolean; onClose: () => void; account: string }) {
  const [code, setCode] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
  const make = useNewBackupCodes();
  const close = () => {
    setCode('');
    setClientError(undefined);
    make.reset();
    onClose();
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = appCode.safeParse(code);
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    make.mutate({ code });
  };
  const codeRefused = isApiError(make.error) && make.error.code === 'code_invalid';
  return (
    <Modal opened={opened} onClose={close} title="Make new backup codes" centered size="lg">
      {make.data ? (
        <Stack gap="md">
          <Alert color="portico" variant="light" title="New backup codes" role="status">
            Save these now: they are shown only once. Your earlier backup codes no longer work.
          </Alert>
          <BackupCodes codes={make.data.backupCodes} account={account} />
          <Group justify="flex-end">
            <Button onClick={close}>I have saved my backup codes</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              Ten new codes replace all of your backup codes, used or not. Enter the code your authenticator app shows
              to continue.
            </Text>
            {codeRefused ? null : (
              <ErrorAlert error={make.error} title="Could not make new backup codes" hideWhenOnlyFields />
            )}
            <TextInput
              label="Code from your app"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              required
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={sentence(clientError ?? fieldErrorsOf(make.error).code)}
              data-autofocus
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={make.isPending}>
                Make new codes
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Turning two-factor off takes the password and a code (from the app, or a backup code). */
function TurnOffDialog({
  opened,
  onClose,
  requiredByPractice,
}: {
  opened: boolean;
  onClose: () => void;
  requiredByPractice: boolean;
}) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const disable = useDisableTwoFactor();
  const close = () => {
    setPassword('');
    setCode('');
    setClientErrors({});
    disable.reset();
    onClose();
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = disableTwoFactorBody.safeParse({ password, code });
    if (!parsed.success) {
      setClientErrors(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setClientErrors({});
    disable.mutate(
      { password, code },
      {
        onSuccess: () => {
          notifications.show({
            color: 'portico',
            title: 'Two-factor sign-in is off',
            message: 'Your password alone signs you in now.',
          });
          close();
        },
      },
    );
  };
  const errors = { ...fieldErrorsOf(disable.error), ...clientErrors };
  const codeRefused = isApiError(disable.error) && disable.error.code === 'code_invalid';
  return (
    <Modal opened={opened} onClose={close} title="Turn off two-factor sign-in?" centered>
      {requiredByPractice ? (
        <Stack gap="md">
          <Text size="sm">
            Your practice requires two-factor sign-in for everyone, so it cannot be turned off. If you lost your phone,
            sign in with a backup code and make new ones, or ask an owner to reset your two-factor.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Close
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">Your password alone will sign you in. Enter it and a code to confirm it is you.</Text>
            {codeRefused ? null : (
              <ErrorAlert error={disable.error} title="Could not turn off two-factor" hideWhenOnlyFields />
            )}
            <PasswordField
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={sentence(errors.password)}
              data-autofocus
            />
            <TextInput
              label="Code from your app, or a backup code"
              autoComplete="one-time-code"
              autoCapitalize="off"
              spellCheck={false}
              maxLength={20}
              required
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={sentence(errors.code)}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={disable.isPending}>
                Turn off two-factor
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Owners: **Require two-factor for everyone**. Their own two-factor comes first. */
function RequireForEveryone({ ownEnabled }: { ownEnabled: boolean }) {
  const security = usePracticeSecurity();
  const update = useUpdatePracticeSecurity();
  return (
    <SettingsSection
      title="Two-factor for your team"
      description="Members without two-factor are taken to set it up at their next sign-in, and can do nothing else until they have. Members already signed in keep working until then."
    >
      {security.data ? (
        <Stack gap="sm">
          <ErrorAlert error={update.error} title="Could not change the requirement" />
          <Switch
            label="Require two-factor for everyone"
            description={
              ownEnabled
                ? security.data.membersWithoutTwoFactor === 0
                  ? 'Every active member has two-factor on.'
                  : `${security.data.membersWithoutTwoFactor} active ${security.data.membersWithoutTwoFactor === 1 ? 'member does' : 'members do'} not have two-factor yet.`
                : 'Set up two-factor for your own account first.'
            }
            checked={security.data.requireTwoFactor}
            disabled={(!ownEnabled && !security.data.requireTwoFactor) || update.isPending}
            onChange={(event) => update.mutate({ requireTwoFactor: event.currentTarget.checked })}
          />
        </Stack>
      ) : (
        <SettingsLoading error={security.error} label="Loading the practice's security settings" />
      )}
    </SettingsSection>
  );
}
