import { Anchor, Badge, Box, Divider, Group, Loader, Paper, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Message } from '../../../../shared/schemas/messages.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { MessageComposer } from '../../../common/messaging/MessageComposer.js';
import { useSignedIn } from '../../common/session.js';
import { BlockedNotice } from './BlockedNotice.js';
import { MessageHistory } from './MessageHistory.js';
import { useMarkRead, useMessageHistory, useSendMessage, useStaffConversation } from './messages.queries.js';
import { PortalLinkButton } from './PortalLinkButton.js';

interface ConversationViewProps {
  clientId: string;
  /** The h2 above the conversation; the client's name when not given. */
  title?: string;
  /** Shows a link to the client's profile (on Messages, not on the profile itself). */
  linkToProfile?: boolean;
  /**
   * CSS height of the scrolling history, fixed so the composer stays put (Messages); without it
   * the history grows with its messages up to a maximum (the profile).
   */
  historyHeight?: string;
}

const growingHistoryMax = 'min(60vh, 640px)';

/**
 * One client's conversation with the practice: the history, oldest at the top, and the composer
 * (or why staff cannot send). Used on Messages and on the client's profile.
 */
export function ConversationView({ clientId, title, linkToProfile = false, historyHeight }: ConversationViewProps) {
  const { staff, practice } = useSignedIn();
  const conversation = useStaffConversation(clientId);
  const history = useMessageHistory(clientId);
  const send = useSendMessage(clientId);
  const [sentVersion, setSentVersion] = useState(0);

  // Pages and their items are newest first; the view reads top to bottom, oldest first.
  const newestFirst: Message[] = [];
  const seen = new Set<string>();
  for (const page of history.data?.pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      newestFirst.push(item);
    }
  }
  const messages = [...newestFirst].reverse();
  const newestId = newestFirst[0]?.id;
  const unreadCount = conversation.data?.unreadCount ?? 0;

  // Open and visible with unread client messages: they are read now (and again as new ones arrive).
  const { mutate: markRead } = useMarkRead(clientId);
  const lastMarked = useRef<string | null>(null);
  useEffect(() => {
    if (unreadCount === 0 || !newestId) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || lastMarked.current === newestId) return;
      lastMarked.current = newestId;
      markRead(newestId);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [unreadCount, newestId, markRead]);

  if (
    isApiError(conversation.error) &&
    (conversation.error.status === 404 || conversation.error.code === 'validation_failed')
  ) {
    return (
      <Paper withBorder shadow="xs" p="lg">
        <Text>This client was not found in your practice.</Text>
      </Paper>
    );
  }
  const data = conversation.data;
  if (!data) {
    if (conversation.error) return <ErrorAlert error={conversation.error} title="Could not load the conversation" />;
    return (
      <Group justify="center" py={48}>
        <Loader aria-label="Loading conversation" />
      </Group>
    );
  }

  const heading = title ?? data.clientName;
  return (
    <Paper
      withBorder
      shadow="xs"
      component="section"
      aria-labelledby={`conversation-${clientId}`}
      style={{ overflow: 'hidden' }}
    >
      <Group justify="space-between" gap="xs" px={{ base: 'sm', sm: 'md' }} py="sm" wrap="wrap">
        <Group gap="xs" miw={0} wrap="wrap">
          <Title order={2} size="h3" id={`conversation-${clientId}`} style={{ overflowWrap: 'anywhere' }}>
            <bdi>{heading}</bdi>
          </Title>
          {data.messagingEnabled ? null : (
            <Badge color="gray" variant="light">
              Messaging off
            </Badge>
          )}
        </Group>
        {linkToProfile ? (
          <Anchor component={Link} to={`/clients/${encodeURIComponent(clientId)}`} size="sm">
            View profile
          </Anchor>
        ) : null}
      </Group>
      <Divider />
      {history.data ? (
        <MessageHistory
          messages={messages}
          clientName={data.clientName}
          timeZone={practice.timeZone}
          hasOlder={history.hasNextPage}
          loadingOlder={history.isFetchingNextPage}
          onLoadOlder={() => void history.fetchNextPage()}
          height={historyHeight ?? growingHistoryMax}
          grow={historyHeight === undefined}
          sentVersion={sentVersion}
        />
      ) : (
        <Box p="md" style={{ height: historyHeight ?? 160 }}>
          {history.error ? (
            <ErrorAlert error={history.error} title="Could not load the messages" />
          ) : (
            <Group justify="center" py={48}>
              <Loader aria-label="Loading messages" />
            </Group>
          )}
        </Box>
      )}
      <Divider />
      <Box p={{ base: 'sm', sm: 'md' }}>
        {data.canSend ? (
          <MessageComposer
            send={send}
            recipientName={data.clientName}
            draftKey={clientId}
            labels={{ notSent: 'The message was not sent' }}
            tools={<PortalLinkButton portalUrl={data.portalUrl} />}
            onSent={() => setSentVersion((v) => v + 1)}
          />
        ) : (
          <BlockedNotice clientId={clientId} reason={data.blockedReason} isOwner={staff.roles.includes('owner')} />
        )}
      </Box>
    </Paper>
  );
}
