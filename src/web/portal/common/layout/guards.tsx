import { Navigate, Outlet } from '../router.js';
import { useMeQuery, usePortalInfo, useSlug } from '../session.js';
import { PortalUnavailablePage } from './PortalUnavailablePage.js';
import { LoadingScreen } from './LoadingScreen.js';
import { UnreachablePage } from './UnreachablePage.js';

/** Why the landing page is shown after being signed in. */
export type SignedOutNotice = 'signed-out' | 'session-ended';

export interface LandingState {
  notice?: SignedOutNotice;
}

/** Sign-in pages: only while the practice's portal is on. */
export function RequirePortalOn() {
  const { enabled } = usePortalInfo();
  return enabled ? <Outlet /> : <PortalUnavailablePage />;
}

/** Sign-in pages: a client who is already signed in goes straight to Home. */
export function SignedOutOnly() {
  const slug = useSlug();
  const { data, error } = useMeQuery(slug);
  // Failing to learn who is here is no reason to hide the sign-in form.
  if (data === undefined) return error ? <Outlet /> : <LoadingScreen />;
  if (data.signedIn) return <Navigate to={`/portal/${slug}/home`} replace />;
  return <Outlet />;
}

/** Signed-in pages: without a session (never, or ended), back to the landing with a notice. */
export function RequireClient() {
  const slug = useSlug();
  const { practice } = usePortalInfo();
  const { data, error, refetch, isFetching } = useMeQuery(slug, { refetchOnWindowFocus: true });
  if (data === undefined) {
    if (error) {
      return (
        <UnreachablePage
          error={error}
          practiceName={practice.name}
          onRetry={() => void refetch()}
          retrying={isFetching}
        />
      );
    }
    return <LoadingScreen />;
  }
  if (!data.signedIn) {
    const state: LandingState = { notice: data.byClient ? 'signed-out' : 'session-ended' };
    return <Navigate to={`/portal/${slug}`} replace state={state} />;
  }
  return <Outlet />;
}
