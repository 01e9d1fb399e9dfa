import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { resetPasswordBody } from '../../../../shared/schemas/auth.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { PasswordField } from '../../../common/PasswordField.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useResetPassword } from './auth.queries.js';
import { AuthLayout } from '../../common/AuthLayout.js';

function LinkProblem({ message }: { message: string }) {
  return (
    <AuthLayout title="This link does not work">
      <Alert color="red" variant="light" icon={<IconLinkOff aria-hidden />} title="Reset link not valid" role="alert">
        {message}
      </Alert>
      <Button component={Link} to="/forgot-password" fullWidth>
        Request a new link
      </Button>
      <Anchor component={Link} to="/sign-in" ta="center" size="sm">
        Back to sign in
      </Anchor>
    </AuthLayout>
  );
}

export function ResetPasswordPage() {
  usePageTitle('Reset password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const reset = useResetPassword();

  if (!token) {
    return (
      <LinkProblem message="The link is missing its code. Open the link from the email again, or request a new one." />
    );
  }
  if (isApiError(reset.error) && reset.error.code === 'token_invalid') {
    return (
      <LinkProblem message="This password reset link has expired or has already been used. Request a new one to continue." />
    );
  }
  if (reset.isSuccess) {
    return (
      <AuthLayout title="Password changed">
        <Alert color="portico" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          Your password has been changed. You can now sign in with your new password.
        </Alert>
        <Button component={Link} to="/sign-in" fullWidth>
          Sign in
        </Button>
      </AuthLayout>
    );
  }

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrorMap = {};
    const parsed = resetPasswordBody.safeParse({ token, password });
    if (!parsed.success) Object.assign(errors, zodIssuesToFieldErrors(parsed.error.issues));
    if (password !== confirm) errors.confirm = 'does not match the new password';
    setClientErrors(errors);
    if (!parsed.success || errors.confirm) return;
    reset.mutate(parsed.data);
  };

  const errors = { ...fieldErrorsOf(reset.error), ...clientErrors };
  const tokenError = errors.token;
  return (
    <AuthLayout title="Choose a new password" subtitle="Use at least 10 characters. A short sentence works well.">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {tokenError ? (
            <Alert color="red" variant="light" role="alert" title="Reset link not valid">
              This link {tokenError}.{' '}
              <Anchor component={Link} to="/forgot-password">
                Request a new link
              </Anchor>
              .
            </Alert>
          ) : (
            <ErrorAlert error={reset.error} title="Could not change the password" hideWhenOnlyFields />
          )}
          <PasswordField
            label="New password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={sentence(errors.password)}
          />
          <PasswordField
            label="Confirm password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(event) => setConfirm(event.currentTarget.value)}
            error={sentence(errors.confirm)}
          />
          <Button type="submit" fullWidth loading={reset.isPending}>
            Change password
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
