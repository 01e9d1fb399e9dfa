import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { mayDo } from '../../../../shared/permissions.js';
import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';

/** The practice's clients: the list with its search, creating a client, and each client's profile. */
export const clientsArea: StaffArea = {
  routes: ({ profileSections }) => [
    { path: '/clients', lazy: page(() => import('./ClientsListPage.js'), 'ClientsListPage') },
    { path: '/clients/new', lazy: page(() => import('./CreateClientPage.js'), 'CreateClientPage') },
    {
      path: '/clients/:id',
      lazy: async () => {
        const { ClientProfilePage } = await import('./ClientProfilePage.js');
        return { element: <ClientProfilePage sections={profileSections} /> };
      },
      children: [
        { index: true, lazy: page(() => import('./ClientOverview.js'), 'ClientOverview') },
        { path: 'edit', lazy: page(() => import('./ClientEdit.js'), 'ClientEdit') },
        ...profileSections.map((section) => ({ path: section.path, lazy: section.lazy })),
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
