import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { isApiError } from '../common/api.js';

/**
 * A portal request refused for who is asking (401: the session ended; 403 forbidden: a permission
 * such as messaging was switched off) means what the portal knows about the client is out of date:
 * refetch `me`, and the guards and navigation follow the new answer.
 */
function refreshMeAfter(queryClient: QueryClient, error: unknown, key: QueryKey | undefined): void {
  if (!isApiError(error) || !key || key[0] !== 'portal' || typeof key[1] !== 'string') return;
  if (key[2] === 'me' || key[2] === 'info') return;
  const stale = error.status === 401 || (error.status === 403 && error.code === 'forbidden');
  if (stale) void queryClient.invalidateQueries({ queryKey: ['portal', key[1], 'me'] });
}

/** The portal's query client: client errors (4xx) are answers, not glitches, so never retried. */
export function createPortalQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => refreshMeAfter(queryClient, error, query.queryKey),
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) =>
        refreshMeAfter(queryClient, error, mutation.options.mutationKey),
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status > 0 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
