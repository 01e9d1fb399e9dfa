import { notifications } from '@mantine/notifications';
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { authApi } from '../../../shared/contract/auth.js';
import type { PracticeSummary, SessionState, StaffSummary } from '../../../shared/schemas/auth.js';
import { call, setCsrfToken } from '../../common/api.js';
import { errorMessage } from '../../common/ErrorAlert.js';
import { areaKeys } from './query-keys.js';

export const sessionKey = areaKeys.session;

export async function fetchSession(): Promise<SessionState> {
  const state = await call(authApi.session);
  setCsrfToken(state.csrfToken);
  return state;
}

/** The session state: loaded once at start, then replaced by what sign-in, setup and sign-out answer. */
export const sessionQuery = queryOptions({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });

/** The session query itself, for the gate that waits for it (and offers to try again). */
export function useSessionQuery() {
  return useQuery(sessionQuery);
}

/** The session state, loaded once at start (the app waits for it before rendering routes). */
export function useSession(): SessionState {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useSession() used before the session loaded');
  return data;
}

/** Stores a session state answered by sign-in, setup or sign-up. */
export function applySession(queryClient: QueryClient, state: SessionState): void {
  setCsrfToken(state.csrfToken);
  queryClient.setQueryData(sessionKey, state);
}

/** Forgets everything cached for the previous user and keeps the new (signed-out) state. */
export function resetToSession(queryClient: QueryClient, state: SessionState): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  applySession(queryClient, state);
}

export function useApplySession(): (state: SessionState) => void {
  const queryClient = useQueryClient();
  return (state) => applySession(queryClient, state);
}

/** The signed-in staff member and their practice. */
export interface SignedIn {
  staff: StaffSummary;
  practice: PracticeSummary;
  session: SessionState;
}

/** The signed-in staff member and their practice; only for pages behind RequireStaff. */
export function useSignedIn(): SignedIn {
  const session = useSession();
  if (!session.staff || !session.practice) throw new Error('useSignedIn() used while signed out');
  return { staff: session.staff, practice: session.practice, session };
}

/** Signs out, forgets cached data of the signed-in user and goes to the sign-in page. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await call(authApi.signOut);
      const state = await fetchSession();
      resetToSession(queryClient, state);
      await navigate('/sign-in', { replace: true });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not sign out', message: errorMessage(error) });
    }
  };
}
