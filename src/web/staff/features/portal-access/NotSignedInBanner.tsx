import { Alert, Text } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { formatDateTime, fromNow } from '../../../common/dates.js';
import { amberText } from './portal-labels.js';

interface NotSignedInBannerProps {
  name: string;
  lastInvitedAt: string | null;
  timeZone: string;
}

/** The yellow banner shown while the client has been invited but has not signed in yet. */
export function NotSignedInBanner({ name, lastInvitedAt, timeZone }: NotSignedInBannerProps) {
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconClockHour4 aria-hidden />}
      title={`${name} has not signed in yet.`}
      styles={{ title: { color: amberText }, icon: { color: amberText } }}
    >
      {lastInvitedAt ? (
        <Text size="sm">
          Last invitation sent {fromNow(lastInvitedAt)} (
          <time dateTime={lastInvitedAt}>{formatDateTime(lastInvitedAt, timeZone)}</time>, {timeZone}).
        </Text>
      ) : null}
    </Alert>
  );
}
