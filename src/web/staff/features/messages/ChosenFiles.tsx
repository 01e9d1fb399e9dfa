import { CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { formatBytes } from '../../../common/messaging/attachment-rules.js';
import { sentence } from '../../../common/field-errors.js';

interface ChosenFilesProps {
  files: readonly File[];
  /** Server errors by file position (`attachments.0` → index 0). */
  errors: Record<number, string | undefined>;
  onRemove: (index: number) => void;
}

/** The files waiting to be sent with the message, each with a remove button. */
export function ChosenFiles({ files, errors, onRemove }: ChosenFilesProps) {
  if (files.length === 0) return null;
  return (
    <Stack component="ul" gap={6} aria-label="Files to send" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {files.map((file, index) => {
        const error = sentence(errors[index]);
        const errorId = `chosen-file-error-${index}`;
        return (
          <Paper
            component="li"
            key={`${file.name}-${file.size}-${file.lastModified}-${index}`}
            withBorder
            px="sm"
            py={6}
            radius="md"
            style={error ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}
          >
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Group gap={6} wrap="nowrap" miw={0}>
                <IconPaperclip size={16} aria-hidden style={{ flexShrink: 0 }} />
                <Text size="sm" truncate="end" miw={0} aria-describedby={error ? errorId : undefined}>
                  <bdi>{file.name}</bdi>{' '}
                  <Text span size="xs" c="dimmed">
                    ({formatBytes(file.size)})
                  </Text>
                </Text>
              </Group>
              <CloseButton size="sm" aria-label={`Remove ${file.name}`} onClick={() => onRemove(index)} />
            </Group>
            {error ? (
              <Text id={errorId} size="xs" c="red.8" mt={4}>
                {error}
              </Text>
            ) : null}
          </Paper>
        );
      })}
    </Stack>
  );
}
