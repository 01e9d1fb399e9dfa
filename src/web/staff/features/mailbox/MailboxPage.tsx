import { Badge, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSignedIn } from '../../common/session.js';
import { MailList } from './MailList.js';
import { useMailbox } from './mailbox.queries.js';
import { MailView } from './MailView.js';

/** Development only: what Portico would have sent, refreshed every 2 seconds. */
export function MailboxPage() {
  usePageTitle('Mailbox');
  const { practice } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const mailbox = useMailbox();
  const items = mailbox.data?.items ?? [];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>Mailbox</Title>
          <Badge color="gray" variant="light">
            Development
          </Badge>
        </Group>
        <Text c="dimmed" size="sm">
          Emails Portico sends while no mail server is configured. This page updates automatically.
        </Text>
      </Stack>
      <ErrorAlert error={mailbox.error} title="Could not load the mailbox" />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Paper withBorder shadow="xs" p="xs" component="section" aria-label="Messages">
            {mailbox.isPending ? (
              <Group justify="center" py="lg">
                <Loader size="sm" aria-label="Loading messages" />
              </Group>
            ) : null}
            {mailbox.isSuccess && items.length === 0 ? (
              <Text c="dimmed" size="sm" ta="center" py="lg">
                No emails yet.
              </Text>
            ) : null}
            <MailList
              items={items}
              selectedId={selectedId}
              timeZone={practice.timeZone}
              onSelect={(id) => setParams({ id })}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Paper withBorder shadow="xs" p={{ base: 'sm', sm: 'lg' }} component="section" aria-label="Message">
            {selectedId ? (
              <MailView key={selectedId} id={selectedId} timeZone={practice.timeZone} />
            ) : (
              <Stack align="center" gap="xs" py={48}>
                <IconMailOpened size={32} aria-hidden color="var(--mantine-color-dimmed)" />
                <Text c="dimmed" size="sm">
                  Select an email to read it.
                </Text>
              </Stack>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
