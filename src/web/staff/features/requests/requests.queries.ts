import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { requestsApi } from '../../../../shared/contract/appointment-requests.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';
import { requestCountKey } from './request-count.js';

export const requestKeys = {
  inbox: [...areaKeys.requests, 'inbox'] as const,
};

/** The pending requests the staff member may answer, oldest first. */
export function useRequestInbox() {
  return useQuery({
    queryKey: requestKeys.inbox,
    queryFn: ({ signal }) => call(requestsApi.inbox, { signal }),
  });
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
