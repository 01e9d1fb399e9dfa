import { Button } from '@mantine/core';
import { IconCompass } from '@tabler/icons-react';
import { Link } from '../router.js';
import { usePortalInfo } from '../session.js';
import { usePortalTitle } from '../use-portal-title.js';
import { MessageCard } from './MessageCard.js';
import { PortalFrame } from './PortalFrame.js';

/** A path under a known portal that leads nowhere. */
export function NotFoundPage() {
  const { practice } = usePortalInfo();
  usePortalTitle('Page not found', practice.name);
  return (
    <PortalFrame practiceName={practice.name} logoUrl={practice.logoUrl}>
      <MessageCard
        icon={<IconCompass size={28} stroke={1.6} />}
        color="gray"
        title="Page not found"
        actions={
          <Button component={Link} to={`/portal/${practice.slug}`} fullWidth size="md">
            Go to the Client Portal
          </Button>
        }
      >
        This page doesn't exist. The link may be mistyped or out of date.
      </MessageCard>
    </PortalFrame>
  );
}
