import { Navigate, Outlet, useLocation } from '../router.js';
import { isApiError } from '../../../common/api.js';
import { applyDateTimeFormat } from '../../../common/date-format-state.js';
import { usePortalInfoQuery, useSlug } from '../session.js';
import { LoadingScreen } from './LoadingScreen.js';
import { UnknownPortalPage } from './UnknownPortalPage.js';
import { UnreachablePage } from './UnreachablePage.js';

/** Loads the practice behind `/portal/:slug` before any portal page renders. */
export function PortalGate() {
  const slug = useSlug();
  const location = useLocation();
  const lower = slug.toLowerCase();
  const { data, error, refetch, isFetching } = usePortalInfoQuery(lower, lower === slug);

  // Addresses are lowercase; someone typing "Oak-Pine" still arrives.
  if (lower !== slug) {
    const rest = location.pathname.slice(`/portal/${slug}`.length);
    return <Navigate to={`/portal/${lower}${rest}${location.search}`} replace />;
  }
  if (data) {
    // Before any portal page renders: the practice's date and time format.
    applyDateTimeFormat(data.practice.dateTimeFormat);
    return <Outlet />;
  }
  if (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 400)) return <UnknownPortalPage />;
    return <UnreachablePage error={error} onRetry={() => void refetch()} retrying={isFetching} />;
  }
  return <LoadingScreen />;
}
