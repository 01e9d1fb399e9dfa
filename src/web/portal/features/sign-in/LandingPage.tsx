import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link, useLocation } from '../../common/router.js';
import { usePortalInfo } from '../../common/session.js';
import { portalPaths } from '../../common/paths.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import type { LandingState } from '../../common/layout/guards.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { PortalFrame } from '../../common/layout/PortalFrame.js';
import { PracticeMark } from '../../common/layout/PracticeMark.js';

function landingNotice(state: unknown): LandingState['notice'] {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return undefined;
  const { notice } = state;
  return notice === 'signed-out' || notice === 'session-ended' ? notice : undefined;
}

function SignedOutNotice({ notice }: { notice: NonNullable<LandingState['notice']> }) {
  return (
    <Alert
      role="status"
      variant="light"
      color="blue"
      icon={<IconInfoCircle aria-hidden />}
      title="You have been signed out."
      ta="left"
      w="100%"
    >
      {notice === 'session-ended'
        ? 'Your session has ended: after 30 minutes without activity, or because your practice changed your portal access. Sign in again to continue.'
        : 'Thank you for visiting. On a shared device, you can now close this page.'}
    </Alert>
  );
}

/** The portal's front door: the practice as the brand and one clear way in. */
export function LandingPage() {
  const { practice } = usePortalInfo();
  const location = useLocation();
  const notice = landingNotice(location.state);
  usePortalTitle('Sign in', practice.name);

  return (
    <PortalFrame
      practiceName={practice.name}
      logoUrl={practice.logoUrl}
      showBrand={false}
      below={
        <>
          Have a code from a sign-in email?{' '}
          <Anchor component={Link} to={portalPaths.code(practice.slug)} fw={600}>
            Enter your code
          </Anchor>
        </>
      }
    >
      <Stack align="center" ta="center" gap="lg">
        {notice ? <SignedOutNotice notice={notice} /> : null}
        <PracticeMark name={practice.name} logoUrl={practice.logoUrl} size={64} />
        <Stack gap={6} align="center">
          <Text size="sm" fw={650} c="portico.8" tt="uppercase" lts={0.6}>
            Client Portal
          </Text>
          <PageHeading size="h1" className="portal-break">
            <bdi>{practice.name}</bdi>
          </PageHeading>
        </Stack>
        <Text c="dimmed" maw={340}>
          Welcome. This is your private, secure connection with your practice. Sign in with your email — there is no
          password to remember.
        </Text>
        <Button component={Link} to={portalPaths.email(practice.slug)} size="lg" fullWidth>
          I&apos;m an existing client
        </Button>
        <Text size="sm" c="dimmed">
          New to the practice? They will email you an invitation to the portal.
        </Text>
      </Stack>
    </PortalFrame>
  );
}
