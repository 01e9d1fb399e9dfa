import { Alert, Button, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileUpload, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ClientFile } from '../../../../shared/schemas/documents.js';
import { attachmentMaxBytes } from '../../../../shared/schemas/messages.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatDate } from '../../../common/dates.js';
import { fieldErrorsOf } from '../../../common/field-errors.js';
import { attachmentAccept, formatBytes } from '../../../common/messaging/attachment-rules.js';
import { useSignedIn } from '../../common/session.js';
import { useRemoveClientFile, useUploadClientFile } from './documents.queries.js';

/**
 * The Documents tab's files: what the practice shared for the client to download in the portal
 * (a handout, a worksheet), with **Upload a file** and Remove. The server checks each file by its
 * content; the browser only stops what it can already see is too large or empty.
 */
export function ClientFilesSection({
  clientId,
  files,
  archived,
}: {
  clientId: string;
  files: readonly ClientFile[];
  archived: boolean;
}) {
  const { practice } = useSignedIn();
  const upload = useUploadClientFile(clientId);
  const remove = useRemoveClientFile(clientId);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState('');
  // The server names what is wrong with the file (its type, read from its content; its size).
  const refused = fieldErrorsOf(upload.error).file;
  const shown = problem ?? (refused ? `${chosen} ${refused}.` : null);

  const choose = (file: File | null) => {
    if (!file) return;
    upload.reset();
    remove.reset();
    setChosen(file.name);
    if (file.size > attachmentMaxBytes) return setProblem(`${file.name} is larger than 10 MB.`);
    if (file.size === 0) return setProblem(`${file.name} is empty.`);
    setProblem(null);
    upload.mutate(file);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="client-files-heading">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <div>
          <Title order={3} size="h4" id="client-files-heading">
            Files
          </Title>
          <Text size="sm" c="dimmed">
            PDF, PNG, JPEG or HEIC, up to 10 MB. The client downloads them in the portal.
          </Text>
        </div>
        <FileButton onChange={choose} accept={attachmentAccept}>
          {(props) => (
            <Button
              {...props}
              variant="default"
              leftSection={<IconFileUpload size={16} aria-hidden />}
              loading={upload.isPending}
              disabled={archived}
            >
              Upload a file
            </Button>
          )}
        </FileButton>
      </Group>
      {shown ? (
        <Alert color="red" variant="light" title="Could not upload the file" role="alert">
          {shown}
        </Alert>
      ) : (
        <ErrorAlert error={upload.error} title="Could not upload the file" />
      )}
      <ErrorAlert error={remove.error} title="Could not remove the file" />
      {files.length === 0 ? (
        <Text c="dimmed" size="sm">
          No files shared yet.
        </Text>
      ) : (
        <Stack gap="xs">
          {files.map((f) => (
            <Paper key={f.id} withBorder radius="md" p="sm">
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Stack gap={2} miw={0} style={{ flex: '1 1 220px' }}>
                  <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {f.fileName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(f.sizeBytes)} · Shared{' '}
                    <time dateTime={f.createdAt}>{formatDate(f.createdAt, practice.timeZone)}</time>
                    {f.uploadedBy ? ` by ${f.uploadedBy}` : ''} ·{' '}
                    {f.firstDownloadedAt ? 'Downloaded' : 'Not downloaded yet'}
                  </Text>
                </Stack>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} aria-hidden />}
                  aria-label={`Remove ${f.fileName}`}
                  loading={remove.isPending && remove.variables === f.id}
                  onClick={() => {
                    upload.reset();
                    remove.mutate(f.id);
                  }}
                >
                  Remove
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
