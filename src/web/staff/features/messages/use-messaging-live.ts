import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../../../common/messaging/use-live-events.js';
import { applyLiveEvent, messageKeys, useUnreadSummary } from './messages.api.js';

/**
 * Live messaging for the whole staff app, used once in the app shell: server-sent events refresh
 * the list, the badge and the open conversation; after a reconnect everything is refetched.
 * Returns how many conversations have unread client messages (null while unknown or not allowed).
 */
export function useMessagingLive(enabled: boolean): number | null {
  const queryClient = useQueryClient();
  useLiveEvents(
    enabled ? '/api/events' : null,
    (event) => applyLiveEvent(queryClient, event),
    () => void queryClient.invalidateQueries({ queryKey: messageKeys.all }),
  );
  const unread = useUnreadSummary(enabled);
  return enabled ? (unread.data?.unreadConversations ?? null) : null;
}
