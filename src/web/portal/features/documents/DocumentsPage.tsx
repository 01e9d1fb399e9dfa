import { Anchor, Badge, Box, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconFileText } from '@tabler/icons-react';
import type { PortalClientFile, PortalDocumentSummary } from '../../../../shared/schemas/portal-documents.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatCalendarDate, formatDate } from '../../../common/dates.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { portalPaths } from '../../common/paths.js';
import { Link } from '../../common/router.js';
import { useSignedIn } from '../../common/session.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { fileUrl, pdfUrl, useDocumentList } from './documents.queries.js';

const statusLabels: Record<PortalDocumentSummary['status'], string> = {
  sent: 'New',
  viewed: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Documents: what to fill in or sign (with due dates), what is completed, and files from the practice. */
export function DocumentsPage() {
  const me = useSignedIn();
  const { slug } = me.practice;
  usePortalTitle('Documents', me.practice.name);
  const list = useDocumentList(slug);

  return (
    <Box maw={860} mx="auto" px="md" py={{ base: 'lg', sm: 40 }}>
      <Stack gap="xl">
        <Stack gap={4}>
          <PageHeading focusOnMount>Documents</PageHeading>
          <Text c="dimmed" className="portal-break">
            Forms and consents from <bdi>{me.practice.name}</bdi>. Your answers are saved as you go.
          </Text>
        </Stack>
        {list.error ? <ErrorAlert error={list.error} title="Your documents could not be loaded" /> : null}
        {list.isPending ? <Loader aria-label="Loading your documents" /> : null}
        {list.data ? (
          <>
            <Section title="To complete" id="to-complete">
              {list.data.toComplete.length === 0 ? (
                <Text c="dimmed">Nothing to complete. You are all caught up.</Text>
              ) : (
                list.data.toComplete.map((d) => <ToCompleteRow key={d.id} slug={slug} document={d} />)
              )}
            </Section>
            <Section title="Completed" id="completed">
              {list.data.completed.length === 0 ? (
                <Text c="dimmed">No completed documents yet.</Text>
              ) : (
                list.data.completed.map((d) => <CompletedRow key={d.id} slug={slug} document={d} />)
              )}
            </Section>
            {list.data.files.length > 0 ? (
              <Section title="Files from your practice" id="files">
                {list.data.files.map((f) => (
                  <FileRow key={f.id} slug={slug} file={f} />
                ))}
              </Section>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Box>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={`documents-${id}`}>
      <Title order={2} size="h3" id={`documents-${id}`}>
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Stack>
  );
}

function ToCompleteRow({ slug, document }: { slug: string; document: PortalDocumentSummary }) {
  const started = document.status === 'in_progress';
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" gap="md" wrap="wrap">
        <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 260px' }}>
          <IconFileText size={24} aria-hidden color="var(--mantine-color-portico-7)" style={{ flexShrink: 0 }} />
          <Stack gap={2} miw={0}>
            <Text fw={600} className="portal-break">
              {document.name}
            </Text>
            <Group gap="xs">
              <Badge variant="light" color={started ? 'blue' : 'gray'} c={started ? undefined : 'dark.6'} tt="none">
                {statusLabels[document.status]}
              </Badge>
              {document.dueDate ? (
                <Text size="sm" c="dark.6">
                  Due {formatCalendarDate(document.dueDate)}
                </Text>
              ) : null}
            </Group>
          </Stack>
        </Group>
        <Button
          component={Link}
          to={portalPaths.document(slug, document.id)}
          w={{ base: '100%', xs: 'auto' }}
          aria-label={`${started ? 'Continue' : 'Start'} ${document.name}`}
        >
          {started ? 'Continue' : 'Start'}
        </Button>
      </Group>
    </Paper>
  );
}

function CompletedRow({ slug, document }: { slug: string; document: PortalDocumentSummary }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" gap="md" wrap="wrap">
        <Stack gap={2} miw={0} style={{ flex: '1 1 260px' }}>
          <Anchor component={Link} to={portalPaths.document(slug, document.id)} fw={600} className="portal-break">
            {document.name}
          </Anchor>
          {document.completedAt ? (
            <Text size="sm" c="dark.6">
              Completed {formatDate(document.completedAt)}
            </Text>
          ) : null}
        </Stack>
        <Button
          component="a"
          href={pdfUrl(slug, document.id)}
          download
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
          aria-label={`Download PDF of ${document.name}`}
          w={{ base: '100%', xs: 'auto' }}
        >
          Download PDF
        </Button>
      </Group>
    </Paper>
  );
}

function FileRow({ slug, file }: { slug: string; file: PortalClientFile }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" gap="md" wrap="wrap">
        <Stack gap={2} miw={0} style={{ flex: '1 1 260px' }}>
          <Text fw={600} className="portal-break">
            {file.fileName}
          </Text>
          <Text size="sm" c="dark.6">
            Shared {formatDate(file.createdAt)} · {Math.max(1, Math.round(file.sizeBytes / 1024))} KB
          </Text>
        </Stack>
        <Button
          component="a"
          href={fileUrl(slug, file.id)}
          download
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
          aria-label={`Download ${file.fileName}`}
          w={{ base: '100%', xs: 'auto' }}
        >
          Download
        </Button>
      </Group>
    </Paper>
  );
}
