import {
  Component,
  createContext,
  lazy,
  startTransition,
  Suspense,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type ComponentType,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';

/**
 * The Client Portal's router: a handful of pages under /portal/:slug, so a few dozen lines of its
 * own rather than React Router (about 30 kB gzip, a fifth of what a client's phone downloads
 * before the sign-in page shows; decision record 028). Its pieces are named and behave like React
 * Router's (Link, NavLink, Navigate, Outlet, useParams, useLocation, useNavigate, useMatches) for
 * what the portal uses: nested routes, `:param` and `*` segments matched case-insensitively in
 * the order declared, pages loaded on demand (`lazy`), and a route's `errorElement` for what
 * its pages throw. Navigations are transitions: the page on screen stays until the next one has
 * loaded.
 */
export interface PortalRoute {
  /** Relative to the parent route's path; `:name` binds a parameter, `*` the rest of the address. */
  path?: string;
  /** The page at the parent's own address. */
  index?: boolean;
  element?: ReactNode;
  /** The page's code, loaded the first time the route is shown. */
  lazy?: () => Promise<{ Component?: ComponentType; element?: ReactNode }>;
  children?: PortalRoute[];
  /** Whatever the layout around the page needs to know (see useMatches). */
  handle?: unknown;
  /** Shown in place of this route when rendering it or a page below it throws (or its code fails to load). */
  errorElement?: ReactNode;
}

export interface PortalLocation {
  pathname: string;
  search: string;
  hash: string;
  /** What the navigation that led here passed along (kept in the history entry). */
  state: unknown;
}

export interface NavigateOptions {
  replace?: boolean | undefined;
  state?: unknown;
}

type Navigate = (to: string, options?: NavigateOptions) => Promise<void>;

interface Match {
  route: PortalRoute;
}

interface RouterState {
  location: PortalLocation;
  navigate: Navigate;
  matches: Match[];
  params: Record<string, string>;
}

const RouterContext = createContext<RouterState | null>(null);
/** How deep in the matched routes the nearest Outlet renders. */
const DepthContext = createContext(0);

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The routes an address matches, outermost first, and its parameters; null when none does. */
export function matchRoutes(
  routes: readonly PortalRoute[],
  pathname: string,
): { matches: Match[]; params: Record<string, string> } | null {
  const params: Record<string, string> = {};
  const visit = (route: PortalRoute, rest: readonly string[]): Match[] | null => {
    if (route.index) return rest.length === 0 ? [{ route }] : null;
    let remaining = rest;
    const bound: Record<string, string> = {};
    if (route.path !== undefined) {
      const pattern = segmentsOf(route.path);
      for (const [i, part] of pattern.entries()) {
        if (part === '*') {
          bound['*'] = rest.slice(i).map(decode).join('/');
          remaining = [];
          break;
        }
        const actual = rest[i];
        if (actual === undefined) return null;
        if (part.startsWith(':')) bound[part.slice(1)] = decode(actual);
        else if (part.toLowerCase() !== actual.toLowerCase()) return null;
        remaining = rest.slice(i + 1);
      }
    }
    for (const child of route.children ?? []) {
      const found = visit(child, remaining);
      if (found) {
        Object.assign(params, bound);
        return [{ route }, ...found];
      }
    }
    if (route.path !== undefined && remaining.length === 0) {
      Object.assign(params, bound);
      return [{ route }];
    }
    return null;
  };
  const segments = segmentsOf(pathname);
  for (const route of routes) {
    const found = visit(route, segments);
    if (found) return { matches: found, params };
  }
  return null;
}

function readLocation(): PortalLocation {
  const { pathname, search, hash } = window.location;
  const entry: unknown = window.history.state;
  const state = typeof entry === 'object' && entry !== null && 'usr' in entry ? entry.usr : undefined;
  return { pathname, search, hash, state };
}

const lazyPages = new WeakMap<PortalRoute, ComponentType>();

function lazyPageOf(route: PortalRoute, load: NonNullable<PortalRoute['lazy']>): ComponentType {
  let page = lazyPages.get(route);
  if (!page) {
    page = lazy(async () => {
      const loaded = await load();
      const { Component: Page, element } = loaded;
      return { default: Page ?? (() => element ?? null) };
    });
    lazyPages.set(route, page);
  }
  return page;
}

interface BoundaryProps {
  fallback: ReactNode;
  /** A new address clears the error: the next page may well work. */
  resetKey: string;
  children: ReactNode;
}

interface BoundaryState {
  failed: boolean;
  resetKey: string;
}

class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): BoundaryState | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function renderLevel(matches: readonly Match[], depth: number, pathname: string): ReactNode {
  const match = matches[depth];
  if (!match) return null;
  const { route } = match;
  let content: ReactNode;
  if (route.lazy) {
    const Page = lazyPageOf(route, route.lazy);
    content = <Page />;
  } else {
    content = route.element ?? <Outlet />;
  }
  content = <DepthContext value={depth + 1}>{content}</DepthContext>;
  if (route.errorElement !== undefined) {
    content = (
      <ErrorBoundary fallback={route.errorElement} resetKey={pathname}>
        {content}
      </ErrorBoundary>
    );
  }
  return content;
}

function useRouter(): RouterState {
  const router = use(RouterContext);
  if (!router) throw new Error('Portal routing used outside <PortalRouter>');
  return router;
}

/**
 * Shows the page the address matches. `fallback` shows while a page's code loads on a first visit
 * (a navigation keeps the current page instead); nothing shows where no route matches.
 */
export function PortalRouter({ routes, fallback }: { routes: readonly PortalRoute[]; fallback: ReactNode }) {
  const [location, setLocation] = useState(readLocation);

  useEffect(() => {
    const onPopState = () => startTransition(() => setLocation(readLocation()));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback<Navigate>((to, options = {}) => {
    const url = new URL(to, window.location.href);
    const entry = { usr: options.state };
    if (options.replace) window.history.replaceState(entry, '', url);
    else window.history.pushState(entry, '', url);
    startTransition(() => setLocation(readLocation()));
    return Promise.resolve();
  }, []);

  const router = useMemo<RouterState>(() => {
    const matched = matchRoutes(routes, location.pathname);
    return { location, navigate, matches: matched?.matches ?? [], params: matched?.params ?? {} };
  }, [routes, location, navigate]);

  return (
    <RouterContext value={router}>
      <Suspense fallback={fallback}>{renderLevel(router.matches, 0, location.pathname)}</Suspense>
    </RouterContext>
  );
}

/** Where a layout route shows the page below it. */
export function Outlet() {
  const depth = use(DepthContext);
  const { matches, location } = useRouter();
  return renderLevel(matches, depth, location.pathname);
}

export function useLocation(): PortalLocation {
  return useRouter().location;
}

export function useParams(): Readonly<Record<string, string | undefined>> {
  return useRouter().params;
}

export function useNavigate(): Navigate {
  return useRouter().navigate;
}

/** The matched routes' handles, outermost first. */
export function useMatches(): { handle: unknown }[] {
  return useRouter().matches.map(({ route }) => ({ handle: route.handle }));
}

/** Goes to `to` as soon as it renders (a guard's redirect). */
export function Navigate({ to, replace, state }: { to: string } & NavigateOptions) {
  const navigate = useNavigate();
  useEffect(() => {
    void navigate(to, { replace, state });
  }, [navigate, to, replace, state]);
  return null;
}

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> &
  NavigateOptions & { to: string; ref?: Ref<HTMLAnchorElement> };

/** A link within the portal: a real <a href>, followed without reloading the page on a plain click. */
export function Link({ to, replace, state, onClick, target, ...rest }: LinkProps) {
  const navigate = useNavigate();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.altKey || event.ctrlKey || event.shiftKey;
    if (event.defaultPrevented || event.button !== 0 || modified || (target && target !== '_self')) return;
    event.preventDefault();
    void navigate(to, { replace, state });
  };
  return <a {...rest} href={to} target={target} onClick={follow} />;
}

/** A Link marked `aria-current="page"` while the address is its own or below it. */
export function NavLink(props: LinkProps) {
  const { pathname } = useLocation();
  const here = pathname.toLowerCase();
  const to = props.to.toLowerCase().replace(/\/$/, '');
  const current = here === to || here.startsWith(`${to}/`);
  return <Link aria-current={current ? 'page' : undefined} {...props} />;
}
