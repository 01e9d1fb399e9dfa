import { IconInbox } from '@tabler/icons-react';
import { Outlet } from 'react-router';
import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';
import { NotFoundPage } from '../../common/NotFoundPage.js';
import { useSession } from '../../common/session.js';

/** The Mailbox exists only where the server says so (outside production, without SMTP_URL). */
function RequireDevMailbox() {
  const session = useSession();
  if (!session.devMailbox) return <NotFoundPage />;
  return <Outlet />;
}

/** The development Mailbox: what Portico would have emailed. */
export const mailboxArea: StaffArea = {
  routes: [
    {
      element: <RequireDevMailbox />,
      children: [{ path: '/dev/mailbox', lazy: page(() => import('./MailboxPage.js'), 'MailboxPage') }],
    },
  ],
  nav: [{ to: '/dev/mailbox', label: 'Mailbox', icon: IconInbox, allowed: ({ session }) => session.devMailbox }],
};
