import { useDocumentVisibility } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { portalApi } from '../../../../shared/contract/portal.js';
import type { Message, MessagePage } from '../../../../shared/schemas/messages.js';
import { call } from '../../../common/api.js';
import { messageForm, type MessageDraft } from '../../../common/messaging/message-draft.js';
import { conversationQuery, messageKeys } from './messages.queries.js';

/** The conversation, oldest first, from the pages the server gives newest first. */
export function useConversation(slug: string) {
  const query = useInfiniteQuery(conversationQuery(slug));
  const messages = useMemo(() => {
    const seen = new Set<string>();
    const newestFirst: Message[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const message of page.items) {
        if (seen.has(message.id)) continue;
        seen.add(message.id);
        newestFirst.push(message);
      }
    }
    return newestFirst.reverse();
  }, [query.data]);
  return { query, messages };
}

/**
 * Sends the client's message. It goes at the end of the conversation at once, before the refetch
 * confirms it. A refusal for who is asking (messaging switched off) makes the portal refetch who
 * is signed in (query-client.ts reads the ['portal', slug] mutation key).
 */
export function useSendMessage(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: messageKeys.send(slug),
    mutationFn: (draft: MessageDraft) => call(portalApi.send, { params: { slug }, body: messageForm(draft) }),
    onSuccess: (message) => {
      queryClient.setQueryData<InfiniteData<MessagePage, string | undefined>>(messageKeys.list(slug), (old) => {
        const [first, ...rest] = old?.pages ?? [];
        if (!old || !first) return old;
        return { ...old, pages: [{ ...first, items: [message, ...first.items] }, ...rest] };
      });
      void queryClient.invalidateQueries({ queryKey: messageKeys.all(slug) });
    },
  });
}

/**
 * Marks the practice's messages read while the conversation is on screen: when it is shown with
 * unread ones, and when a new one arrives while the page is visible (not in a background tab).
 */
export function useMarkRead(slug: string, messages: readonly Message[]): void {
  const queryClient = useQueryClient();
  const visibility = useDocumentVisibility();
  const lastMarked = useRef<string | null>(null);
  const { mutate } = useMutation({
    mutationKey: messageKeys.read(slug),
    mutationFn: (upTo: string) => call(portalApi.markRead, { params: { slug }, body: { upTo } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageKeys.all(slug) }),
    onError: () => {
      // Try again on the next new message or the next time the page becomes visible.
      lastMarked.current = null;
    },
  });

  const newest = messages.at(-1);
  const hasUnread = messages.some((message) => message.sender === 'staff' && message.readAt === null);

  useEffect(() => {
    if (!newest || !hasUnread || visibility !== 'visible') return;
    if (lastMarked.current === newest.id) return;
    lastMarked.current = newest.id;
    mutate(newest.id);
  }, [newest, hasUnread, visibility, mutate]);
}
