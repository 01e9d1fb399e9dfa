import { Box, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { displayName } from '../../common/names.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { DocumentsCard } from './DocumentsCard.js';
import { AppointmentsCard } from './AppointmentsCard.js';
import { BillingCard } from './BillingCard.js';
import { MessagesCard } from './MessagesCard.js';
import { PracticeCard } from './PracticeCard.js';
import { SignInHelpCard } from './SignInHelpCard.js';
import { useSignedIn } from '../../common/session.js';

/**
 * The signed-in client's Home: what needs attention first (only the features the client may use),
 * then which practice this is and how signing in works. The frame is SignedInLayout's.
 */
export function HomePage() {
  const me = useSignedIn();
  const name = displayName(me.client);
  usePortalTitle('Home', me.practice.name);

  return (
    <Box maw={960} mx="auto" px="md" py={{ base: 'lg', sm: 40 }}>
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
        <DocumentsCard practice={me.practice} />
        {me.permissions.appointments ? <AppointmentsCard practice={me.practice} /> : null}
        {me.permissions.messaging ? <MessagesCard practice={me.practice} /> : null}
        {me.permissions.billing ? <BillingCard practice={me.practice} /> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <PracticeCard practice={me.practice} />
          <SignInHelpCard />
        </SimpleGrid>
      </Stack>
    </Box>
  );
}
