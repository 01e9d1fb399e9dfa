import { Box, Button, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconBookmark, IconCheck, IconCopy } from '@tabler/icons-react';
import { PracticeMark } from '../../common/layout/PracticeMark.js';

/** Which practice the client is connected to, and the portal address worth bookmarking. */
export function PracticeCard({ practice }: { practice: { name: string; slug: string } }) {
  const address = `${window.location.origin}/portal/${practice.slug}`;
  return (
    <Paper
      withBorder
      radius="lg"
      p={{ base: 'lg', sm: 'xl' }}
      component="section"
      aria-labelledby="practice-card-title"
    >
      <Stack gap="lg">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <PracticeMark name={practice.name} size={48} />
          <Stack gap={2} miw={0}>
            <Text size="xs" fw={650} c="dimmed" tt="uppercase" lts={0.6}>
              Your practice
            </Text>
            <Title order={2} id="practice-card-title" className="portal-break">
              <bdi>{practice.name}</bdi>
            </Title>
            <Text size="sm" c="dimmed">
              Your Client Portal is connected to this practice.
            </Text>
          </Stack>
        </Group>
        <Box bg="gray.0" p="md" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Stack gap="sm">
            <Group gap={8} wrap="nowrap">
              <IconBookmark size={18} aria-hidden color="var(--mantine-color-portico-8)" />
              <Title order={3} size="h4">
                Bookmark your portal
              </Title>
            </Group>
            <Text size="sm" c="dimmed">
              Save this address to your bookmarks or home screen to come back any time.
            </Text>
            <Text
              ff="monospace"
              size="sm"
              fw={600}
              c="dark.7"
              bg="white"
              px="sm"
              py={8}
              className="portal-break"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
            >
              {address}
            </Text>
            <CopyButton value={address} timeout={2500}>
              {({ copied, copy }) => (
                <>
                  <Button
                    variant={copied ? 'light' : 'filled'}
                    leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    onClick={copy}
                    w={{ base: '100%', xs: 'auto' }}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {copied ? 'Copied' : 'Copy address'}
                  </Button>
                  <span role="status" className="portal-sr-only">
                    {copied ? 'Portal address copied' : ''}
                  </span>
                </>
              )}
            </CopyButton>
          </Stack>
        </Box>
      </Stack>
    </Paper>
  );
}
