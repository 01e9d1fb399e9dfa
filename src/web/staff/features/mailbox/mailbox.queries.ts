import { useQuery } from '@tanstack/react-query';
import { devMailboxApi } from '../../../../shared/contract/dev-mailbox.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const mailboxKeys = {
  list: [...areaKeys.mailbox, 'list'] as const,
  message: (id: string | null) => [...areaKeys.mailbox, 'message', id] as const,
};

const POLL_MS = 2000;

export function useMailbox() {
  return useQuery({
    queryKey: mailboxKeys.list,
    queryFn: ({ signal }) => call(devMailboxApi.list, { signal }),
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}

export function useMailMessage(id: string | null) {
  return useQuery({
    queryKey: mailboxKeys.message(id),
    queryFn: ({ signal }) => call(devMailboxApi.get, { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'sent' ? false : POLL_MS),
  });
}
