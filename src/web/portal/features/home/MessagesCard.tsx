import { IconMessages } from '@tabler/icons-react';
import { portalPaths } from '../../common/paths.js';
import { useUnreadCount } from '../messages/index.js';
import { HomeTile } from './HomeTile.js';

/** "2 unread messages", "1 unread message", "No unread messages". */
export function unreadLabel(count: number): string {
  if (count === 0) return 'No unread messages';
  return `${count} unread ${count === 1 ? 'message' : 'messages'}`;
}

/** Home's Messages tile: whether the practice has written, and the way into the conversation. */
export function MessagesCard({ practice }: { practice: { name: string; slug: string } }) {
  const unread = useUnreadCount(practice.slug);
  return (
    <HomeTile
      title="Messages"
      icon={<IconMessages size={26} stroke={1.7} />}
      count={unread.data}
      label={unreadLabel}
      waitingText={
        <>
          <bdi>{practice.name}</bdi> has written to you.
        </>
      }
      idleText={
        <>
          Write to <bdi>{practice.name}</bdi> privately, and attach files when you need to.
        </>
      }
      to={portalPaths.messages(practice.slug)}
      action="Open messages"
    />
  );
}
