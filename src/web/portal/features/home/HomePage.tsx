import { Box, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { displayName } from '../../names.js';
import { usePortalTitle } from '../../use-portal-title.js';
import { PageHeading } from '../layout/PageHeading.js';
import { PortalHeader } from './PortalHeader.js';
import { PracticeCard } from './PracticeCard.js';
import { SignInHelpCard } from './SignInHelpCard.js';
import { useSignedIn } from './use-signed-in.js';

/**
 * The signed-in client's Home. Only built, permitted features appear here; until messaging,
 * appointments and billing exist, Home greets the client and helps them find their way back.
 */
export function HomePage() {
  const me = useSignedIn();
  const name = displayName(me.client);
  usePortalTitle('Home', me.practice.name);

  return (
    <Box mih="100dvh" bg="gray.0">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <PortalHeader practice={me.practice} clientName={name} />
      <Box component="main" id="main" maw={960} mx="auto" px="md" py={{ base: 'lg', sm: 40 }}>
        <Stack gap="xl">
          <Box
            p={{ base: 'lg', sm: 'xl' }}
            style={{
              borderRadius: 'var(--mantine-radius-lg)',
              background: 'linear-gradient(135deg, var(--mantine-color-portico-0) 0%, var(--mantine-color-white) 85%)',
              border: '1px solid var(--mantine-color-portico-1)',
            }}
          >
            <Stack gap="sm">
              <PageHeading focusOnMount size="h1" className="portal-break">
                Welcome, <bdi>{name}</bdi>
              </PageHeading>
              <Text c="dark.6" size="lg" className="portal-break">
                You are signed in to the Client Portal of <bdi>{me.practice.name}</bdi>.
              </Text>
              <Group gap={8} wrap="nowrap" mt={4}>
                <ThemeIcon size={24} radius="xl" variant="light" aria-hidden>
                  <IconShieldCheck size={14} />
                </ThemeIcon>
                <Text size="sm" c="dimmed">
                  Your connection with your practice is private and secure.
                </Text>
              </Group>
            </Stack>
          </Box>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <PracticeCard practice={me.practice} />
            <SignInHelpCard />
          </SimpleGrid>
        </Stack>
      </Box>
      <Box component="footer" pb="lg" px="md">
        <Text size="xs" c="dimmed" ta="center">
          Secure Client Portal · Powered by Portico
        </Text>
      </Box>
    </Box>
  );
}
