import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import type { PortalAccessView } from '../../../../shared/schemas/portal-access.js';
import { formatDateTime } from '../../../common/dates.js';
import { eventLabel } from './portal-labels.js';

/** "Portal activity": invitations, sign-ins, failed links and codes, changes; who, when and from where. */
export function PortalActivity({ events, timeZone }: { events: PortalAccessView['events']; timeZone: string }) {
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Title order={2} size="h3">
          Portal activity
        </Title>
        {events.length === 0 ? (
          <Text size="sm" c="dimmed">
            No portal activity yet.
          </Text>
        ) : (
          <Timeline bulletSize={12} lineWidth={2} active={events.length - 1}>
            {events.map((event) => (
              <Timeline.Item key={event.id}>
                <Text size="sm" fw={500}>
                  {eventLabel(event.action)}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  <bdi>{event.actorName ?? 'Client'}</bdi> ·{' '}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, timeZone)}</time>
                  {event.ip ? ` · IP ${event.ip}` : ''}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Paper>
  );
}
