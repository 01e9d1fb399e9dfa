import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { forgotPasswordBody } from '../../../../shared/schemas/auth.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useForgotPassword } from './auth.queries.js';
import { AuthLayout } from '../../common/AuthLayout.js';

export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const request = useForgotPassword();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = forgotPasswordBody.safeParse({ email });
    if (!parsed.success) {
      setClientErrors(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setClientErrors({});
    request.mutate(parsed.data);
  };

  const backToSignIn = (
    <Anchor component={Link} to="/sign-in" fw={600}>
      Back to sign in
    </Anchor>
  );

  if (request.isSuccess) {
    return (
      <AuthLayout title="Check your email" footer={backToSignIn}>
        <Alert color="portico" variant="light" icon={<IconMailCheck aria-hidden />} role="status">
          If an account exists for <strong>{request.variables.email}</strong>, we have sent it a link to reset the
          password. The link works for a limited time.
        </Alert>
        <Text size="sm" c="dimmed">
          Nothing arrived? Check your spam folder, or try again in a few minutes.
        </Text>
      </AuthLayout>
    );
  }

  const errors = { ...fieldErrorsOf(request.error), ...clientErrors };
  return (
    <AuthLayout
      title="Forgot password?"
      subtitle="Enter the email you sign in with and we will send you a link to choose a new password."
      footer={backToSignIn}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={request.error} title="Could not send the link" hideWhenOnlyFields />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={sentence(errors.email)}
          />
          <Button type="submit" fullWidth loading={request.isPending}>
            Send reset link
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
