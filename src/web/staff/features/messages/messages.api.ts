import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import type {
  ConversationsPage,
  LiveEvent,
  Message,
  MessagePage,
  StaffConversation,
} from '../../../../shared/schemas/messages.js';
import { api } from '../../../common/api.js';

/** Everything cached for messaging starts with 'messages', so one invalidation can refresh it all. */
export const messageKeys = {
  all: ['messages'] as const,
  lists: ['messages', 'conversations'] as const,
  list: (q: string) => ['messages', 'conversations', q] as const,
  unread: ['messages', 'unread'] as const,
  client: (clientId: string) => ['messages', 'client', clientId] as const,
  conversation: (clientId: string) => ['messages', 'client', clientId, 'conversation'] as const,
  history: (clientId: string) => ['messages', 'client', clientId, 'history'] as const,
};

const clientBase = (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}`;

const LIST_PAGE = 30;
const HISTORY_PAGE = 50;

/** The practice's conversations, newest first; `q` searches client names. */
export function useConversations(q: string) {
  return useInfiniteQuery({
    queryKey: messageKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      api.get<ConversationsPage>('/api/conversations', { q: q || undefined, before: pageParam, limit: LIST_PAGE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** How many conversations have unread client messages, for the navigation badge. */
export function useUnreadSummary(enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.unread,
    queryFn: ({ signal }) => api.get<{ unreadConversations: number }>('/api/conversations/unread', undefined, signal),
    enabled,
  });
}

/**
 * One client's conversation: name, whether staff can send, unread count, portal address.
 * Always refetched when shown: portal access and permissions change on other pages.
 */
export function useStaffConversation(clientId: string) {
  return useQuery({
    queryKey: messageKeys.conversation(clientId),
    queryFn: ({ signal }) => api.get<StaffConversation>(`${clientBase(clientId)}/conversation`, undefined, signal),
    staleTime: 0,
  });
}

/** The history, newest page first (each page newest first); older pages through `nextBefore`. */
export function useMessageHistory(clientId: string) {
  return useInfiniteQuery({
    queryKey: messageKeys.history(clientId),
    queryFn: ({ pageParam, signal }) =>
      api.get<MessagePage>(`${clientBase(clientId)}/messages`, { before: pageParam, limit: HISTORY_PAGE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });
}

/** Refreshes what a change in one client's conversation affects: the list, the badge, the conversation. */
export function invalidateConversation(queryClient: QueryClient, clientId: string): void {
  void queryClient.invalidateQueries({ queryKey: messageKeys.lists });
  void queryClient.invalidateQueries({ queryKey: messageKeys.unread });
  void queryClient.invalidateQueries({ queryKey: messageKeys.client(clientId) });
}

/** What the live events say changed. */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  invalidateConversation(queryClient, event.clientId);
}

export interface SendMessageInput {
  body: string;
  files: readonly File[];
}

export function useSendMessage(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, files }: SendMessageInput) => {
      const form = new FormData();
      form.append('body', body);
      for (const file of files) form.append('attachments', file, file.name);
      return api.postForm<Message>(`${clientBase(clientId)}/messages`, form);
    },
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
    mutationFn: (upTo: string) => api.post<{ ok: true }>(`${clientBase(clientId)}/messages/read`, { upTo }),
    onSuccess: () => invalidateConversation(queryClient, clientId),
  });
}
