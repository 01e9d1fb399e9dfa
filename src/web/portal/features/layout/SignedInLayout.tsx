import { Box, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Outlet, useMatches } from 'react-router';
import { portalApi } from '../../../../shared/contract/portal.js';
import { urlOf } from '../../../common/api.js';
import { useLiveEvents } from '../../../common/messaging/use-live-events.js';
import { displayName } from '../../names.js';
import { useSignedIn } from '../../common/session.js';
import { messageKeys } from '../messages/messages.queries.js';
import { PortalHeader } from './PortalHeader.js';

/** A route's `handle`: `fill` pages (the conversation) take exactly the screen's height, with no footer. */
export interface PortalRouteHandle {
  fill?: boolean;
}

function isFill(handle: unknown): boolean {
  return typeof handle === 'object' && handle !== null && (handle as PortalRouteHandle).fill === true;
}

/**
 * The frame of every signed-in page: skip link, header with the sections, the page, the footer.
 * While messaging is permitted it listens for live events and refreshes the conversation and the
 * unread count, wherever the client is in the portal.
 */
export function SignedInLayout() {
  const me = useSignedIn();
  const slug = me.practice.slug;
  const queryClient = useQueryClient();
  const fill = useMatches().some((match) => isFill(match.handle));

  const refreshMessages = () => void queryClient.invalidateQueries({ queryKey: messageKeys.all(slug) });
  // When the stream ends (messaging switched off, session over), the refetch answers 403 or 401 and
  // the portal refetches who is signed in, hiding what is no longer available.
  useLiveEvents(me.permissions.messaging ? urlOf(portalApi.events, { slug }) : null, refreshMessages, refreshMessages, refreshMessages);

  return (
    <div className="portal-shell" data-fill={fill || undefined}>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <PortalHeader practice={me.practice} clientName={displayName(me.client)} permissions={me.permissions} />
      <Box component="main" id="main" className="portal-main">
        <Outlet />
      </Box>
      {fill ? null : (
        <Box component="footer" pb="lg" px="md">
          <Text size="xs" c="dimmed" ta="center">
            Secure Client Portal · Powered by Portico
          </Text>
        </Box>
      )}
    </div>
  );
}
