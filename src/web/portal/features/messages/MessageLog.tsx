import { Button, Center, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { Fragment, useLayoutEffect, useRef } from 'react';
import type { Message } from '../../../../shared/schemas/messages.js';
import { usePortalInfo } from '../../common/session.js';
import { MessageBubble } from './MessageBubble.js';
import { dayKey, dayLabel } from './message-time.js';

interface MessageLogProps {
  slug: string;
  practiceName: string;
  /** Oldest first. */
  messages: readonly Message[];
  loading: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
}

/** Messages from the same person this close together share one name and time. */
const groupWithinMs = 5 * 60_000;

/** How close to the end counts as "reading the newest": new messages then scroll into view. */
const nearEndPx = 120;

/**
 * The conversation, newest at the bottom, in a scrolling region of its own (role="log", so
 * screen readers announce what arrives). It opens at the newest message, follows new ones while
 * the client is at the end, and keeps the client's place when older messages load above.
 */
export function MessageLog({
  slug,
  practiceName,
  messages,
  loading,
  hasOlder,
  loadingOlder,
  onLoadOlder,
}: MessageLogProps) {
  const { timeZone } = usePortalInfo().practice;
  const logRef = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const beforeOlder = useRef<{ height: number; top: number } | null>(null);
  const newestId = messages.at(-1)?.id ?? null;
  const newestOwn = messages.at(-1)?.sender === 'client';
  const oldestId = messages[0]?.id ?? null;

  // A new newest message (or the first load): show it if the client was at the end, or wrote it.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log || !newestId) return;
    if (atEnd.current || newestOwn) log.scrollTop = log.scrollHeight;
  }, [newestId, newestOwn]);

  // Older messages above: keep what the client was looking at in place.
  useLayoutEffect(() => {
    const log = logRef.current;
    const before = beforeOlder.current;
    if (!log || !before) return;
    log.scrollTop = before.top + (log.scrollHeight - before.height);
    beforeOlder.current = null;
  }, [oldestId]);

  const loadOlder = () => {
    const log = logRef.current;
    if (log) beforeOlder.current = { height: log.scrollHeight, top: log.scrollTop };
    onLoadOlder();
  };

  const onScroll = () => {
    const log = logRef.current;
    if (log) atEnd.current = log.scrollHeight - log.scrollTop - log.clientHeight < nearEndPx;
  };

  // The newest of the client's messages that the practice has read carries "Read".
  const readId = messages.findLast((message) => message.sender === 'client' && message.readAt !== null)?.id;

  return (
    <div
      ref={logRef}
      role="log"
      aria-live="polite"
      aria-label={`Conversation with ${practiceName}`}
      aria-busy={loading || undefined}
      tabIndex={0}
      className="portal-log"
      onScroll={onScroll}
    >
      {loading ? (
        <Center h="100%">
          <Loader aria-label="Loading messages" />
        </Center>
      ) : messages.length === 0 ? (
        <EmptyConversation practiceName={practiceName} />
      ) : (
        <div className="portal-log-items">
          {hasOlder ? (
            <Center>
              <Button variant="default" size="sm" radius="xl" loading={loadingOlder} onClick={loadOlder}>
                Load older messages
              </Button>
            </Center>
          ) : (
            <Text size="xs" c="dimmed" ta="center" className="portal-break">
              This is the beginning of your conversation with <bdi>{practiceName}</bdi>.
            </Text>
          )}
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            const newDay = !previous || dayKey(previous.createdAt, timeZone) !== dayKey(message.createdAt, timeZone);
            const grouped =
              !newDay &&
              previous !== undefined &&
              previous.sender === message.sender &&
              previous.senderName === message.senderName &&
              previous.id !== readId &&
              Date.parse(message.createdAt) - Date.parse(previous.createdAt) < groupWithinMs;
            return (
              <Fragment key={message.id}>
                {newDay ? (
                  <div className="portal-log-day">
                    <Text span size="xs" fw={600} c="dark.6">
                      {dayLabel(message.createdAt, timeZone)}
                    </Text>
                  </div>
                ) : null}
                <MessageBubble slug={slug} message={message} showRead={message.id === readId} grouped={grouped} />
              </Fragment>
            );
          })}
        </div>
      )}
    </div>
  );
}

function EmptyConversation({ practiceName }: { practiceName: string }) {
  return (
    <Center h="100%" p="lg">
      <Stack align="center" gap="sm" maw={340} ta="center">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          <IconMessageCircle size={28} stroke={1.6} />
        </ThemeIcon>
        <Text fw={600} c="dark.7" className="portal-break">
          No messages yet. Write to <bdi>{practiceName}</bdi> below.
        </Text>
        <Text size="sm" c="dimmed">
          Only you and your practice can read this conversation.
        </Text>
      </Stack>
    </Center>
  );
}
