import type { TablerIcon } from '@tabler/icons-react';
import type { QueryKey } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import type { PortalMe } from '../../../shared/schemas/portal.js';
import type { PortalRoute } from './router.js';

/**
 * One area of the Client Portal (signing in, Home, Messages), as its feature folder declares it in
 * `<area>.area.tsx`. routes.tsx lists the areas and builds the portal from them: the pages under
 * /portal/:slug, the signed-in header's sections and what runs while a client is signed in.
 */
export interface PortalArea {
  /** Sign-in pages: while the practice's portal is on, for visitors not signed in. */
  signedOutRoutes?: PortalRoute[];
  /** Pages under /portal/:slug that decide for themselves (where emailed links land). */
  openRoutes?: PortalRoute[];
  /** Pages for the signed-in client, in the signed-in frame; loaded on demand (see signedInPage()). */
  signedInRoutes?: PortalRoute[];
  /** The sections of the signed-in header, in the order of the areas. */
  nav?: PortalNavItem[];
  /** Mounted once while a client is signed in (live updates). */
  live?: ComponentType;
}

export interface PortalNavItem {
  path: (slug: string) => string;
  label: string;
  icon: TablerIcon;
  /** Whether this client may use the section: always when left out. */
  allowed?: (me: PortalMe) => boolean;
  /** A number beside the label (unread messages): the query that counts, and the link's spoken name with it. */
  count?: {
    query: (slug: string) => CountQuery;
    label: (count: number) => string;
  };
}

export interface CountQuery {
  queryKey: QueryKey;
  queryFn: (context: { signal: AbortSignal }) => Promise<number>;
  staleTime?: number;
  refetchInterval?: number;
}

/** A route's `handle`: `fill` pages (the conversation) take exactly the screen's height, with no footer. */
export interface PortalRouteHandle {
  fill?: boolean;
}
