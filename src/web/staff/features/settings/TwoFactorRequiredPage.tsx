import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { Navigate } from 'react-router';
import { usePageTitle } from '../../../common/use-page-title.js';
import { AuthLayout } from '../../common/AuthLayout.js';
import { useSession, useSignOut } from '../../common/session.js';
import { useRefreshSession } from './two-factor.queries.js';
import { TwoFactorSetUp } from './TwoFactorSetUp.js';

/**
 * Where a session limited to setting up two-factor lands (the practice requires it and the person
 * has none yet): set-up, or sign out, and nothing else. Once the backup codes are saved the
 * session is whole again and the app opens.
 */
export function TwoFactorRequiredPage() {
  usePageTitle('Set up two-factor sign-in');
  const session = useSession();
  const refreshSession = useRefreshSession();
  const signOut = useSignOut();
  if (!session.staff || !session.practice) return <Navigate to="/sign-in" replace />;
  // A session that is not limited has nothing to do here: the app opens. Confirming set-up lifts
  // the limit, but the session state is refreshed only once the backup codes are saved (`onDone`).
  if (!session.twoFactor?.setupRequired) return <Navigate to="/clients" replace />;
  return (
    <AuthLayout
      wide
      title="Set up two-factor sign-in"
      subtitle={`${session.practice.name} asks everyone on its team to sign in with a code from an authenticator app as well as their password.`}
    >
      <Stack gap="md">
        <Alert color="blue" variant="light" icon={<IconShieldLock aria-hidden />}>
          Set it up now to continue: the rest of Portico opens once it is on.
        </Alert>
        <TwoFactorSetUp account={session.staff.email} onDone={() => void refreshSession()} startOpen />
        <Group justify="space-between" gap="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Text size="sm" c="dimmed">
            Signed in as {session.staff.email}
          </Text>
          <Button variant="subtle" color="gray" size="sm" onClick={() => void signOut()}>
            Sign out
          </Button>
        </Group>
      </Stack>
    </AuthLayout>
  );
}
