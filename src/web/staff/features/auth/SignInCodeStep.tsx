import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconClockX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import type { SessionState } from '../../../../shared/schemas/auth.js';
import type { CodeNeeded } from '../../../../shared/schemas/two-factor.js';
import { BACKUP_CODE_PATTERN } from '../../../../shared/two-factor-codes.js';
import { onDemand, usePreload } from '../../../common/on-demand.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { AuthLayout } from '../../common/AuthLayout.js';
import { useSignInCode } from './auth.queries.js';

interface SignInCodeStepProps {
  /** The pending sign-in the password step answered. */
  pending: CodeNeeded;
  /** Signed in: the new session state is already kept. */
  onSignedIn: (state: SessionState) => void;
  /** Back to the password (the pending sign-in ended, or the person chose to). */
  onRestart: () => void;
  /** Where the password was given (the sign-in page, an invitation). */
  subtitle?: string;
}

const backupShape = (value: string) => value.replace(/[\s-]/g, '').toLowerCase();

/**
 * The sign-in's second step, for an account with two-factor: the 6-digit code from the
 * authenticator app, or (**Use a backup code**) one of the backup codes in its place. A wrong or
 * already used code is said so at the field; a pending sign-in that ended (5 minutes, or 5 wrong
 * codes) asks for the password again.
 */
/** The app code's schema, loaded after the step shows (see onDemand), so zod is not in the sign-in page's first load. */
const codeSchemas = onDemand(() => import('../../../../shared/schemas/two-factor.js'));

export function SignInCodeStep({ pending, onSignedIn, onRestart, subtitle }: SignInCodeStepProps) {
  const [backup, setBackup] = useState(false);
  const [code, setCode] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
  const signIn = useSignInCode();
  usePreload(codeSchemas);
  const input = useRef<HTMLInputElement>(null);
  // The password was just given: the code field takes the keyboard, and again when the kind changes.
  useEffect(() => input.current?.focus(), [backup]);

  const ended = isApiError(signIn.error) && signIn.error.code === 'token_invalid';
  if (ended) {
    return (
      <AuthLayout title="Sign in again">
        <Alert color="orange" variant="light" icon={<IconClockX aria-hidden />} title="This sign-in ended" role="alert">
          It waited too long for a code, or was given too many wrong codes. Enter your email and password again.
        </Alert>
        <Button fullWidth onClick={onRestart}>
          Back to sign in
        </Button>
      </AuthLayout>
    );
  }

  const switchKind = () => {
    setBackup((now) => !now);
    setCode('');
    setClientError(undefined);
    signIn.reset();
  };

  const send = async () => {
    if (backup) {
      if (!BACKUP_CODE_PATTERN.test(backupShape(code))) {
        setClientError('must be one of your backup codes: 12 letters and digits');
        return;
      }
    } else {
      // Without the schema (it could not load) the code goes as typed; the server checks it all the same.
      const schemas = await codeSchemas.get().catch(() => null);
      const parsed = schemas?.appCode.safeParse(code);
      if (parsed && !parsed.success) {
        setClientError(parsed.error.issues[0]?.message ?? 'must be the 6-digit code from your app');
        return;
      }
    }
    setClientError(undefined);
    signIn.mutate({ token: pending.token, code }, { onSuccess: onSignedIn });
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send();
  };

  // A wrong or used code is said whole at the field ("That code is not right, or it has been used already.").
  const refused = isApiError(signIn.error) && signIn.error.code === 'code_invalid' ? signIn.error : null;
  const onlyTheField = refused !== null;
  const fieldError = clientError
    ? sentence(clientError)
    : (refused?.message ?? sentence(fieldErrorsOf(signIn.error).code));
  const alertTitle =
    isApiError(signIn.error) && signIn.error.code === 'rate_limited' ? 'Too many attempts' : 'Could not sign in';

  return (
    <AuthLayout title="Two-factor sign-in" subtitle={subtitle}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {backup
              ? 'Enter one of the backup codes you saved when you set up two-factor. Each code works once.'
              : 'Open your authenticator app and enter the 6-digit code it shows for Portico.'}
          </Text>
          {onlyTheField ? null : <ErrorAlert error={signIn.error} title={alertTitle} hideWhenOnlyFields />}
          <TextInput
            key={backup ? 'backup' : 'app'}
            label={backup ? 'Backup code' : 'Code from your app'}
            inputMode={backup ? 'text' : 'numeric'}
            autoComplete={backup ? 'off' : 'one-time-code'}
            autoCapitalize="off"
            spellCheck={false}
            maxLength={backup ? 20 : 12}
            required
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={fieldError}
            ref={input}
          />
          <Button type="submit" fullWidth loading={signIn.isPending}>
            Sign in
          </Button>
          <Group justify="space-between" gap="xs">
            <Anchor component="button" type="button" size="sm" onClick={switchKind}>
              {backup ? 'Use the code from your app' : 'Use a backup code'}
            </Anchor>
            <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onRestart}>
              Start over
            </Anchor>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
