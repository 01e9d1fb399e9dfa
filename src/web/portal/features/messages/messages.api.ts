import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { Message, MessagePage } from '../../../../shared/schemas/messages.js';
import { api, isApiError } from '../../../common/api.js';

const base = (slug: string): string => `/api/portal/${encodeURIComponent(slug)}`;

/** How many messages one page of the conversation holds. */
const pageSize = 30;

/** Unread messages are also polled slowly: a fallback for a dropped live connection. */
const unreadPollMs = 60_000;

export const messagesApi = {
  page: (slug: string, before: string | undefined, signal?: AbortSignal) =>
    api.get<MessagePage>(`${base(slug)}/messages`, { before, limit: pageSize }, signal),
  unread: (slug: string, signal?: AbortSignal) =>
    api.get<{ unreadCount: number }>(`${base(slug)}/messages/unread`, undefined, signal),
  send: (slug: string, body: string, files: readonly File[]) => {
    const form = new FormData();
    // The text first: the server reads the parts in order.
    form.append('body', body);
    for (const file of files) form.append('attachments', file, file.name);
    return api.postForm<Message>(`${base(slug)}/messages`, form);
  },
  markRead: (slug: string, upTo: string) => api.post<{ ok: true }>(`${base(slug)}/messages/read`, { upTo }),
  attachmentUrl: (slug: string, attachmentId: string) => `${base(slug)}/attachments/${encodeURIComponent(attachmentId)}`,
  eventsUrl: (slug: string) => `${base(slug)}/events`,
};

/** Under ['portal', slug, …] so that signing out forgets them (see use-sign-out). */
export const messageKeys = {
  all: (slug: string) => ['portal', slug, 'messages'] as const,
  list: (slug: string) => ['portal', slug, 'messages', 'list'] as const,
  unread: (slug: string) => ['portal', slug, 'messages', 'unread'] as const,
  send: (slug: string) => ['portal', slug, 'messages', 'send'] as const,
  read: (slug: string) => ['portal', slug, 'messages', 'read'] as const,
};

export const conversationQuery = (slug: string) =>
  infiniteQueryOptions({
    queryKey: messageKeys.list(slug),
    queryFn: ({ pageParam, signal }) => messagesApi.page(slug, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 10_000,
  });

export const unreadQuery = (slug: string) =>
  queryOptions({
    queryKey: messageKeys.unread(slug),
    queryFn: ({ signal }) => messagesApi.unread(slug, signal),
    select: (answer) => answer.unreadCount,
    staleTime: 10_000,
    refetchInterval: unreadPollMs,
  });

/** The 403 the messaging routes answer while messaging is off for this client or the practice. */
export function isMessagingOff(error: unknown): boolean {
  return isApiError(error) && error.status === 403 && (error.reason === 'messaging_off' || error.code === 'forbidden');
}
