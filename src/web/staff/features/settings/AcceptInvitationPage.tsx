import { Alert, Anchor, Blockquote, Button, Loader, Group, Stack, Text } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { password as passwordPolicy } from '../../../../shared/schemas/auth.js';
import type { InvitationPreview } from '../../../../shared/schemas/team.js';
import type { CodeNeeded } from '../../../../shared/schemas/two-factor.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { PasswordField } from '../../../common/PasswordField.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { AuthLayout } from '../../common/AuthLayout.js';
import { SignInCodeStep } from '../auth/index.js';
import { roleList } from './team-roles.js';
import { useAcceptInvitation, useInvitationPreview } from './team.queries.js';

/** The link's token travels in the fragment (`#token=…`), which browsers never send to a server. */
function tokenFromHash(): string {
  if (typeof window === 'undefined') return '';
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

function LinkProblem({ message }: { message: string }) {
  return (
    <AuthLayout title="This invitation does not work">
      <Alert
        color="red"
        variant="light"
        icon={<IconLinkOff aria-hidden />}
        title="Invitation link not valid"
        role="alert"
      >
        {message}
      </Alert>
      <Button component={Link} to="/sign-in" fullWidth>
        Go to sign in
      </Button>
    </AuthLayout>
  );
}

const expiredMessage =
  'This invitation has expired, was replaced by a newer email, was revoked or has already been used. Ask the practice owner to send it again.';

/** Where a team invitation's link leads: choose a password (or enter your existing one) and join. */
export function AcceptInvitationPage() {
  usePageTitle('Accept invitation');
  const [token] = useState(tokenFromHash);
  const preview = useInvitationPreview(token);
  if (!token) return <LinkProblem message="The link is missing its code. Open the link from the email again." />;
  if (isApiError(preview.error) && preview.error.code === 'token_invalid')
    return <LinkProblem message={expiredMessage} />;
  if (!preview.data) {
    return (
      <AuthLayout title="Accept invitation">
        {preview.error ? (
          <ErrorAlert error={preview.error} title="Could not open the invitation" />
        ) : (
          <Group justify="center" py="md">
            <Loader aria-label="Opening the invitation" />
          </Group>
        )}
      </AuthLayout>
    );
  }
  return <AcceptForm token={token} invitation={preview.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const [pending, setPending] = useState<CodeNeeded | null>(null);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const goIn = () => void navigate('/clients', { replace: true });

  if (isApiError(accept.error) && accept.error.code === 'token_invalid')
    return <LinkProblem message={expiredMessage} />;
  // The account has two-factor: the invitation is accepted, and signing in takes its code.
  if (pending) {
    return (
      <SignInCodeStep
        pending={pending}
        subtitle={`You joined ${invitation.practiceName}. Enter your code to sign in.`}
        onSignedIn={goIn}
        onRestart={() => void navigate('/sign-in', { replace: true })}
      />
    );
  }

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrorMap = {};
    if (invitation.hasAccount) {
      if (!password) errors.password = 'is required';
    } else {
      const parsed = passwordPolicy.safeParse(password);
      if (!parsed.success) errors.password = zodIssuesToFieldErrors(parsed.error.issues)[''] ?? 'is not valid';
      if (password !== confirm) errors.confirm = 'does not match the password';
    }
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    accept.mutate(
      { token, password },
      { onSuccess: (answer) => ('codeRequired' in answer ? setPending(answer) : goIn()) },
    );
  };

  const errors = { ...fieldErrorsOf(accept.error), ...clientErrors };
  return (
    <AuthLayout
      title={`Join ${invitation.practiceName}`}
      subtitle={`${invitation.invitedBy} invited ${invitation.name} (${invitation.email}) as ${roleList(invitation.roles)}.`}
    >
      {invitation.message ? (
        <Blockquote p="sm" color="portico" cite={`— ${invitation.invitedBy}`}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {invitation.message}
          </Text>
        </Blockquote>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {Object.keys(fieldErrorsOf(accept.error)).length === 0 ? (
            <ErrorAlert error={accept.error} title="Could not accept the invitation" />
          ) : null}
          {invitation.hasAccount ? (
            <>
              <Text size="sm">
                You already have a Portico account with this email. Enter its password to join {invitation.practiceName}
                ; you can then switch between your practices from the account menu.
              </Text>
              <PasswordField
                label="Your Portico password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={sentence(errors.password)}
              />
            </>
          ) : (
            <>
              <Text size="sm">
                Choose a password to sign in with. Use at least 10 characters; a short sentence works well.
              </Text>
              <PasswordField
                label="Password"
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
            </>
          )}
          <Button type="submit" fullWidth loading={accept.isPending}>
            Accept invitation
          </Button>
          {invitation.hasAccount ? (
            <Anchor component={Link} to="/forgot-password" ta="center" size="sm">
              Forgot your password?
            </Anchor>
          ) : null}
        </Stack>
      </form>
    </AuthLayout>
  );
}
