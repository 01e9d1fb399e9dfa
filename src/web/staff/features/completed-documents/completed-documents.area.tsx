import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';

/** A client's completed document, read by staff: its answers, who signed and when, and its PDF. */
export const completedDocumentsArea: StaffArea = {
  routes: [
    {
      path: '/clients/:id/documents/:documentId/completed',
      lazy: page(() => import('./CompletedDocumentPage.js'), 'CompletedDocumentPage'),
    },
  ],
};
