import type { TablerIcon } from '@tabler/icons-react';
import type { QueryKey } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { SignedIn } from './session.js';

/**
 * One area of the staff app (clients, messages, audit log…), as its feature folder declares it in
 * `<area>.area.tsx`. routes.tsx lists the areas and builds the app from them: their pages, the
 * main navigation, the Create menu, the sections of a client's profile and what runs in the shell.
 */
export interface StaffArea {
  /** Pages anyone may open, signed in or not: first-run setup, password reset. */
  openRoutes?: RouteObject[];
  /** Pages for visitors who are not signed in; signed-in staff are sent on. */
  signedOutRoutes?: RouteObject[];
  /** Pages inside the signed-in shell; a function when they host what other areas contribute. */
  routes?: RouteObject[] | ((contributions: AreaContributions) => RouteObject[]);
  /** Entries of the main navigation, in the order of the areas. */
  nav?: NavItem[];
  /** Entries of the Create menu ("+"). */
  create?: CreateItem[];
  /** Sections this area adds to a client's profile, beside Overview and Edit. */
  profileSections?: ProfileSection[];
  /** Mounted once while the signed-in shell is shown (live updates). */
  live?: ComponentType;
}

/** What areas add to the pages of other areas. */
export interface AreaContributions {
  profileSections: ProfileSection[];
}

/** Who may see an entry: every signed-in staff member when it is left out. */
export type Allowed = (signedIn: SignedIn) => boolean;

export interface NavItem {
  to: string;
  label: string;
  icon: TablerIcon;
  allowed?: Allowed;
  /** A number beside the label (unread conversations): the query that counts, and how it is read out. */
  count?: NavCount;
}

export interface NavCount {
  queryKey: QueryKey;
  queryFn: (context: { signal: AbortSignal }) => Promise<number>;
  /** "3 unread conversations". */
  label: (count: number) => string;
  /** For a count no live event reaches: how often it is asked again while the app is open. */
  refreshEveryMs?: number;
}

export interface CreateItem {
  to: string;
  label: string;
  icon: TablerIcon;
  allowed?: Allowed;
}

export interface ProfileSection {
  /** Under /clients/:id, e.g. `messages`. */
  path: string;
  label: string;
  /** The section's page, loaded when it is first opened (see lazy-page.ts). */
  lazy: NonNullable<RouteObject['lazy']>;
  allowed?: Allowed;
}
