import { Badge, Button, Group, Loader, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatDate } from '../../../common/dates.js';
import { useSignedIn } from '../../common/session.js';
import { SettingsFrame } from '../settings/index.js';
import { useTemplates } from './documents.queries.js';

const kindLabels = { form: 'Form', consent: 'Consent' } as const;

/** Settings → Documents: the practice's templates, each opening the builder. */
export function TemplatesPage() {
  const [show, setShow] = useState<'active' | 'archived'>('active');
  const templates = useTemplates(show === 'archived');
  const { practice } = useSignedIn();
  return (
    <SettingsFrame
      title="Documents"
      description="Intake forms and consents your clients complete in the Client Portal. Editing a template saves a new version; documents already shared keep the version they were shared with."
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label="Which templates"
          value={show}
          onChange={(value) => setShow(value === 'archived' ? 'archived' : 'active')}
          data={[
            { value: 'active', label: 'In use' },
            { value: 'archived', label: 'Archived' },
          ]}
        />
        <Button component={Link} to="/settings/documents/new" leftSection={<IconPlus size={16} aria-hidden />}>
          New template
        </Button>
      </Group>
      {templates.error ? <ErrorAlert error={templates.error} title="Could not load the templates" /> : null}
      {!templates.data && !templates.error ? (
        <Group justify="center" py={32}>
          <Loader aria-label="Loading templates" />
        </Group>
      ) : null}
      {templates.data?.length === 0 ? (
        <Text c="dimmed">{show === 'archived' ? 'No archived templates.' : 'No templates yet.'}</Text>
      ) : null}
      {templates.data && templates.data.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="sm" horizontalSpacing="md" miw={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.map((template) => (
                <Table.Tr key={template.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text component={Link} to={`/settings/documents/${template.id}`} fw={600} c="portico.8">
                        {template.name}
                      </Text>
                      {template.starter ? (
                        <Badge variant="light" color="gray" size="sm">
                          Starter
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {template.kind === 'consent'
                        ? 'Read and signed'
                        : `${template.questionCount} ${template.questionCount === 1 ? 'question' : 'questions'}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>{kindLabels[template.kind]}</Table.Td>
                  <Table.Td>{template.version}</Table.Td>
                  <Table.Td>
                    <time dateTime={template.updatedAt}>{formatDate(template.updatedAt, practice.timeZone)}</time>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </SettingsFrame>
  );
}
