import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { IconClockHour4, IconLinkOff, IconMailForward } from '@tabler/icons-react';
import { Link } from '../../common/router.js';
import type { LinkProblem } from '../../../../shared/schemas/portal.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { portalPaths } from '../../common/paths.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { MessageCard } from '../../common/layout/MessageCard.js';
import { problemCopy } from './link-problems.js';
import { useNewLink } from './sign-in.queries.js';

interface LinkProblemViewProps {
  slug: string;
  practiceName: string;
  problem: LinkProblem;
  /** The link's token, when there was a well-formed one: the server knows where to send a new link. */
  token: string | null;
}

function BackToPortal({ slug }: { slug: string }) {
  return (
    <Anchor component={Link} to={portalPaths.landing(slug)} size="sm" fw={600} ta="center">
      Back to the Client Portal
    </Anchor>
  );
}

/** Says which problem a link has, with one way forward: Email me a new link. */
export function LinkProblemView({ slug, practiceName, problem, token }: LinkProblemViewProps) {
  const copy = problemCopy[problem];
  const newLink = useNewLink(slug);
  const rateLimited = isApiError(newLink.error) && newLink.error.code === 'rate_limited';
  const sent = newLink.isSuccess || rateLimited;
  usePortalTitle(sent ? 'Check your email' : copy.title, practiceName);

  if (sent) {
    return (
      <MessageCard
        key="sent"
        icon={<IconMailForward size={28} stroke={1.6} />}
        title="Check your email"
        focusOnMount
        actions={<BackToPortal slug={slug} />}
      >
        <Stack gap="md">
          <span>If you still have access, a new link is on its way to your email.</span>
          {rateLimited ? (
            <Alert role="status" variant="light" color="yellow" icon={<IconClockHour4 aria-hidden />} ta="left">
              You have asked for several links recently. Please wait a few minutes before asking again.
            </Alert>
          ) : null}
        </Stack>
      </MessageCard>
    );
  }

  const resendable = copy.canResend && token !== null;
  return (
    <MessageCard
      key={problem}
      icon={<IconLinkOff size={28} stroke={1.6} />}
      color="orange"
      title={copy.title}
      focusOnMount
      actions={
        <>
          <ErrorAlert error={newLink.error} title="Could not send a new link" />
          {resendable ? (
            <Button size="md" fullWidth loading={newLink.isPending} onClick={() => newLink.mutate(token)}>
              Email me a new link
            </Button>
          ) : (
            <Button component={Link} to={portalPaths.email(slug)} size="md" fullWidth>
              Email me a new link
            </Button>
          )}
          <BackToPortal slug={slug} />
        </>
      }
    >
      {copy.sentence}
    </MessageCard>
  );
}
