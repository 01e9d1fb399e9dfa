import { IconMessages } from '@tabler/icons-react';
import type { StaffArea } from '../../common/area.js';
import type { StaffRouteHandle } from '../../common/layout/focus-on-navigation.js';
import { canUseMessaging, RequireMessaging } from './access.js';
import { ClientMessagesSection } from './ClientMessagesSection.js';
import { ConversationPane, NoConversationSelected } from './ConversationPane.js';
import { unreadConversationsLabel } from './message-labels.js';
import { MessagesPage } from './MessagesPage.js';
import { MessagingLive } from './MessagingLive.js';
import { unreadConversations } from './messages.queries.js';

// Picking a conversation changes only part of the Messages page: focus stays on the list.
const keepsFocus: StaffRouteHandle = { keepsFocus: true };

/** Secure messaging, for owners and clinicians: the Messages inbox and each client's conversation. */
export const messagesArea: StaffArea = {
  routes: [
    {
      element: <RequireMessaging />,
      children: [
        {
          path: '/messages',
          element: <MessagesPage />,
          children: [
            { index: true, element: <NoConversationSelected />, handle: keepsFocus },
            { path: ':clientId', element: <ConversationPane />, handle: keepsFocus },
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
      element: <ClientMessagesSection />,
      allowed: ({ staff }) => canUseMessaging(staff.roles),
    },
  ],
  live: MessagingLive,
};
