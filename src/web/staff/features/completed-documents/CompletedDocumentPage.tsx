import {
  Alert,
  Anchor,
  Box,
  Button,
  Code,
  Group,
  Image,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconDownload, IconLock } from '@tabler/icons-react';
import { useParams, Link } from 'react-router';
import {
  questionsOf,
  type AddressAnswer,
  type FileAnswer,
  type Question,
  type SignatureAnswer,
} from '../../../../shared/schemas/document-templates.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatCalendarDate, formatFullDateTime } from '../../../common/dates.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { formatBytes } from '../../../common/messaging/attachment-rules.js';
import { completedFileUrl, completedPdfUrl, useCompletedDocument } from './completed-documents.queries.js';

/**
 * A client's completed document as staff read it: every question with its answer, the
 * signatures, who signed, when, from which address, the hash of what was signed, and the PDF.
 * Nothing here can change it.
 */
export function CompletedDocumentPage() {
  const params = useParams();
  const clientId = params.id ?? '';
  const documentId = params.documentId ?? '';
  const record = useCompletedDocument(clientId, documentId);
  usePageTitle(record.data?.name ?? 'Completed document');

  return (
    <Box maw={860} p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="lg">
        <Anchor component={Link} to={`/clients/${clientId}/documents`} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            Documents
          </Group>
        </Anchor>
        {record.isPending ? <Loader aria-label="Loading the document" /> : null}
        {record.error ? (
          isApiError(record.error) && record.error.status === 404 ? (
            <Alert color="gray" title="This document is not available">
              It is not completed yet, or it is not one you can see.
            </Alert>
          ) : (
            <ErrorAlert error={record.error} />
          )
        ) : null}
        {record.data ? (
          <>
            <Group justify="space-between" align="flex-start" gap="md">
              <Stack gap={4} miw={0} style={{ flex: '1 1 320px' }}>
                <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
                  {record.data.name}
                </Title>
                <Group gap={6}>
                  <IconLock size={16} aria-hidden />
                  <Text size="sm" c="dark.6">
                    Completed · version {record.data.templateVersion} · locked
                  </Text>
                </Group>
              </Stack>
              <Button
                component="a"
                href={completedPdfUrl(clientId, documentId)}
                download
                leftSection={<IconDownload size={18} aria-hidden />}
              >
                Download PDF
              </Button>
            </Group>
            <Paper withBorder radius="md" p="lg">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <Fact label="Signed by" value={record.data.signerName} />
                <Fact label="Signed at" value={formatFullDateTime(record.data.signedAt)} />
                <Fact label="IP address" value={record.data.signerIp} />
                <Fact label="Signed at (UTC)" value={record.data.signedAt} />
              </SimpleGrid>
              <Stack gap={2} mt="md">
                <Text size="xs" c="dark.6">
                  SHA-256 of the signed content
                </Text>
                <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{record.data.contentSha256}</Code>
              </Stack>
            </Paper>
            <Stack gap="md" component="section" aria-label="Answers">
              {questionsOf(record.data.content).map((q) => (
                <AnswerRow
                  key={q.id}
                  question={q}
                  value={record.data.answers[q.id]}
                  clientId={clientId}
                  documentId={documentId}
                />
              ))}
            </Stack>
          </>
        ) : null}
      </Stack>
    </Box>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dark.6">
        {label}
      </Text>
      <Text style={{ overflowWrap: 'anywhere' }}>{value}</Text>
    </Stack>
  );
}

function AnswerRow({
  question: q,
  value,
  clientId,
  documentId,
}: {
  question: Question;
  value: unknown;
  clientId: string;
  documentId: string;
}) {
  if (q.kind === 'heading')
    return (
      <Stack gap={2} pt="sm">
        <Title order={2} size="h4">
          {q.label}
        </Title>
        {q.help ? (
          <Text size="sm" c="dark.6">
            {q.help}
          </Text>
        ) : null}
      </Stack>
    );
  return (
    <Stack gap={4}>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
        {q.label}
      </Text>
      <AnswerValue question={q} value={value} clientId={clientId} documentId={documentId} />
    </Stack>
  );
}

function AnswerValue({
  question: q,
  value,
  clientId,
  documentId,
}: {
  question: Question;
  value: unknown;
  clientId: string;
  documentId: string;
}) {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0))
    return (
      <Text c="dark.6" fs="italic">
        No answer
      </Text>
    );
  if (q.kind === 'signature') {
    const signature = value as SignatureAnswer;
    return signature.method === 'drawn' ? (
      <Image src={signature.image} alt={`Signature drawn by ${signature.signerName}`} maw={320} fit="contain" />
    ) : (
      <Text fz={24} style={{ fontFamily: '"Segoe Script", "Brush Script MT", cursive' }}>
        {signature.signerName}
      </Text>
    );
  }
  if (q.kind === 'file_upload')
    return <UploadedFile clientId={clientId} documentId={documentId} file={value as FileAnswer} />;
  return <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{answerText(q, value)}</Text>;
}

/** The file the client uploaded to a question: its name (to download), size and SHA-256. */
function UploadedFile({ clientId, documentId, file }: { clientId: string; documentId: string; file: FileAnswer }) {
  return (
    <Stack gap={2}>
      <Anchor
        href={completedFileUrl(clientId, documentId, file.fileId)}
        download
        style={{ overflowWrap: 'anywhere' }}
        aria-label={`Download ${file.fileName}`}
      >
        <Group gap={6} component="span" wrap="nowrap">
          <IconDownload size={16} aria-hidden style={{ flexShrink: 0 }} />
          {file.fileName}
        </Group>
      </Anchor>
      <Text size="sm" c="dark.6">
        {formatBytes(file.sizeBytes)}
      </Text>
      <Text size="xs" c="dark.6" style={{ overflowWrap: 'anywhere' }}>
        SHA-256 <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{file.sha256}</Code>
      </Text>
    </Stack>
  );
}

function answerText(q: Question, value: unknown): string {
  switch (q.kind) {
    case 'yes_no':
      return value === true ? 'Yes' : 'No';
    case 'multiple_choice':
      return (value as string[]).join('\n');
    case 'number':
    case 'scale':
      return typeof value === 'number' ? value.toString() : '';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value as string) ? formatCalendarDate(value as string) : (value as string);
    case 'address': {
      const a = value as AddressAnswer;
      return [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n');
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
