import { Badge, VisuallyHidden } from '@mantine/core';
import { unreadConversationsLabel } from './message-labels.js';

/** The count beside Messages in the navigation; read out as "3 unread conversations". */
export function UnreadBadge({ count }: { count: number | null }) {
  if (!count) return null;
  return (
    <Badge size="sm" variant="filled" color="red.8" circle={count < 10} ml={6} style={{ verticalAlign: 'middle' }}>
      <span aria-hidden>{count > 99 ? '99+' : count}</span>
      <VisuallyHidden> {unreadConversationsLabel(count)}</VisuallyHidden>
    </Badge>
  );
}
