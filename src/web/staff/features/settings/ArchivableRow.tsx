import { Badge, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

const rowStyle = { borderTop: '1px solid var(--mantine-color-gray-2)' };
export const settingsListStyle = { listStyle: 'none', margin: 0, padding: 0 };

/**
 * One row of a settings list whose entries are archived rather than deleted (services, locations):
 * its name with badges, a line of detail, and Edit beside Archive or Restore.
 */
export function ArchivableRow({
  name,
  badges,
  detail,
  archived,
  archiving,
  onEdit,
  onToggleArchived,
}: {
  name: string;
  badges?: ReactNode;
  detail: ReactNode;
  archived: boolean;
  archiving: boolean;
  onEdit: () => void;
  onToggleArchived: () => void;
}) {
  return (
    <Group component="li" justify="space-between" py="sm" gap="sm" style={rowStyle} wrap="wrap">
      <div style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Group gap={6}>
          <Text fw={600}>{name}</Text>
          {badges}
          {archived ? <Badge color="gray">Archived</Badge> : null}
        </Group>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {detail}
        </Text>
      </div>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={onEdit} aria-label={`Edit ${name}`}>
          Edit
        </Button>
        <Button
          variant="subtle"
          size="xs"
          color="gray"
          loading={archiving}
          onClick={onToggleArchived}
          aria-label={`${archived ? 'Restore' : 'Archive'} ${name}`}
        >
          {archived ? 'Restore' : 'Archive'}
        </Button>
      </Group>
    </Group>
  );
}
