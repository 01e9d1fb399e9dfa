import { Button } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, Outlet, useMatch } from 'react-router';
import { grantOf } from '../../../../shared/permissions.js';
import type { StaffRole } from '../../../../shared/schemas/auth.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSession } from '../../common/session.js';
import { MessagePage } from '../../common/MessagePage.js';
import { NotFoundPage } from '../../common/NotFoundPage.js';

/** Owners and clinicians read and write messages (clinicians their clients'); billers and schedulers do not. */
export function canUseMessaging(roles: readonly StaffRole[] | undefined): boolean {
  return roles !== undefined && grantOf(roles, 'messages') !== 'none';
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

/**
 * Pages for owners and clinicians only. A conversation's address opened by anyone else is not
 * found, as the API answers it (no hint the client exists); the inbox says who may use it.
 */
export function RequireMessaging() {
  const session = useSession();
  const conversation = useMatch('/messages/:clientId');
  if (!canUseMessaging(session.staff?.roles)) return conversation ? <NotFoundPage /> : <MessagesForbidden />;
  return <Outlet />;
}
