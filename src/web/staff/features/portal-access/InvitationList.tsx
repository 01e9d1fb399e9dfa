import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { PortalAccessView } from '../../../../shared/schemas/portal-access.js';
import { formatDateTime } from '../../../common/dates.js';
import { amberText, deliveryColors, deliveryLabels, kindLabels } from './portal-labels.js';

type Invitation = PortalAccessView['invitations'][number];

function DeliveryNote({ item }: { item: Invitation }) {
  if (item.delivery === 'failed') {
    return (
      <Text size="xs" c="red.9" style={{ overflowWrap: 'anywhere' }}>
        Not delivered{item.lastError ? `: ${item.lastError}` : '.'}
      </Text>
    );
  }
  if (item.delivery === 'queued' && item.attempts > 0) {
    return (
      <Text size="xs" c={amberText} style={{ overflowWrap: 'anywhere' }}>
        retrying ({item.attempts} {item.attempts === 1 ? 'attempt' : 'attempts'})
        {item.lastError ? ` · ${item.lastError}` : ''}
      </Text>
    );
  }
  return null;
}

/** Every invitation and sign-in link emailed to the client, newest first, with its delivery status. */
export function InvitationList({ invitations, timeZone }: { invitations: Invitation[]; timeZone: string }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Invitations
      </Title>
      {invitations.length === 0 ? (
        <Text size="sm" c="dimmed">
          No invitations sent yet.
        </Text>
      ) : (
        <Stack
          component="ul"
          gap={0}
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            border: '1px solid var(--mantine-color-gray-3)',
            borderRadius: 'var(--mantine-radius-md)',
          }}
        >
          {invitations.map((item, index) => (
            <li
              key={item.id}
              style={{
                padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-gray-2)',
              }}
            >
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <Stack gap={2} miw={0}>
                  <Text size="sm" fw={600}>
                    {kindLabels[item.kind]}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    To <bdi>{item.sentTo}</bdi> ·{' '}
                    <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, timeZone)}</time>
                  </Text>
                  <DeliveryNote item={item} />
                </Stack>
                <Badge
                  variant="light"
                  color={deliveryColors[item.delivery]}
                  size="sm"
                  tt="none"
                  style={{ flexShrink: 0 }}
                >
                  {deliveryLabels[item.delivery]}
                </Badge>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
