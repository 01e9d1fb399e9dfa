import { useQueryClient } from '@tanstack/react-query';
import { messagingApi } from '../../../../shared/contract/messaging.js';
import { urlOf } from '../../../common/api.js';
import { useLiveEvents } from '../../../common/messaging/use-live-events.js';
import { applyLiveEvent, messageKeys, useUnreadConversations } from './messages.queries.js';

/**
 * Live messaging for the whole staff app, used once in the app shell: server-sent events refresh
 * the list, the badge and the open conversation; after a reconnect everything is refetched.
 * Returns how many conversations have unread client messages (null while unknown or not allowed).
 */
export function useMessagingLive(enabled: boolean): number | null {
  const queryClient = useQueryClient();
  const refetchAll = () => void queryClient.invalidateQueries({ queryKey: messageKeys.all });
  // After a reconnect, refetch what may have been missed; when the server ends the stream (the
  // session is over), the refetch answers 401 and the app signs out as it does anywhere else.
  useLiveEvents(enabled ? urlOf(messagingApi.events) : null, (event) => applyLiveEvent(queryClient, event), refetchAll, refetchAll);
  const unread = useUnreadConversations(enabled);
  return enabled ? (unread.data ?? null) : null;
}
