import { Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { usePortalTitle } from '../use-portal-title.js';
import { MessageCard } from './MessageCard.js';
import { PortalFrame } from './PortalFrame.js';

/** Shown when rendering a page throws: a calm message rather than a blank screen. */
export function RouteError() {
  usePortalTitle('Something went wrong');
  return (
    <PortalFrame>
      <MessageCard
        icon={<IconAlertTriangle size={28} stroke={1.6} />}
        color="orange"
        title="Something went wrong"
        actions={
          <Button onClick={() => window.location.reload()} fullWidth size="md">
            Reload the page
          </Button>
        }
      >
        This page could not be shown. Reloading usually helps.
      </MessageCard>
    </PortalFrame>
  );
}
