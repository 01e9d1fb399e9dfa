import { useQueryClient } from '@tanstack/react-query';
import { portalApi } from '../../../../shared/contract/portal.js';
import { urlOf } from '../../../common/api.js';
import { refetchAfterChange, useLiveEvents } from '../../../common/messaging/use-live-events.js';
import { useSignedIn } from '../../common/session.js';
import { messageKeys } from './messages.queries.js';

/**
 * While messaging is permitted, listens for live events and refreshes the conversation and the
 * unread count, wherever the client is in the portal. When the stream ends (messaging switched
 * off, session over), the refetch answers 403 or 401 and the portal refetches who is signed in,
 * hiding what is no longer available.
 */
export function MessagesLive() {
  const me = useSignedIn();
  const slug = me.practice.slug;
  const queryClient = useQueryClient();
  const refresh = () => void refetchAfterChange(queryClient, messageKeys.all(slug));
  useLiveEvents(me.permissions.messaging ? urlOf(portalApi.events, { slug }) : null, refresh, refresh, refresh);
  return null;
}
