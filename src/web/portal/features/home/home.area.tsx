import { IconHome } from '@tabler/icons-react';
import type { PortalArea } from '../../common/area.js';
import { portalPaths } from '../../common/paths.js';
import { signedInPage } from '../../common/signed-in-pages.js';

const homePage = signedInPage(() => import('./HomePage.js'));

/** The signed-in client's Home. */
export const homeArea: PortalArea = {
  signedInRoutes: [{ path: 'home', lazy: async () => ({ Component: (await homePage()).HomePage }) }],
  nav: [{ path: portalPaths.home, label: 'Home', icon: IconHome }],
};
