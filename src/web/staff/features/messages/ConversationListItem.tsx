import { Badge, Group, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import './messages.css';
import { Link } from 'react-router';
import type { ConversationSummary } from '../../../../shared/schemas/messages.js';
import { formatDateTime } from '../../../common/dates.js';
import { shortTime, unreadLabel } from './message-labels.js';

interface ConversationListItemProps {
  conversation: ConversationSummary;
  selected: boolean;
  timeZone: string;
}

/** One row of the conversation list: who, when, the start of the last message, what is unread. */
export function ConversationListItem({ conversation, selected, timeZone }: ConversationListItemProps) {
  const unread = conversation.unreadCount > 0;
  return (
    <li>
      <UnstyledButton
        component={Link}
        to={`/messages/${encodeURIComponent(conversation.clientId)}`}
        aria-current={selected ? 'page' : undefined}
        className="portico-conversation-link"
        display="block"
        w="100%"
        px="md"
        py="sm"
        bg={selected ? 'portico.0' : undefined}
        style={{ borderLeft: `3px solid ${selected ? 'var(--mantine-color-portico-6)' : 'transparent'}` }}
      >
        <Stack gap={2}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text fw={unread ? 700 : 600} size="sm" truncate="end" miw={0}>
              <bdi>{conversation.clientName}</bdi>
            </Text>
            <Text size="xs" c={unread ? 'portico.8' : 'dimmed'} fw={unread ? 600 : 400} style={{ flexShrink: 0 }}>
              <time dateTime={conversation.lastMessageAt} title={formatDateTime(conversation.lastMessageAt, timeZone)}>
                {shortTime(conversation.lastMessageAt, timeZone)}
              </time>
            </Text>
          </Group>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" c={unread ? 'dark.7' : 'dimmed'} truncate="end" miw={0}>
              <bdi>{conversation.lastMessagePreview}</bdi>
            </Text>
            <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
              {conversation.messagingEnabled ? null : (
                <Badge size="sm" color="gray" variant="light">
                  Messaging off
                </Badge>
              )}
              {unread ? (
                <Badge size="sm" circle={conversation.unreadCount < 10}>
                  <span aria-hidden>{conversation.unreadCount}</span>
                  <VisuallyHidden>{unreadLabel(conversation.unreadCount)}</VisuallyHidden>
                </Badge>
              ) : null}
            </Group>
          </Group>
        </Stack>
      </UnstyledButton>
    </li>
  );
}
