import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../common/api.js';

/** The portal's query client: client errors (4xx) are answers, not glitches, so never retried. */
export function createPortalQueryClient(): QueryClient {
  return new QueryClient({
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
}
