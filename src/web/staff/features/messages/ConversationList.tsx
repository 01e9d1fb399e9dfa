import {
  Button,
  Center,
  CloseButton,
  Divider,
  EmptyState,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMessages, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useSignedIn } from '../../common/session.js';
import { ConversationListItem } from './ConversationListItem.js';
import { useConversations } from './messages.queries.js';
import { NewMessageButton } from './NewMessageButton.js';

interface ConversationListProps {
  selectedId: string | undefined;
  /** CSS max height of the scrolling list on wide screens. */
  maxHeight: string;
}

function NoConversations({ search, onClear }: { search: string; onClear: () => void }) {
  if (search) {
    return (
      <EmptyState py="xl" px="md" icon={<IconSearch size={24} aria-hidden />} withIndicatorBackground title={null}>
        <EmptyState.Title order={2}>No conversations match</EmptyState.Title>
        <EmptyState.Description>
          No conversation with a client named “<bdi>{search}</bdi>”. To write to someone new, use New message.
        </EmptyState.Description>
        <EmptyState.Actions>
          <Button variant="default" onClick={onClear}>
            Clear search
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <EmptyState py="xl" px="md" variant="light" icon={<IconMessages size={28} aria-hidden />} title={null}>
      <EmptyState.Title order={2}>No conversations yet</EmptyState.Title>
      <EmptyState.Description>
        Start one from a client’s profile (open the client, then Messages), or choose a client with New message. Clients
        with Client Portal access and secure messaging on can write to you too.
      </EmptyState.Description>
      <EmptyState.Actions>
        <NewMessageButton variant="default" />
      </EmptyState.Actions>
    </EmptyState>
  );
}

/** The practice's conversations, newest first, with a name search and "Load more". */
export function ConversationList({ selectedId, maxHeight }: ConversationListProps) {
  const { practice } = useSignedIn();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const list = useConversations(debounced);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Paper withBorder shadow="xs" component="section" aria-label="Conversations" style={{ overflow: 'hidden' }}>
      <Stack gap={0}>
        <Group p="sm" gap="xs">
          <TextInput
            aria-label="Search conversations"
            placeholder="Search by client name"
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={
              search ? <CloseButton aria-label="Clear search" size="sm" onClick={() => setSearch('')} /> : null
            }
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            maxLength={100}
            style={{ flex: 1 }}
          />
        </Group>
        <Divider />
        <Stack gap={0} mah={{ sm: maxHeight }} style={{ overflowY: 'auto' }}>
          {list.error ? (
            <Stack p="sm">
              <ErrorAlert error={list.error} title="Could not load conversations" />
            </Stack>
          ) : null}
          {!list.data && list.isPending ? (
            <Center py="xl">
              <Loader aria-label="Loading conversations" />
            </Center>
          ) : null}
          {list.data && items.length === 0 ? (
            <NoConversations search={debounced} onClear={() => setSearch('')} />
          ) : null}
          {items.length > 0 ? (
            <ul aria-label="Conversations, newest first" className="portico-conversation-list">
              {items.map((conversation) => (
                <ConversationListItem
                  key={conversation.clientId}
                  conversation={conversation}
                  selected={conversation.clientId === selectedId}
                  timeZone={practice.timeZone}
                />
              ))}
            </ul>
          ) : null}
          {list.hasNextPage ? (
            <Center p="sm">
              <Button
                variant="default"
                size="xs"
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                Load more
              </Button>
            </Center>
          ) : null}
          {items.length > 0 ? (
            <Text size="xs" c="dimmed" px="md" py="xs" aria-live="polite">
              {items.length} {items.length === 1 ? 'conversation' : 'conversations'}
              {list.hasNextPage ? ' shown' : ''}
            </Text>
          ) : null}
        </Stack>
      </Stack>
    </Paper>
  );
}
