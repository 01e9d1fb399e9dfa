import { IconFileText } from '@tabler/icons-react';
import type { PortalArea } from '../../common/area.js';
import { portalPaths } from '../../common/paths.js';
import { signedInPage } from '../../common/signed-in-pages.js';
import { toCompleteQuery } from './documents.queries.js';

const documentsPage = signedInPage(() => import('./DocumentsPage.js'));
const documentPage = signedInPage(() => import('./DocumentPage.js'));

/**
 * Documents: forms and consents to fill in and sign, those completed, files from the practice.
 * Every client with portal access has them (the portal permissions do not cover documents).
 */
export const documentsArea: PortalArea = {
  signedInRoutes: [
    { path: 'documents', lazy: async () => ({ Component: (await documentsPage()).DocumentsPage }) },
    { path: 'documents/:documentId', lazy: async () => ({ Component: (await documentPage()).DocumentPage }) },
  ],
  nav: [
    {
      path: portalPaths.documents,
      label: 'Documents',
      icon: IconFileText,
      count: { query: toCompleteQuery, label: (count) => `Documents, ${count} to complete` },
    },
  ],
};
