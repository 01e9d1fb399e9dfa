import { Button } from '@mantine/core';
import { IconUserQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';
import { usePageTitle } from '../../../common/use-page-title.js';
import { MessagePage } from '../../common/MessagePage.js';

export function ClientNotFound() {
  usePageTitle('Client not found');
  return (
    <MessagePage
      icon={<IconUserQuestion size={32} aria-hidden />}
      title="Client not found"
      description="This client does not exist, or belongs to another practice. Check the link or search the client list."
      action={
        <Button component={Link} to="/clients">
          Back to Clients
        </Button>
      }
    />
  );
}
