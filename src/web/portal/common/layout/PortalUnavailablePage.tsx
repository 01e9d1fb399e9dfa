import { IconPlugConnectedX } from '@tabler/icons-react';
import { usePortalInfo } from '../session.js';
import { usePortalTitle } from '../use-portal-title.js';
import { MessageCard } from './MessageCard.js';
import { PortalFrame } from './PortalFrame.js';

/** The practice has turned its portal off: nobody can sign in, so there is no form. */
export function PortalUnavailablePage() {
  const { practice } = usePortalInfo();
  usePortalTitle('Not available', practice.name);
  return (
    <PortalFrame practiceName={practice.name} logoUrl={practice.logoUrl}>
      <MessageCard
        icon={<IconPlugConnectedX size={28} stroke={1.6} />}
        color="gray"
        title="The Client Portal is not available"
      >
        The Client Portal of <bdi>{practice.name}</bdi> is not available right now. Please contact your practice.
      </MessageCard>
    </PortalFrame>
  );
}
