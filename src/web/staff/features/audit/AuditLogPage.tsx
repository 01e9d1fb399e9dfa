import { Alert, Anchor, Box, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AuditEntry, AuditFilters } from '../../../../shared/schemas/audit.js';
import { formatTimestamp } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSignedIn } from '../../common/session.js';
import { AuditFilterBar } from './AuditFilterBar.js';
import { hasFilters, readAuditFilters, writeAuditFilters } from './audit-filters.js';
import { actionLabel, actorLabel, actorTypeLabel, auditKindLabels } from './audit-labels.js';
import { auditKeys, downloadAuditCsv, useAuditLog } from './audit.queries.js';

const fieldNames: Record<string, string> = {
  clientId: 'client',
  staffId: 'staff member',
  kind: 'kind of action',
  from: 'From date',
  to: 'To date',
};

/** Who acted, by name; a client who acted links to their profile. */
function Actor({ entry }: { entry: AuditEntry }) {
  const name = <bdi>{actorLabel(entry)}</bdi>;
  return (
    <>
      {entry.actorType === 'client' && entry.actorId && entry.actorName ? (
        <Anchor component={Link} to={`/clients/${entry.actorId}`} size="sm">
          {name}
        </Anchor>
      ) : (
        <Text span size="sm">
          {name}
        </Text>
      )}
      {entry.actorName ? (
        <Text span size="xs" c="dimmed" display="block">
          {actorTypeLabel(entry)}
        </Text>
      ) : null}
    </>
  );
}

/** The client the entry concerns, by name, linked to their profile. */
function Concerned({ entry }: { entry: AuditEntry }) {
  if (!entry.clientId) {
    return (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/clients/${entry.clientId}`} size="sm">
      <bdi>{entry.clientName ?? 'Unknown client'}</bdi>
    </Anchor>
  );
}

function Action({ entry }: { entry: AuditEntry }) {
  return (
    <>
      <Text span size="sm">
        {actionLabel(entry.action)}
      </Text>
      {entry.kind ? (
        <Text span size="xs" c="dimmed" display="block">
          {auditKindLabels[entry.kind]}
        </Text>
      ) : null}
    </>
  );
}

function EntryTable({ entries, timeZone }: { entries: AuditEntry[]; timeZone: string }) {
  return (
    <Table.ScrollContainer minWidth={640} type="native" tabIndex={0} role="region" aria-label="Audit log entries">
      <Table verticalSpacing="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Who</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Client</Table.Th>
            <Table.Th scope="col">IP address</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={entry.createdAt}>{formatTimestamp(entry.createdAt, timeZone)}</time>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Actor entry={entry} />
              </Table.Td>
              <Table.Td>
                <Action entry={entry} />
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Concerned entry={entry} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{entry.ip ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** At phone width each entry is a card holding every column, so nothing is cut off. */
function EntryCards({ entries, timeZone }: { entries: AuditEntry[]; timeZone: string }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Audit log entries">
      {entries.map((entry) => (
        <Paper component="li" key={entry.id} withBorder p="sm" style={{ overflowWrap: 'anywhere' }}>
          <Stack gap={4}>
            <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
              <div>
                <Action entry={entry} />
              </div>
              <Text size="xs" c="dimmed" ta="right">
                <time dateTime={entry.createdAt}>{formatTimestamp(entry.createdAt, timeZone)}</time>
              </Text>
            </Group>
            <Text size="sm" component="div">
              <Text span size="xs" c="dimmed">
                Client:{' '}
              </Text>
              <Concerned entry={entry} />
            </Text>
            <Text size="sm" component="div">
              <Text span size="xs" c="dimmed">
                Who:{' '}
              </Text>
              <Text span size="sm">
                <bdi>{actorLabel(entry)}</bdi>
              </Text>
              {entry.actorName ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({actorTypeLabel(entry)})
                </Text>
              ) : null}
            </Text>
            <Text size="xs" c="dimmed">
              IP address: {entry.ip ?? '—'}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

export function AuditLogPage() {
  usePageTitle('Audit log');
  const { practice } = useSignedIn();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const { filters, ignored } = readAuditFilters(params);
  const log = useAuditLog(filters);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const change = (next: AuditFilters) => {
    setExportError(null);
    setParams(writeAuditFilters(next));
  };
  const exportCsv = () => {
    setExporting(true);
    setExportError(null);
    downloadAuditCsv(filters)
      .then(() => queryClient.invalidateQueries({ queryKey: auditKeys.all }))
      .catch((error: unknown) => setExportError(error))
      .finally(() => setExporting(false));
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Audit log</Title>
        <Text c="dimmed" size="sm">
          Sign-ins, changes and views of client records in <bdi>{practice.name}</bdi>. Times and dates are in{' '}
          {practice.timeZone.replace(/_/g, ' ')}.
        </Text>
      </Stack>

      <Paper withBorder shadow="xs" p={{ base: 'sm', sm: 'md' }}>
        <AuditFilterBar filters={filters} onChange={change} onExport={exportCsv} exporting={exporting} />
      </Paper>

      {ignored.length > 0 ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          Left out a filter from the address that could not be read:{' '}
          {ignored.map((name) => fieldNames[name] ?? name).join(', ')}.
        </Alert>
      ) : null}
      <ErrorAlert error={exportError} title="Could not export the audit log" />

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
              {hasFilters(filters) ? 'No activity matches these filters.' : 'No activity recorded yet.'}
            </Text>
          ) : null}
          {entries.length > 0 ? (
            <>
              <Box visibleFrom="md" data-layout="table">
                <EntryTable entries={entries} timeZone={practice.timeZone} />
              </Box>
              <Box hiddenFrom="md" data-layout="cards">
                <EntryCards entries={entries} timeZone={practice.timeZone} />
              </Box>
            </>
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
