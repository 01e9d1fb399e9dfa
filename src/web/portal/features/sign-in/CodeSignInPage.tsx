import { Anchor, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from '../../common/router.js';
import { usePortalInfo } from '../../common/session.js';
import { portalPaths } from '../../common/paths.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { PortalFrame } from '../../common/layout/PortalFrame.js';
import { CodeForm } from './CodeForm.js';

/** Signing in on another device: the email address and the code from the sign-in email. */
export function CodeSignInPage() {
  const { practice } = usePortalInfo();
  usePortalTitle('Enter your code', practice.name);
  return (
    <PortalFrame
      practiceName={practice.name}
      logoUrl={practice.logoUrl}
      below={
        <>
          No code?{' '}
          <Anchor component={Link} to={portalPaths.email(practice.slug)} fw={600}>
            Email me a sign-in link
          </Anchor>
        </>
      }
    >
      <Stack gap="lg">
        <Anchor component={Link} to={portalPaths.landing(practice.slug)} size="sm" fw={600} w="fit-content">
          <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} />
          Back
        </Anchor>
        <Stack gap={6}>
          <PageHeading>Enter your code</PageHeading>
          <Text c="dimmed">
            Every sign-in email has a 6-digit code below its link. Use it to sign in on this device.
          </Text>
        </Stack>
        <CodeForm slug={practice.slug} focusEmail />
      </Stack>
    </PortalFrame>
  );
}
