import { Button } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { usePageTitle } from '../../common/use-page-title.js';
import { MessagePage } from './MessagePage.js';

export function ForbiddenPage() {
  usePageTitle('Not allowed');
  return (
    <MessagePage
      icon={<IconLock size={32} aria-hidden />}
      title="Only the practice owner can see this page"
      description="Ask your practice owner if you need access."
      action={
        <Button component={Link} to="/clients">
          Go to Clients
        </Button>
      }
    />
  );
}
