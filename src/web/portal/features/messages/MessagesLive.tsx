import { useQueryClient } from '@tanstack/react-query';
import { portalApi } from '../../../../shared/contract/portal.js';
import type { StreamEndReason } from '../../../../shared/schemas/messages.js';
import { urlOf } from '../../../common/api.js';
import { refetchAfterChange, useLiveEvents } from '../../../common/messaging/use-live-events.js';
import { meQuery, setPortalEnabled, useSignedIn } from '../../common/session.js';
import { messageKeys } from './messages.queries.js';

/**
 * While messaging is permitted, listens for live events and refreshes the conversation and the
 * unread count, wherever the client is in the portal. When the practice switches the portal off or
 * disables the client's access, the server ends the stream saying so: the page leaves at once for
 * "not available" or the signed-out landing (a draft in the composer is kept, see MessageComposer).
 * When the stream ends for another reason (messaging switched off, session over), the refetch
 * answers 403 or 401 and the portal refetches who is signed in, hiding what is no longer available.
 */
export function MessagesLive() {
  const me = useSignedIn();
  const slug = me.practice.slug;
  const queryClient = useQueryClient();
  const refresh = () => void refetchAfterChange(queryClient, messageKeys.all(slug));
  const ended = (reason: StreamEndReason) => {
    if (reason === 'ended') {
      refresh();
      return;
    }
    if (reason === 'portal_off') setPortalEnabled(queryClient, slug, false);
    // The session is gone: asking who is here sends the guards to the landing page.
    void queryClient.invalidateQueries({ queryKey: meQuery(slug).queryKey });
  };
  useLiveEvents(me.permissions.messaging ? urlOf(portalApi.events, { slug }) : null, refresh, refresh, ended);
  return null;
}
