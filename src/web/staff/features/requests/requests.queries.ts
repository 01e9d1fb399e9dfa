import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { requestsApi } from '../../../../shared/contract/appointment-requests.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';
import { pendingRequests, requestCountKey } from './request-count.js';

export const requestKeys = {
  inbox: [...areaKeys.requests, 'inbox'] as const,
};

/**
 * The pending requests the staff member may answer, oldest first. The inbox is read again when the
 * navigation's count (asked again every 30 s) changes, so a request arriving while the page is open
 * appears without a reload, and an open inbox writes no audit row per tick.
 */
export function useRequestInbox() {
  const queryClient = useQueryClient();
  const inbox = useQuery({
    queryKey: requestKeys.inbox,
    queryFn: ({ signal }) => call(requestsApi.inbox, { signal }),
  });
  const count = useQuery(pendingRequests).data;
  const seen = useRef(count);
  useEffect(() => {
    const before = seen.current;
    seen.current = count;
    if (before !== undefined && count !== undefined && before !== count) {
      void queryClient.invalidateQueries({ queryKey: requestKeys.inbox });
    }
  }, [count, queryClient]);
  return inbox;
}

/** After an answer: the inbox, the count beside Requests, and whatever shows appointments. */
function useRefresh() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: areaKeys.requests }),
      queryClient.invalidateQueries({ queryKey: requestCountKey }),
    ]);
  };
}

export function useAcceptRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => call(requestsApi.accept, { params: { id } }),
    onSettled: refresh,
  });
}

export function useDeclineRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      call(requestsApi.decline, { params: { id }, body: { reason } }),
    onSettled: refresh,
  });
}
