import { Button } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, Outlet } from 'react-router';
import type { StaffRole } from '../../../../shared/schemas/auth.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSession } from '../../common/session.js';
import { MessagePage } from '../../common/MessagePage.js';

/** Owners and clinicians read and write messages; billers and schedulers do not. */
export function canUseMessaging(roles: readonly StaffRole[] | undefined): boolean {
  return roles !== undefined && (roles.includes('owner') || roles.includes('clinician'));
}

export const messagesForbiddenText =
  'Client messages may hold clinical details, so only owners and clinicians see them.';

export function MessagesForbidden() {
  usePageTitle('Not allowed');
  return (
    <MessagePage
      icon={<IconLock size={32} aria-hidden />}
      title="Only owners and clinicians can see messages"
      description={messagesForbiddenText}
      action={
        <Button component={Link} to="/clients">
          Go to Clients
        </Button>
      }
    />
  );
}

/** Pages for owners and clinicians only. */
export function RequireMessaging() {
  const session = useSession();
  if (!canUseMessaging(session.staff?.roles)) return <MessagesForbidden />;
  return <Outlet />;
}
