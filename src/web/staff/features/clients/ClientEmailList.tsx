import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import type { ClientEmail } from '../../../../shared/schemas/clients.js';

const typeLabels: Record<ClientEmail['type'], string> = { home: 'Home', work: 'Work', other: 'Other' };

export function ClientEmailList({ emails }: { emails: ClientEmail[] }) {
  if (emails.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No email addresses.
      </Text>
    );
  }
  const sorted = [...emails].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {sorted.map((email) => (
        <Group key={email.id} component="li" gap="sm" wrap="nowrap" align="flex-start">
          <IconMail size={18} aria-hidden style={{ marginTop: 3, flexShrink: 0 }} />
          <Stack gap={4} miw={0}>
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              <bdi>{email.address}</bdi>
            </Text>
            <Group gap={6}>
              <Badge variant="light" color="gray" size="sm">
                {typeLabels[email.type]}
              </Badge>
              {email.isPrimary ? (
                <Badge variant="light" color="blue" size="sm">
                  Primary
                </Badge>
              ) : null}
              {email.emailOk ? (
                <Badge variant="light" color="portico" size="sm">
                  Email OK
                </Badge>
              ) : (
                <Badge variant="outline" color="gray" size="sm">
                  No email consent
                </Badge>
              )}
            </Group>
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}
