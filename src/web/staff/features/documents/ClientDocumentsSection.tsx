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
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
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
                    <Badge color={statusColors[d.status]} variant="light">
                      {sharedDocumentStatusLabels[d.status]}
                    </Badge>
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
                    {d.status === 'completed' ? (
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="default"
                          component={Link}
                          to={completedDocumentPath(client.id, d.id)}
                          aria-label={`View answers to ${d.name}`}
                        >
                          View answers
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          component="a"
                          href={completedPdfUrl(client.id, d.id)}
                          aria-label={`Download PDF of ${d.name}`}
                        >
                          Download PDF
                        </Button>
                      </Group>
                    ) : null}
                    {isOpen(d) ? (
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Remind about ${d.name}`}
                          loading={
                            action.isPending &&
                            action.variables.documentId === d.id &&
                            action.variables.action === 'remind'
                          }
                          onClick={() => action.mutate({ documentId: d.id, action: 'remind' })}
                        >
                          Remind
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={`Cancel ${d.name}`}
                          loading={
                            action.isPending &&
                            action.variables.documentId === d.id &&
                            action.variables.action === 'cancel'
                          }
                          onClick={() => action.mutate({ documentId: d.id, action: 'cancel' })}
                        >
                          Cancel
                        </Button>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {documents.data ? (
        <ClientFilesSection clientId={client.id} files={documents.data.files} archived={client.archivedAt !== null} />
      ) : null}
    </Stack>
  );
}
