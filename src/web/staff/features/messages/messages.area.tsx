import { IconMessages } from '@tabler/icons-react';
import { lazy } from 'react';
import type { StaffArea } from '../../common/area.js';
import { page } from '../../common/lazy-page.js';
import type { StaffRouteHandle } from '../../common/layout/focus-on-navigation.js';
import { canUseMessaging, RequireMessaging } from './access.js';
import { unreadConversations, unreadConversationsLabel } from './unread-count.js';

// Picking a conversation changes only part of the Messages page: focus stays on the list.
const keepsFocus: StaffRouteHandle = { keepsFocus: true };
// Live updates load with the signed-in shell, not before the sign-in page.
const MessagingLive = lazy(async () => ({ default: (await import('./MessagingLive.js')).MessagingLive }));

/** Secure messaging, for owners and clinicians: the Messages inbox and each client's conversation. */
export const messagesArea: StaffArea = {
  routes: [
    {
      element: <RequireMessaging />,
      children: [
        {
          path: '/messages',
          lazy: page(() => import('./MessagesPage.js'), 'MessagesPage'),
          children: [
            {
              index: true,
              lazy: page(() => import('./ConversationPane.js'), 'NoConversationSelected'),
              handle: keepsFocus,
            },
            {
              path: ':clientId',
              lazy: page(() => import('./ConversationPane.js'), 'ConversationPane'),
              handle: keepsFocus,
            },
          ],
        },
      ],
    },
  ],
  nav: [
    {
      to: '/messages',
      label: 'Messages',
      icon: IconMessages,
      allowed: ({ staff }) => canUseMessaging(staff.roles),
      count: { ...unreadConversations, label: unreadConversationsLabel },
    },
  ],
  profileSections: [
    {
      path: 'messages',
      label: 'Messages',
      lazy: page(() => import('./ClientMessagesSection.js'), 'ClientMessagesSection'),
      allowed: ({ staff }) => canUseMessaging(staff.roles),
    },
  ],
  live: MessagingLive,
};
