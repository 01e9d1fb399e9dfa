import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconMessages } from '@tabler/icons-react';
import { Link } from '../../common/router.js';
import { portalPaths } from '../../common/paths.js';
import { useUnreadCount } from '../messages/index.js';

/** "2 unread messages", "1 unread message", "No unread messages". */
export function unreadLabel(count: number): string {
  if (count === 0) return 'No unread messages';
  return `${count} unread ${count === 1 ? 'message' : 'messages'}`;
}

/** Home's Messages tile: whether the practice has written, and the way into the conversation. */
export function MessagesCard({ practice }: { practice: { name: string; slug: string } }) {
  const unread = useUnreadCount(practice.slug);
  const count = unread.data;
  const hasUnread = count !== undefined && count > 0;

  return (
    <Paper
      withBorder
      radius="lg"
      p={{ base: 'lg', sm: 'xl' }}
      component="section"
      aria-labelledby="messages-card-title"
      style={hasUnread ? { borderColor: 'var(--mantine-color-portico-3)' } : undefined}
    >
      <Group justify="space-between" gap="lg" align="center">
        <Group gap="md" wrap="nowrap" align="flex-start" miw={0} style={{ flex: '1 1 320px' }}>
          <ThemeIcon size={48} radius="md" variant="light" aria-hidden>
            <IconMessages size={26} stroke={1.7} />
          </ThemeIcon>
          <Stack gap={6} miw={0}>
            <Group gap="sm" wrap="wrap" align="center">
              <Title order={2} id="messages-card-title">
                Messages
              </Title>
              {count === undefined ? null : (
                <Badge
                  variant={hasUnread ? 'filled' : 'light'}
                  color={hasUnread ? 'red.8' : 'gray'}
                  c={hasUnread ? undefined : 'dark.6'}
                  size="lg"
                  radius="sm"
                  tt="none"
                  fw={600}
                >
                  {unreadLabel(count)}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" className="portal-break">
              {hasUnread ? (
                <>
                  <bdi>{practice.name}</bdi> has written to you.
                </>
              ) : (
                <>
                  Write to <bdi>{practice.name}</bdi> privately, and attach files when you need to.
                </>
              )}
            </Text>
          </Stack>
        </Group>
        <Button
          component={Link}
          to={portalPaths.messages(practice.slug)}
          size="md"
          rightSection={<IconArrowRight size={18} aria-hidden />}
          w={{ base: '100%', xs: 'auto' }}
        >
          Open messages
        </Button>
      </Group>
    </Paper>
  );
}
