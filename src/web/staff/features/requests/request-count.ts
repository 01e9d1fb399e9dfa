import { requestsApi } from '../../../../shared/contract/appointment-requests.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

/** The count beside Requests in the navigation, on its own (the navigation is part of the first load). */
export const requestCountKey = [...areaKeys.requests, 'count'] as const;

/**
 * Asked again every 30 s: a client's new request reaches no live event stream (schedulers have no
 * messaging stream to carry it), and the count's endpoint reads one index and writes nothing.
 */
export const pendingRequests = {
  refreshEveryMs: 30_000,
  queryKey: requestCountKey,
  queryFn: async ({ signal }: { signal: AbortSignal }) => (await call(requestsApi.count, { signal })).pending,
};

export function pendingRequestsLabel(count: number): string {
  return count === 1 ? '1 request waiting' : `${count} requests waiting`;
}
