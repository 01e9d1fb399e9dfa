import { CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import { useId } from 'react';
import { sentence } from '../field-errors.js';
import { formatBytes } from './attachment-rules.js';

interface ChosenFilesProps {
  files: readonly File[];
  /** Server errors by file position (`attachments.0` → index 0). */
  errors: Record<number, string | undefined>;
  onRemove: (index: number) => void;
  /** Larger remove buttons, for fingers (the portal). */
  large?: boolean;
}

/** The files waiting to be sent with the message, each with a remove button and its own error. */
export function ChosenFiles({ files, errors, onRemove, large = false }: ChosenFilesProps) {
  const idBase = useId();
  if (files.length === 0) return null;
  return (
    <Stack component="ul" gap={6} aria-label="Files to send" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {files.map((file, index) => {
        const error = sentence(errors[index]);
        const errorId = `${idBase}-${index}`;
        const Icon = file.type === 'application/pdf' ? IconFileTypePdf : IconPhoto;
        return (
          <Paper
            component="li"
            key={`${file.name}-${file.size}-${file.lastModified}-${index}`}
            withBorder
            px="sm"
            py={large ? 4 : 6}
            radius="md"
            bg={error ? 'red.0' : 'gray.0'}
            style={error ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}
          >
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Group gap={8} wrap="nowrap" miw={0}>
                <Icon
                  size={18}
                  stroke={1.6}
                  aria-hidden
                  style={{ flexShrink: 0, color: 'var(--mantine-color-portico-8)' }}
                />
                <Text size="sm" truncate="end" miw={0}>
                  <bdi>{file.name}</bdi>{' '}
                  <Text span size="xs" c="dimmed">
                    ({formatBytes(file.size)})
                  </Text>
                </Text>
              </Group>
              <CloseButton
                size={large ? 'lg' : 'sm'}
                aria-label={`Remove ${file.name}`}
                aria-describedby={error ? errorId : undefined}
                onClick={() => onRemove(index)}
              />
            </Group>
            {error ? (
              <Text id={errorId} size="xs" c="red.9" fw={600} mt={4} role="alert">
                {error}
              </Text>
            ) : null}
          </Paper>
        );
      })}
    </Stack>
  );
}
