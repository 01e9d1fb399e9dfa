import { IconMessages } from '@tabler/icons-react';
import type { PortalArea, PortalRouteHandle } from '../../common/area.js';
import { portalPaths } from '../../common/paths.js';
import { signedInPage } from '../../common/signed-in-pages.js';
import { MessagesLive } from './MessagesLive.js';
import { unreadQuery } from './messages.queries.js';

const messagesPage = signedInPage(() => import('./MessagesPage.js'));
const fillScreen: PortalRouteHandle = { fill: true };

/** Secure messaging with the practice, for clients whose messaging is on. */
export const messagesArea: PortalArea = {
  signedInRoutes: [
    { path: 'messages', lazy: async () => ({ Component: (await messagesPage()).MessagesPage }), handle: fillScreen },
  ],
  nav: [
    {
      path: portalPaths.messages,
      label: 'Messages',
      icon: IconMessages,
      allowed: (me) => me.permissions.messaging,
      count: { query: unreadQuery, label: (count) => `Messages, ${count} unread` },
    },
  ],
  live: MessagesLive,
};
