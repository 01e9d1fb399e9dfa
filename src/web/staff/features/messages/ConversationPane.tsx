import { EmptyState, Paper } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { ConversationView } from './ConversationView.js';
import { messagesHistoryHeight } from './sizes.js';

/** /messages/:clientId — the open conversation beside the list. */
export function ConversationPane() {
  const { clientId = '' } = useParams();
  // A fresh view (composer, scroll position) for each client.
  return <ConversationView key={clientId} clientId={clientId} linkToProfile historyHeight={messagesHistoryHeight} />;
}

/** /messages on wide screens: nothing open yet. */
export function NoConversationSelected() {
  return (
    <Paper withBorder shadow="xs" py={48}>
      <EmptyState variant="light" icon={<IconMessages size={28} aria-hidden />} title={null}>
        <EmptyState.Title order={2}>Choose a conversation</EmptyState.Title>
        <EmptyState.Description>
          Pick a client on the left to read and reply, or start a conversation with New message.
        </EmptyState.Description>
      </EmptyState>
    </Paper>
  );
}
