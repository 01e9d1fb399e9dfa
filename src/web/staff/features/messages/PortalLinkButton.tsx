import { Button } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useInsertIntoMessage } from '../../../common/messaging/MessageComposer.js';

export function portalLinkSentence(portalUrl: string): string {
  return `You can sign in to the Client Portal here: ${portalUrl}`;
}

/** "Send portal link", a composer tool: puts the practice's portal address into the message, at the cursor. */
export function PortalLinkButton({ portalUrl }: { portalUrl: string }) {
  const insert = useInsertIntoMessage();
  return (
    <Button
      variant="default"
      px={12}
      leftSection={<IconLink size={16} aria-hidden />}
      onClick={() => insert(portalLinkSentence(portalUrl))}
    >
      Send portal link
    </Button>
  );
}
