import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../common/api.js';
import { sessionKey } from './common/session.js';

/**
 * One query client for the app. An expired session (401 unauthenticated) or a stale CSRF token
 * reloads the session state, which sends the user back to sign-in when needed.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown): void => {
    if (isApiError(error) && (error.code === 'unauthenticated' || error.code === 'csrf_failed')) {
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
