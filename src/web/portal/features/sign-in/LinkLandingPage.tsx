import { Anchor, Button, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from '../../common/router.js';
import { signInTokenFormat } from '../../../../shared/portal-links.js';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { linkToken } from '../../common/link-token.js';
import { portalPaths } from '../../common/paths.js';
import { usePortalInfo } from '../../common/session.js';
import { prefetchSignedInPages } from '../../common/signed-in-pages.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { MessageCard } from '../../common/layout/MessageCard.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { PortalFrame } from '../../common/layout/PortalFrame.js';
import { PortalUnavailablePage } from '../../common/layout/PortalUnavailablePage.js';
import { linkProblemOf } from './link-problems.js';
import { LinkProblemView } from './LinkProblemView.js';
import { useRedeemLink } from './sign-in.queries.js';

function wellFormed(token: string | null): token is string {
  return token !== null && signInTokenFormat.test(token);
}

/**
 * Where sign-in links land (`/portal/:slug/sign-in#token=…`). Opening the page consumes nothing:
 * the page itself POSTs the token, so mail scanners that prefetch links do no harm.
 */
export function LinkLandingPage() {
  const { practice, enabled } = usePortalInfo();
  const [token] = useState(linkToken);
  const redeem = useRedeemLink(practice.slug);
  const { mutate } = redeem;
  // StrictMode runs effects twice in development; a link is posted once.
  const posted = useRef(false);

  useEffect(() => {
    if (posted.current || !wellFormed(token)) return;
    posted.current = true;
    prefetchSignedInPages();
    mutate(token);
  }, [mutate, token]);

  const problem = wellFormed(token) ? linkProblemOf(redeem.error) : 'invalid';
  // A portal switched off offers no way to sign in, not even a new link.
  if (problem && !enabled) return <PortalUnavailablePage />;

  return (
    <PortalFrame practiceName={practice.name} logoUrl={practice.logoUrl}>
      {problem ? (
        <LinkProblemView
          slug={practice.slug}
          practiceName={practice.name}
          problem={problem}
          token={wellFormed(token) ? token : null}
        />
      ) : redeem.isError && wellFormed(token) ? (
        <SignInFailed
          slug={practice.slug}
          practiceName={practice.name}
          error={redeem.error}
          retrying={redeem.isPending}
          onRetry={() => mutate(token)}
        />
      ) : (
        <SigningIn practiceName={practice.name} />
      )}
    </PortalFrame>
  );
}

function SigningIn({ practiceName }: { practiceName: string }) {
  usePortalTitle('Signing in', practiceName);
  return (
    <Stack align="center" ta="center" gap="md" py="md" aria-busy="true">
      <Loader size="lg" aria-hidden />
      <PageHeading>Signing you in…</PageHeading>
      <Text c="dimmed" role="status">
        Checking your sign-in link. This takes a moment.
      </Text>
    </Stack>
  );
}

interface SignInFailedProps {
  slug: string;
  practiceName: string;
  error: unknown;
  retrying: boolean;
  onRetry: () => void;
}

/** Not a problem with the link itself (the network, the server, too many tries): try again. */
function SignInFailed({ slug, practiceName, error, retrying, onRetry }: SignInFailedProps) {
  usePortalTitle('Could not sign in', practiceName);
  return (
    <MessageCard
      icon={<IconAlertTriangle size={28} stroke={1.6} />}
      color="orange"
      title="We couldn't sign you in"
      focusOnMount
      actions={
        <>
          <Button size="md" fullWidth loading={retrying} onClick={onRetry}>
            Try again
          </Button>
          <Anchor component={Link} to={portalPaths.landing(slug)} size="sm" fw={600} ta="center">
            Back to the Client Portal
          </Anchor>
        </>
      }
    >
      {errorMessage(error)}
    </MessageCard>
  );
}
