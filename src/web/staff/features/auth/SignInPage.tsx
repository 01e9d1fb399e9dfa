import { Anchor, Button, Code, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SignInBody } from '../../../../shared/schemas/auth.js';
import type { CodeNeeded } from '../../../../shared/schemas/two-factor.js';
import { isApiError } from '../../../common/api.js';
import { onDemand, usePreload } from '../../../common/on-demand.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { PasswordField } from '../../../common/PasswordField.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSession } from '../../common/session.js';
import { safeNext } from '../../common/guards.js';
import { useSignIn } from './auth.queries.js';
import { SignInCodeStep } from './SignInCodeStep.js';
import { AuthLayout } from '../../common/AuthLayout.js';

/** The schema the form checks input with, loaded after the page shows (see onDemand): zod stays off the first load. */
const signInSchemas = onDemand(() => import('../../../../shared/schemas/auth.js'));

export function SignInPage() {
  usePageTitle('Sign in');
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const [pending, setPending] = useState<CodeNeeded | null>(null);

  const signIn = useSignIn();
  const goOn = () => void navigate(safeNext(params.get('next')), { replace: true });
  // Above the code step's early return: a hook runs on every render.
  usePreload(signInSchemas);

  if (pending) {
    return (
      <SignInCodeStep
        pending={pending}
        subtitle={email}
        onSignedIn={goOn}
        onRestart={() => {
          setPending(null);
          setPassword('');
          signIn.reset();
        }}
      />
    );
  }

  const send = async () => {
    const schemas = await signInSchemas.get().catch(() => null);
    const parsed = schemas?.signInBody.safeParse({ email, password });
    if (parsed && !parsed.success) {
      setClientErrors(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setClientErrors({});
    // Without the schema (it could not load) the input goes as typed; the server checks it all the same.
    const body: SignInBody = parsed?.data ?? { email, password };
    signIn.mutate(body, {
      // An account with two-factor gives its code next; any other is signed in.
      onSuccess: (answer) => ('codeRequired' in answer ? setPending(answer) : goOn()),
    });
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send();
  };

  const serverFields = fieldErrorsOf(signIn.error);
  const errors = { ...serverFields, ...clientErrors };
  const alertTitle =
    isApiError(signIn.error) && signIn.error.code === 'rate_limited' ? 'Too many attempts' : 'Could not sign in';

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back. Sign in to your practice."
      footer={
        session.signupAllowed ? (
          <>
            New to Portico?{' '}
            <Anchor component={Link} to="/sign-up" fw={600}>
              Create a practice
            </Anchor>
          </>
        ) : undefined
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {session.demo ? (
            <DemoCredentials
              email={session.demo.email}
              password={session.demo.password}
              onUse={() => {
                setEmail(session.demo?.email ?? '');
                setPassword(session.demo?.password ?? '');
              }}
            />
          ) : null}
          <ErrorAlert error={signIn.error} title={alertTitle} hideWhenOnlyFields />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={sentence(errors.email)}
            data-autofocus
          />
          <PasswordField
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={sentence(errors.password)}
          />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot password?
            </Anchor>
          </Group>
          <Button type="submit" fullWidth loading={signIn.isPending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

/** Only in the demo (`npm run demo`, DEMO=1): the demo practice's sign-in details, shown openly. */
function DemoCredentials({ email, password, onUse }: { email: string; password: string; onUse: () => void }) {
  return (
    <Paper component="section" aria-label="Demo sign-in details" bg="indigo.0" p="md" radius="md">
      <Stack gap={6}>
        <Text size="sm" fw={700} c="indigo.9">
          Demo practice
        </Text>
        <Text size="sm">
          Email <Code>{email}</Code>
        </Text>
        <Text size="sm">
          Password <Code>{password}</Code>
        </Text>
        <Group>
          <Button size="xs" variant="white" onClick={onUse}>
            Use these details
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
