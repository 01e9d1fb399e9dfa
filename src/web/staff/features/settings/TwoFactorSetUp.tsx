import { Alert, Button, Code, CopyButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { confirmTwoFactorBody, type TwoFactorSetup } from '../../../../shared/schemas/two-factor.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { BackupCodes } from './BackupCodes.js';
import { useConfirmTwoFactor, useStartTwoFactor } from './two-factor.queries.js';

/** The secret in groups of four, as authenticator apps show keys (spaces are ignored when typed). */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

interface TwoFactorSetUpProps {
  /** The email the authenticator app will name the account by. */
  account: string;
  /** Once the backup codes are saved. */
  onDone: () => void;
  /** Leaves set-up before it is confirmed (nothing is in force until then). */
  onCancel?: () => void;
  /** Shows the QR code at once, without the **Set up two-factor** button first. */
  startOpen?: boolean;
}

/**
 * Setting up two-factor: **Set up two-factor** asks the server for a new secret, shown as a QR
 * code and as a key to type; a code from the app confirms it; then the ten backup codes are shown,
 * once.
 */
export function TwoFactorSetUp({ account, onDone, onCancel, startOpen = false }: TwoFactorSetUpProps) {
  const start = useStartTwoFactor();
  const confirm = useConfirmTwoFactor();
  const [code, setCode] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const started = useRef(false);
  const { mutate: startSetUp } = start;
  useEffect(() => {
    if (!startOpen || started.current) return;
    started.current = true;
    startSetUp();
  }, [startOpen, startSetUp]);

  if (confirm.data) {
    return (
      <Stack gap="md">
        <Alert color="portico" variant="light" title="Two-factor sign-in is on" role="status">
          Save these backup codes now: they are shown only once. Each one signs you in once if you do not have your
          phone.
        </Alert>
        <BackupCodes codes={confirm.data.backupCodes} account={account} />
        <Group justify="flex-end">
          <Button onClick={onDone}>I have saved my backup codes</Button>
        </Group>
      </Stack>
    );
  }

  if (!start.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <ErrorAlert error={start.error} title="Could not start setting up two-factor" />
        <Group gap="sm">
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            Set up two-factor
          </Button>
          {onCancel ? (
            <Button variant="subtle" color="gray" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </Group>
      </Stack>
    );
  }

  const setup: TwoFactorSetup = start.data;
  const errors = { ...fieldErrorsOf(confirm.error), ...clientErrors };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = confirmTwoFactorBody.safeParse({ code });
    if (!parsed.success) {
      setClientErrors(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setClientErrors({});
    confirm.mutate({ code });
  };
  const codeRefused = isApiError(confirm.error) && confirm.error.code === 'code_invalid';

  return (
    <Stack gap="md">
      <Text size="sm">
        1. Open your authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password) and scan
        this QR code.
      </Text>
      <Image
        src={setup.qrCode}
        alt="QR code for adding Portico to your authenticator app"
        w={184}
        h={184}
        fit="contain"
        radius="sm"
        style={{ border: '1px solid var(--mantine-color-gray-3)' }}
      />
      <Stack gap={4}>
        <Text size="sm">Cannot scan it? Enter this key in the app instead:</Text>
        <Group gap="xs" align="center">
          <Code fz="sm" style={{ overflowWrap: 'anywhere' }} data-testid="two-factor-secret">
            {grouped(setup.secret)}
          </Code>
          <CopyButton value={setup.secret}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="subtle" onClick={copy}>
                {copied ? 'Copied' : 'Copy key'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">2. Enter the 6-digit code the app shows for Portico.</Text>
          {codeRefused ? null : (
            <ErrorAlert error={confirm.error} title="Could not turn on two-factor" hideWhenOnlyFields />
          )}
          <TextInput
            label="Code from your app"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            w={{ base: '100%', xs: 220 }}
            required
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={sentence(errors.code)}
          />
          {codeRefused ? (
            <Text size="xs" c="dimmed">
              <IconAlertTriangle size={12} aria-hidden /> Check that your phone’s clock is set automatically.
            </Text>
          ) : null}
          <Group gap="sm">
            <Button type="submit" loading={confirm.isPending}>
              Turn on two-factor
            </Button>
            {onCancel ? (
              <Button variant="subtle" color="gray" onClick={onCancel}>
                Cancel
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
