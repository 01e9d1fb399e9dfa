import { Alert, Anchor, Button } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSession } from '../../common/session.js';
import { AuthLayout } from '../../common/AuthLayout.js';
import { PracticeForm } from './PracticeForm.js';
import { useCreatePractice } from './setup.queries.js';

export function SignUpPage() {
  usePageTitle('Create a practice');
  const session = useSession();
  const create = useCreatePractice('signUp');
  const signInLink = (
    <>
      Already have an account?{' '}
      <Anchor component={Link} to="/sign-in" fw={600}>
        Sign in
      </Anchor>
    </>
  );

  if (!session.signupAllowed) {
    return (
      <AuthLayout title="Sign-ups are closed" footer={signInLink}>
        <Alert color="gray" variant="light">
          New practices cannot be created on this Portico server. Ask its administrator for an account.
        </Alert>
        <Button component={Link} to="/sign-in" fullWidth>
          Sign in
        </Button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      wide
      title="Create your practice"
      subtitle="Set up your practice and your owner account. It takes a minute."
      footer={signInLink}
    >
      <PracticeForm
        submitLabel="Create practice"
        pending={create.isPending}
        error={create.error}
        onSubmit={create.mutate}
      />
    </AuthLayout>
  );
}
