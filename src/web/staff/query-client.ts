import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../common/api.js';
import { sessionKey } from './common/session.js';

/**
 * One query client for the app. An expired session (401 unauthenticated) or a stale CSRF token
 * reloads the session state, which sends the user back to sign-in when needed; so does a session
 * limited to setting up two-factor (403 two_factor_required), which the session state then sends
 * to the set-up page.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown): void => {
    const reloadsSession = ['unauthenticated', 'csrf_failed', 'two_factor_required'];
    if (isApiError(error) && reloadsSession.includes(error.code)) {
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status > 0 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
  return queryClient;
}
