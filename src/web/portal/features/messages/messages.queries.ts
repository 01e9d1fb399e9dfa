import { infiniteQueryOptions, useQuery } from '@tanstack/react-query';
import { portalApi } from '../../../../shared/contract/portal.js';
import { call, isApiError } from '../../../common/api.js';
import type { CountQuery } from '../../common/area.js';

/** How many messages one page of the conversation holds. */
const pageSize = 30;

/** Unread messages are also polled slowly: a fallback for a dropped live connection. */
const unreadPollMs = 60_000;

/** Under ['portal', slug, …] so that signing out forgets them (see useSignOut). */
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
    queryFn: ({ pageParam, signal }) =>
      call(portalApi.messages, { params: { slug }, query: { before: pageParam, limit: pageSize }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 10_000,
  });

/** How many of the practice's messages the client has not read yet: on Home and beside Messages in the header. */
export const unreadQuery = (slug: string): CountQuery => ({
  queryKey: messageKeys.unread(slug),
  queryFn: async ({ signal }) => (await call(portalApi.unread, { params: { slug }, signal })).unreadCount,
  staleTime: 10_000,
  refetchInterval: unreadPollMs,
});

export function useUnreadCount(slug: string) {
  return useQuery(unreadQuery(slug));
}

/** The 403 the messaging routes answer while messaging is off for this client or the practice. */
export function isMessagingOff(error: unknown): boolean {
  return isApiError(error) && error.status === 403 && (error.reason === 'messaging_off' || error.code === 'forbidden');
}
