import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import type { AuditEntry } from '../../../../shared/schemas/audit.js';
import { formatTimestamp } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSignedIn } from '../../common/session.js';
import { actionLabel, actorLabel } from './audit-labels.js';
import { useAuditLog } from './audit.queries.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function AuditRow({ entry, timeZone }: { entry: AuditEntry; timeZone: string }) {
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={entry.createdAt}>{formatTimestamp(entry.createdAt, timeZone)}</time>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <bdi>{actorLabel(entry)}</bdi>
      </Table.Td>
      <Table.Td>{actionLabel(entry.action)}</Table.Td>
      <Table.Td>
        {entry.clientId ? (
          <Anchor component={Link} to={`/clients/${entry.clientId}`} size="sm">
            View client
          </Anchor>
        ) : (
          <Text span c="dimmed" size="sm">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
        {entry.ip ?? '—'}
      </Table.Td>
    </Table.Tr>
  );
}

export function AuditLogPage() {
  usePageTitle('Audit log');
  const { practice } = useSignedIn();
  const [params] = useSearchParams();
  const requestedClient = params.get('clientId');
  const clientId = requestedClient && uuidPattern.test(requestedClient) ? requestedClient : undefined;
  const log = useAuditLog(clientId);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Audit log</Title>
        <Text c="dimmed" size="sm">
          Sign-ins, changes and views of client records in {practice.name}. Times are in{' '}
          {practice.timeZone.replace(/_/g, ' ')}.
        </Text>
      </Stack>

      {clientId ? (
        <Alert color="blue" variant="light" icon={<IconFilter aria-hidden />}>
          <Group justify="space-between" gap="sm">
            <Text size="sm">
              Showing the activity of one client.{' '}
              <Anchor component={Link} to={`/clients/${clientId}`} size="sm">
                Open the client
              </Anchor>
            </Text>
            <Anchor component={Link} to="/audit" size="sm" fw={600}>
              Show all activity
            </Anchor>
          </Group>
        </Alert>
      ) : null}

      <Paper withBorder shadow="xs" p={{ base: 'xs', sm: 'md' }}>
        <Stack gap="md">
          <ErrorAlert error={log.error} title="Could not load the audit log" />
          {log.isPending ? (
            <Group justify="center" py="xl">
              <Loader aria-label="Loading the audit log" />
            </Group>
          ) : null}
          {log.isSuccess && entries.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl">
              No activity recorded yet.
            </Text>
          ) : null}
          {entries.length > 0 ? (
            <Table.ScrollContainer
              minWidth={520}
              type="native"
              tabIndex={0}
              role="region"
              aria-label="Audit log entries"
            >
              <Table verticalSpacing="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Time</Table.Th>
                    <Table.Th scope="col">Who</Table.Th>
                    <Table.Th scope="col">Action</Table.Th>
                    <Table.Th scope="col">Client</Table.Th>
                    <Table.Th scope="col" visibleFrom="sm">
                      IP address
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((entry) => (
                    <AuditRow key={entry.id} entry={entry} timeZone={practice.timeZone} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
          {log.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
