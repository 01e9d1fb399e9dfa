import { Alert, Anchor, Text } from '@mantine/core';
import { IconMessageOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { MessagingBlockedReason } from '../../../../shared/schemas/messages.js';
import { blockedReasonText } from './message-labels.js';

interface BlockedNoticeProps {
  clientId: string;
  reason: MessagingBlockedReason | null;
  isOwner: boolean;
}

/** In place of the composer when staff cannot send to this client; the history stays above. */
export function BlockedNotice({ clientId, reason, isOwner }: BlockedNoticeProps) {
  const practiceWide = reason === 'practice_messaging_off' || reason === 'portal_off';
  const link = practiceWide ? (
    isOwner ? (
      <Anchor component={Link} to="/settings/portal" size="sm" fw={600}>
        Open Client Portal settings
      </Anchor>
    ) : null
  ) : (
    <Anchor component={Link} to={`/clients/${encodeURIComponent(clientId)}/edit?tab=portal`} size="sm" fw={600}>
      Open the Client Portal tab
    </Anchor>
  );
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconMessageOff aria-hidden />}
      title="You cannot send messages to this client"
    >
      <Text size="sm">
        {reason ? blockedReasonText[reason] : 'Messaging is not available for this client right now.'} {link}
      </Text>
    </Alert>
  );
}
