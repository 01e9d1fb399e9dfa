import { Button } from '@mantine/core';
import { IconMapPinOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { usePageTitle } from '../../common/use-page-title.js';
import { MessagePage } from './MessagePage.js';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <MessagePage
      icon={<IconMapPinOff size={32} aria-hidden />}
      title="Page not found"
      description="The page you were looking for does not exist or has moved."
      action={
        <Button component={Link} to="/clients">
          Go to Clients
        </Button>
      }
    />
  );
}
