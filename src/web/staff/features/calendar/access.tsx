import { Button } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, Outlet } from 'react-router';
import { calendarReach } from '../../../../shared/permissions.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { MessagePage } from '../../common/MessagePage.js';
import { useSession } from '../../common/session.js';

function CalendarForbidden() {
  usePageTitle('Not allowed');
  return (
    <MessagePage
      icon={<IconLock size={32} aria-hidden />}
      title="The calendar is for owners, schedulers and clinicians"
      description="Your role in this practice does not book appointments."
      action={
        <Button component={Link} to="/clients">
          Go to Clients
        </Button>
      }
    />
  );
}

/** The calendar's pages, for members whose roles book (owners, schedulers, clinicians). */
export function RequireCalendar() {
  const session = useSession();
  if (calendarReach(session.staff?.roles ?? []) === 'none') return <CalendarForbidden />;
  return <Outlet />;
}
