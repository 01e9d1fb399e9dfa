import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { messagingApi } from '../../../../shared/contract/messaging.js';
import type { LiveEvent, Message, MessagePage } from '../../../../shared/schemas/messages.js';
import { call } from '../../../common/api.js';
import { messageForm, type MessageDraft } from '../../../common/messaging/message-draft.js';
import { refetchAfterChange } from '../../../common/messaging/use-live-events.js';
import { areaKeys } from '../../common/query-keys.js';
import { unreadKey } from './unread-count.js';

/** Everything cached for messaging starts with its area's root, so one invalidation can refresh it all. */
export const messageKeys = {
  all: areaKeys.messages,
  lists: [...areaKeys.messages, 'conversations'] as const,
  list: (q: string) => [...areaKeys.messages, 'conversations', q] as const,
  unread: unreadKey,
  client: (clientId: string) => [...areaKeys.messages, 'client', clientId] as const,
  conversation: (clientId: string) => [...areaKeys.messages, 'client', clientId, 'conversation'] as const,
  history: (clientId: string) => [...areaKeys.messages, 'client', clientId, 'history'] as const,
};

const LIST_PAGE = 30;
const HISTORY_PAGE = 50;

/** The practice's conversations, newest first; `q` searches client names. */
export function useConversations(q: string) {
  return useInfiniteQuery({
    queryKey: messageKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      call(messagingApi.conversations, { query: { q: q || undefined, before: pageParam, limit: LIST_PAGE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export { unreadConversations } from './unread-count.js';

/**
 * One client's conversation: name, whether staff can send, unread count, portal address.
 * Always refetched when shown: portal access and permissions change on other pages.
 */
export function useStaffConversation(clientId: string) {
  return useQuery({
    queryKey: messageKeys.conversation(clientId),
    queryFn: ({ signal }) => call(messagingApi.conversation, { params: { id: clientId }, signal }),
    staleTime: 0,
  });
}

/** The history, newest page first (each page newest first); older pages through `nextBefore`. */
export function useMessageHistory(clientId: string) {
  return useInfiniteQuery({
    queryKey: messageKeys.history(clientId),
    queryFn: ({ pageParam, signal }) =>
      call(messagingApi.messages, {
        params: { id: clientId },
        query: { before: pageParam, limit: HISTORY_PAGE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });
}

/** Refreshes what a change in one client's conversation affects: the list, the badge, the conversation. */
export function invalidateConversation(queryClient: QueryClient, clientId: string): void {
  void refetchAfterChange(queryClient, messageKeys.lists);
  void refetchAfterChange(queryClient, messageKeys.unread);
  void refetchAfterChange(queryClient, messageKeys.client(clientId));
}

/** What the live events say changed. */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  invalidateConversation(queryClient, event.clientId);
}

export function useSendMessage(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: MessageDraft): Promise<Message> =>
      call(messagingApi.send, { params: { id: clientId }, body: messageForm(draft) }),
    onSuccess: (sent) => {
      // Shown at once; the refetch (and the live event) confirm it.
      queryClient.setQueryData<InfiniteData<MessagePage, string | undefined>>(messageKeys.history(clientId), (data) => {
        if (!data || data.pages.length === 0) return data;
        const [first, ...rest] = data.pages;
        if (!first || first.items.some((item) => item.id === sent.id)) return data;
        return { ...data, pages: [{ ...first, items: [sent, ...first.items] }, ...rest] };
      });
      invalidateConversation(queryClient, clientId);
    },
    onError: () => {
      // A refusal may mean messaging was just turned off: show the conversation as it is now.
      void queryClient.invalidateQueries({ queryKey: messageKeys.conversation(clientId) });
    },
  });
}

/** Marks the client's messages up to `upTo` as read by the practice. */
export function useMarkRead(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upTo: string) => call(messagingApi.markRead, { params: { id: clientId }, body: { upTo } }),
    onSuccess: () => invalidateConversation(queryClient, clientId),
  });
}
