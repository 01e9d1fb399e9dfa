import { Text } from '@mantine/core';
import { IconMapPinQuestion } from '@tabler/icons-react';
import { usePortalTitle } from '../use-portal-title.js';
import { MessageCard } from './MessageCard.js';
import { PortalFrame } from './PortalFrame.js';

/** An address that names no practice (or no practice at all). */
export function UnknownPortalPage() {
  usePortalTitle('Not found');
  return (
    <PortalFrame>
      <MessageCard
        icon={<IconMapPinQuestion size={28} stroke={1.6} />}
        color="gray"
        title="We couldn't find this Client Portal"
      >
        Check the address your practice gave you. It usually looks like{' '}
        <Text span fw={600} c="dark.7">
          {window.location.host}/portal/your-practice
        </Text>
        .
      </MessageCard>
    </PortalFrame>
  );
}
