import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { mayDo } from '../../../../shared/permissions.js';
import type { StaffArea } from '../../common/area.js';
import { ClientEdit } from './ClientEdit.js';
import { ClientOverview } from './ClientOverview.js';
import { ClientProfilePage } from './ClientProfilePage.js';
import { ClientsListPage } from './ClientsListPage.js';
import { CreateClientPage } from './CreateClientPage.js';

/** The practice's clients: the list with its search, creating a client, and each client's profile. */
export const clientsArea: StaffArea = {
  routes: ({ profileSections }) => [
    { path: '/clients', element: <ClientsListPage /> },
    { path: '/clients/new', element: <CreateClientPage /> },
    {
      path: '/clients/:id',
      element: <ClientProfilePage sections={profileSections} />,
      children: [
        { index: true, element: <ClientOverview /> },
        { path: 'edit', element: <ClientEdit /> },
        ...profileSections.map((section) => ({ path: section.path, element: section.element })),
      ],
    },
  ],
  nav: [{ to: '/clients', label: 'Clients', icon: IconUsers }],
  create: [
    {
      to: '/clients/new',
      label: 'Create client',
      icon: IconUserPlus,
      allowed: ({ staff }) => mayDo(staff.roles, 'create_client'),
    },
  ],
};
