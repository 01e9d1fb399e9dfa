import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { useSession } from './session.js';
import { ForbiddenPage } from './ForbiddenPage.js';

/** Where a session limited to setting up two-factor is sent (the practice requires it). */
export const TWO_FACTOR_SETUP_PATH = '/two-factor-setup';

/**
 * Pages for signed-in staff; others go to sign-in and come back afterwards. A session that may
 * only set up two-factor (the practice requires it) goes to that set-up instead.
 */
export function RequireStaff() {
  const session = useSession();
  const location = useLocation();
  if (!session.staff || !session.practice) {
    const here = `${location.pathname}${location.search}`;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/sign-in${next}`} replace />;
  }
  if (session.twoFactor?.setupRequired) return <Navigate to={TWO_FACTOR_SETUP_PATH} replace />;
  return <Outlet />;
}

/** A safe in-app path to return to after signing in. */
export function safeNext(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return '/clients';
}

/** Sign-in and sign-up are for signed-out visitors. */
export function PublicOnly() {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.staff) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <Outlet />;
}

/** Pages for the practice owner. */
export function RequireOwner() {
  const session = useSession();
  if (!session.staff?.roles.includes('owner')) return <ForbiddenPage />;
  return <Outlet />;
}
