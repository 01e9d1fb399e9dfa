import { IconMessages } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PortalArea, PortalRouteHandle } from '../../common/area.js';
import { portalPaths } from '../../common/paths.js';
import { signedInPage } from '../../common/signed-in-pages.js';
import { unreadQuery } from './messages.queries.js';

const messagesPage = signedInPage(() => import('./MessagesPage.js'));
// The live updates load with the signed-in pages: they bring the live event schemas (and zod).
const messagesLive = signedInPage(() => import('./MessagesLive.js'));
const MessagesLive = lazy(async () => ({ default: (await messagesLive()).MessagesLive }));
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
