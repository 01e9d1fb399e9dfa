import { Button } from '@mantine/core';
import { IconWifiOff } from '@tabler/icons-react';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { usePortalTitle } from '../use-portal-title.js';
import { MessageCard } from './MessageCard.js';
import { PortalFrame } from './PortalFrame.js';

interface UnreachablePageProps {
  error: unknown;
  practiceName?: string | null;
  onRetry: () => void;
  retrying: boolean;
}

/** The server could not be reached or failed: say so and offer to try again. */
export function UnreachablePage({ error, practiceName, onRetry, retrying }: UnreachablePageProps) {
  usePortalTitle('Not reachable', practiceName);
  return (
    <PortalFrame practiceName={practiceName}>
      <MessageCard
        icon={<IconWifiOff size={28} stroke={1.6} />}
        color="orange"
        title="The Client Portal is not reachable"
        actions={
          <Button onClick={onRetry} loading={retrying} fullWidth size="md">
            Try again
          </Button>
        }
      >
        {errorMessage(error)}
      </MessageCard>
    </PortalFrame>
  );
}
