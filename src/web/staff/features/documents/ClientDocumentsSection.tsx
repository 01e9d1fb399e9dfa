import { Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  sharedDocumentStatusLabels,
  type SharedDocument,
  type SharedDocumentStatusName,
} from '../../../../shared/schemas/documents.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { completedDocumentPath, completedPdfUrl } from '../completed-documents/index.js';
import { formatCalendarDate, formatDate } from '../../../common/dates.js';
import { useProfileClient } from '../../common/profile-client.js';
import { useSignedIn } from '../../common/session.js';
import { useClientDocuments, useDocumentAction } from './documents.queries.js';
import { ClientFilesSection } from './ClientFilesSection.js';
import { ShareDialog } from './ShareDialog.js';

const statusColors: Record<SharedDocumentStatusName, string> = {
  sent: 'blue',
  viewed: 'grape',
  in_progress: 'orange',
  completed: 'green',
  cancelled: 'gray',
};

const isOpen = (d: SharedDocument) => d.status === 'sent' || d.status === 'viewed' || d.status === 'in_progress';

/** Client profile → Documents: what was shared and where each stands; Share, Remind and Cancel. */
export function ClientDocumentsSection() {
  const client = useProfileClient();
  const { practice } = useSignedIn();
  const documents = useClientDocuments(client.id);
  const action = useDocumentAction(client.id);
  const [sharing, setSharing] = useState(false);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">
          Documents
        </Title>
        <Button
          leftSection={<IconShare size={16} aria-hidden />}
          onClick={() => setSharing(true)}
          disabled={client.archivedAt !== null}
        >
          Share
        </Button>
      </Group>
      <ShareDialog client={client} opened={sharing} onClose={() => setSharing(false)} />
      <ErrorAlert error={documents.error} title="Could not load the documents" />
      <ErrorAlert error={action.error} title="Could not do that" />
      {!documents.data && !documents.error ? (
        <Group justify="center" py={32}>
          <Loader aria-label="Loading documents" />
        </Group>
      ) : null}
      {documents.data?.documents.length === 0 ? (
        <Text c="dimmed">Nothing shared yet. Use Share to send intake forms and consents.</Text>
      ) : null}
      {documents.data && documents.data.documents.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }} visibleFrom="sm">
          <Table verticalSpacing="sm" horizontalSpacing="md" miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Document</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.data.documents.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {d.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Version {d.version}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={d.status} />
                  </Table.Td>
                  <Table.Td>{d.dueDate ? formatCalendarDate(d.dueDate) : '—'}</Table.Td>
                  <Table.Td>
                    <time dateTime={d.sentAt}>{formatDate(d.sentAt, practice.timeZone)}</time>
                    {d.sentBy ? (
                      <Text size="xs" c="dimmed">
                        by {d.sentBy}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <DocumentActions clientId={client.id} document={d} action={action} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {documents.data && documents.data.documents.length > 0 ? (
        // On a phone each document is a card: a five-column table cannot fit 390 pixels without
        // squeezing the status badge to "CO…" or widening the page.
        <Stack gap="xs" hiddenFrom="sm">
          {documents.data.documents.map((d) => (
            <Paper key={d.id} withBorder radius="md" p="sm">
              <Stack gap={6}>
                <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {d.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Version {d.version}
                    </Text>
                  </div>
                  <StatusBadge status={d.status} />
                </Group>
                <Text size="xs" c="dimmed">
                  Due {d.dueDate ? formatCalendarDate(d.dueDate) : '—'} · Sent{' '}
                  <time dateTime={d.sentAt}>{formatDate(d.sentAt, practice.timeZone)}</time>
                  {d.sentBy ? ` by ${d.sentBy}` : ''}
                </Text>
                <DocumentActions clientId={client.id} document={d} action={action} wrap />
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : null}
      {documents.data ? (
        <ClientFilesSection clientId={client.id} files={documents.data.files} archived={client.archivedAt !== null} />
      ) : null}
    </Stack>
  );
}

function StatusBadge({ status }: { status: SharedDocumentStatusName }) {
  // Never cut to "CO…": the badge keeps its whole label. Its text is its colour's darkest shade made
  // darker still: the light variant's own text (green on pale green) is below 4.5:1 at badge size.
  const color = statusColors[status];
  return (
    <Badge
      color={color}
      variant="light"
      miw="max-content"
      style={{
        flexShrink: 0,
        overflow: 'visible',
        color: `color-mix(in srgb, var(--mantine-color-${color}-9) 70%, black)`,
      }}
    >
      {sharedDocumentStatusLabels[status]}
    </Badge>
  );
}

/** View answers and Download PDF for a completed document; Remind and Cancel for an open one. */
function DocumentActions({
  clientId,
  document: d,
  action,
  wrap = false,
}: {
  clientId: string;
  document: SharedDocument;
  action: ReturnType<typeof useDocumentAction>;
  wrap?: boolean;
}) {
  return (
    <>
      {d.status === 'completed' ? (
        <Group gap="xs" wrap={wrap ? 'wrap' : 'nowrap'} justify={wrap ? 'flex-start' : 'flex-end'}>
          <Button
            size="compact-sm"
            variant="default"
            component={Link}
            to={completedDocumentPath(clientId, d.id)}
            aria-label={`View answers to ${d.name}`}
          >
            View answers
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            component="a"
            href={completedPdfUrl(clientId, d.id)}
            aria-label={`Download PDF of ${d.name}`}
          >
            Download PDF
          </Button>
        </Group>
      ) : null}
      {isOpen(d) ? (
        <Group gap="xs" wrap={wrap ? 'wrap' : 'nowrap'} justify={wrap ? 'flex-start' : 'flex-end'}>
          <Button
            size="compact-sm"
            variant="default"
            aria-label={`Remind about ${d.name}`}
            loading={action.isPending && action.variables.documentId === d.id && action.variables.action === 'remind'}
            onClick={() => action.mutate({ documentId: d.id, action: 'remind' })}
          >
            Remind
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            aria-label={`Cancel ${d.name}`}
            loading={action.isPending && action.variables.documentId === d.id && action.variables.action === 'cancel'}
            onClick={() => action.mutate({ documentId: d.id, action: 'cancel' })}
          >
            Cancel
          </Button>
        </Group>
      ) : null}
    </>
  );
}
