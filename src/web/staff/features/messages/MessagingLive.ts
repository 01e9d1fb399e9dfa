import { useQueryClient } from '@tanstack/react-query';
import { messagingApi } from '../../../../shared/contract/messaging.js';
import { urlOf } from '../../../common/api.js';
import { refetchAfterChange, useLiveEvents } from '../../../common/messaging/use-live-events.js';
import { useSignedIn } from '../../common/session.js';
import { canUseMessaging } from './access.js';
import { applyLiveEvent, messageKeys } from './messages.queries.js';

/**
 * Live messaging for the whole staff app, mounted once in the app shell: server-sent events refresh
 * the list, the navigation's unread count and the open conversation; once connected, and again after
 * a reconnect, everything is refetched. Only for staff who may read messages.
 */
export function MessagingLive() {
  const { staff } = useSignedIn();
  const queryClient = useQueryClient();
  const refetchAll = () => void refetchAfterChange(queryClient, messageKeys.all);
  // Once connected (and after a reconnect), refetch what may have been missed; when the server ends
  // the stream (the session is over), the refetch answers 401 and the app signs out as it does
  // anywhere else.
  useLiveEvents(
    canUseMessaging(staff.roles) ? urlOf(messagingApi.events) : null,
    (event) => applyLiveEvent(queryClient, event),
    refetchAll,
    refetchAll,
  );
  return null;
}
