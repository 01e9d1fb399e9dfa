import { Alert, Anchor, Text } from '@mantine/core';
import { IconMailOff, IconPlugConnectedX } from '@tabler/icons-react';
import { Link } from 'react-router';

/** The practice has switched the whole Client Portal off. */
export function PortalOffAlert({ isOwner }: { isOwner: boolean }) {
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconPlugConnectedX aria-hidden />}
      title="The Client Portal is turned off for your practice."
    >
      <Text size="sm">
        Nobody can sign in and no portal emails are sent until it is turned back on.{' '}
        {isOwner ? (
          <Anchor component={Link} to="/settings/portal" size="sm" fw={600}>
            Open Client Portal settings
          </Anchor>
        ) : (
          'Ask your practice owner to turn it on in Settings.'
        )}
      </Text>
    </Alert>
  );
}

/** Without an email that has Email OK on, the client cannot be invited. */
export function NoEligibleEmailAlert({ onGoToInfo }: { onGoToInfo: () => void }) {
  return (
    <Alert color="blue" variant="light" icon={<IconMailOff aria-hidden />} title="An email with consent is needed">
      <Text size="sm">
        The Client Portal invitation and sign-in links go by email, so the client needs an email address with{' '}
        <strong>Email OK</strong> switched on (their consent to reminders and notifications).{' '}
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={600}
          onClick={onGoToInfo}
          style={{ verticalAlign: 'baseline' }}
        >
          Go to Client Info
        </Anchor>
      </Text>
    </Alert>
  );
}
