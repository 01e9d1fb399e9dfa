import { grantOf } from '../../../../shared/permissions.js';
import type { StaffArea } from '../../common/area.js';
import { RequireOwner } from '../../common/guards.js';
import { page } from '../../common/lazy-page.js';

/**
 * Documents: Settings → Documents (templates and the form builder, the owners'), and each client's
 * Documents section (what was shared, Share, Remind, Cancel) for owners and the client's clinicians.
 */
export const documentsArea: StaffArea = {
  routes: [
    {
      element: <RequireOwner />,
      children: [
        { path: '/settings/documents', lazy: page(() => import('./TemplatesPage.js'), 'TemplatesPage') },
        { path: '/settings/documents/:id', lazy: page(() => import('./TemplateEditorPage.js'), 'TemplateEditorPage') },
      ],
    },
  ],
  profileSections: [
    {
      path: 'documents',
      label: 'Documents',
      lazy: page(() => import('./ClientDocumentsSection.js'), 'ClientDocumentsSection'),
      allowed: ({ staff }) => grantOf(staff.roles, 'documents') !== 'none',
    },
  ],
};
