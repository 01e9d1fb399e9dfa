import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { formatDateTime } from '../../../common/dates.js';
import type { MailSummary } from '../../../../shared/schemas/dev-mailbox.js';
import { MailStatusBadge } from './MailStatusBadge.js';

interface MailListProps {
  items: MailSummary[];
  selectedId: string | null;
  timeZone: string;
  onSelect: (id: string) => void;
}

/** The outbox, newest first; each message is a button that opens it. */
export function MailList({ items, selectedId, timeZone, onSelect }: MailListProps) {
  return (
    <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((mail) => {
        const selected = mail.id === selectedId;
        return (
          <li key={mail.id}>
            <UnstyledButton
              onClick={() => onSelect(mail.id)}
              aria-current={selected ? 'true' : undefined}
              w="100%"
              p="sm"
              style={{
                borderRadius: 'var(--mantine-radius-md)',
                background: selected ? 'var(--mantine-color-portico-light)' : undefined,
              }}
            >
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Text size="sm" fw={600} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {mail.subject}
                </Text>
                <MailStatusBadge status={mail.status} style={{ flexShrink: 0 }} />
              </Group>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                To <bdi>{mail.to}</bdi> · {formatDateTime(mail.sentAt ?? mail.createdAt, timeZone)}
              </Text>
              {mail.lastError ? (
                <Text size="xs" c="red.9" lineClamp={2}>
                  {mail.lastError}
                </Text>
              ) : null}
            </UnstyledButton>
          </li>
        );
      })}
    </Stack>
  );
}
