import { Anchor, Box, Flex, Group, Stack, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, Outlet, useParams } from 'react-router';
import { usePageTitle } from '../../../common/use-page-title.js';
import { ConversationList } from './ConversationList.js';
import { NewMessageButton } from './NewMessageButton.js';
import { conversationListHeight } from './sizes.js';

/**
 * Messages: the list of conversations beside the open one on wide screens; on phones one at a
 * time, the conversation with a link back to the list.
 */
export function MessagesPage() {
  const { clientId } = useParams();
  usePageTitle('Messages');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="sm" mih={44}>
        <Title order={1}>Messages</Title>
        <NewMessageButton />
      </Group>
      {clientId ? (
        <Anchor component={Link} to="/messages" hiddenFrom="sm" size="sm" fw={600}>
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            All conversations
          </Group>
        </Anchor>
      ) : null}
      <Flex gap="lg" align="flex-start">
        <Box w={{ base: '100%', sm: 300, md: 340 }} style={{ flexShrink: 0 }} visibleFrom={clientId ? 'sm' : undefined}>
          <ConversationList selectedId={clientId} maxHeight={conversationListHeight} />
        </Box>
        <Box miw={0} style={{ flex: 1 }} visibleFrom={clientId ? undefined : 'sm'}>
          <Outlet />
        </Box>
      </Flex>
    </Stack>
  );
}
