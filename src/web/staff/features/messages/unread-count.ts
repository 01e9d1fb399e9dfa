import { messagingApi } from '../../../../shared/contract/messaging.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

/**
 * The count beside Messages in the navigation, on its own: the navigation is part of the app's
 * first load, and messages.queries.ts brings the live events and their schemas (zod) with it.
 */
export const unreadKey = [...areaKeys.messages, 'unread'] as const;

/** How many conversations have unread client messages: the count beside Messages in the navigation. */
export const unreadConversations = {
  queryKey: unreadKey,
  queryFn: async ({ signal }: { signal: AbortSignal }) =>
    (await call(messagingApi.unread, { signal })).unreadConversations,
};

export function unreadConversationsLabel(count: number): string {
  return count === 1 ? '1 unread conversation' : `${count} unread conversations`;
}
