import { Box, Button, Center, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Message } from '../../../../shared/schemas/messages.js';
import { MessageBubble } from './MessageBubble.js';

interface MessageHistoryProps {
  /** Oldest first. */
  messages: readonly Message[];
  clientName: string;
  timeZone: string;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  /** CSS height of the scrolling history; with `grow`, its maximum (it grows with the messages). */
  height: string;
  grow?: boolean;
  /** Bumped after the user sends: scroll to the newest message whatever the position. */
  sentVersion: number;
}

/** Close enough to the end to count as "reading the newest messages". */
const BOTTOM_SLACK = 48;

interface Snapshot {
  oldestId: string | undefined;
  newestId: string | undefined;
  scrollHeight: number;
  scrollTop: number;
  atBottom: boolean;
  sentVersion: number;
}

/**
 * The conversation, oldest at the top. It opens at the newest message and stays there as new
 * messages arrive if the reader was there; loading older messages keeps the reader's place.
 * New messages from the client are announced through a polite live log.
 */
export function MessageHistory(props: MessageHistoryProps) {
  const {
    messages,
    clientName,
    timeZone,
    hasOlder,
    loadingOlder,
    onLoadOlder,
    height,
    grow = false,
    sentVersion,
  } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const snapshot = useRef<Snapshot | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const oldestId = messages[0]?.id;
  const newest = messages[messages.length - 1];
  const newestId = newest?.id;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = snapshot.current;
    if (!before) {
      element.scrollTop = element.scrollHeight;
    } else if (before.sentVersion !== sentVersion) {
      element.scrollTop = element.scrollHeight;
    } else if (before.newestId === newestId && before.oldestId !== oldestId) {
      // Older messages went in above: keep what the reader was looking at in place.
      element.scrollTop = before.scrollTop + (element.scrollHeight - before.scrollHeight);
    } else if (before.newestId !== newestId && before.atBottom) {
      element.scrollTop = element.scrollHeight;
    }
    snapshot.current = {
      oldestId,
      newestId,
      scrollHeight: element.scrollHeight,
      scrollTop: element.scrollTop,
      atBottom: element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK,
      sentVersion,
    };
  }, [oldestId, newestId, sentVersion]);

  // Announce a message that arrives while the conversation is open (not the history on opening).
  const [announced, setAnnounced] = useState(newestId);
  if (announced !== newestId) {
    setAnnounced(newestId);
    if (announced !== undefined && newest && newest.sender === 'client') {
      const what = newest.body.trim().slice(0, 140) || `${newest.attachments.length} attachment(s)`;
      setAnnouncement(`New message from ${newest.senderName}: ${what}`);
    }
  }

  const onScroll = () => {
    const element = scroller.current;
    if (!element || !snapshot.current) return;
    snapshot.current.scrollTop = element.scrollTop;
    snapshot.current.scrollHeight = element.scrollHeight;
    snapshot.current.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
  };

  const readStaffId = [...messages].reverse().find((m) => m.sender === 'staff' && m.readAt !== null)?.id;

  return (
    <>
      <Box
        ref={scroller}
        onScroll={onScroll}
        role="region"
        aria-label={`Message history with ${clientName}`}
        tabIndex={0}
        px={{ base: 'sm', sm: 'md' }}
        py="md"
        bg="gray.0"
        style={{
          ...(grow ? { maxHeight: height, minHeight: 160 } : { height }),
          overflowY: 'auto',
          overscrollBehavior: 'contain',
        }}
      >
        <Stack gap="md">
          {hasOlder ? (
            <Center>
              <Button variant="default" size="xs" onClick={onLoadOlder} loading={loadingOlder}>
                Load older messages
              </Button>
            </Center>
          ) : null}
          {messages.length === 0 ? (
            <Center py="xl">
              <Text size="sm" c="dimmed" ta="center" maw={360}>
                No messages yet. Messages you send appear here, and so do the client’s replies.
              </Text>
            </Center>
          ) : (
            <Stack component="ol" gap="md" aria-label="Messages" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {messages.map((message) => (
                <MessageBubble
                  key={message.id}
                  message={message}
                  timeZone={timeZone}
                  showRead={message.id === readStaffId}
                />
              ))}
            </Stack>
          )}
        </Stack>
      </Box>
      <VisuallyHidden role="log" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </>
  );
}
