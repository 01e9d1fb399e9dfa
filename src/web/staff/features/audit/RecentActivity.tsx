import { Anchor, Card, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { actionLabel, actorLabel } from './audit-labels.js';
import { useRecentActivity } from './audit.queries.js';

/** The newest audit entries for one client, on the profile's Overview (owners only). */
export function RecentActivity({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const recent = useRecentActivity(clientId);
  const items = recent.data?.items ?? [];

  return (
    <Card withBorder shadow="xs" padding="lg">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Recent activity
          </Title>
          <Anchor component={Link} to={`/audit?clientId=${encodeURIComponent(clientId)}`} size="sm">
            View full audit log
          </Anchor>
        </Group>
        <ErrorAlert error={recent.error} title="Could not load activity" />
        {recent.isPending ? <Loader size="sm" aria-label="Loading activity" /> : null}
        {recent.isSuccess && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No activity recorded yet.
          </Text>
        ) : null}
        {items.length > 0 ? (
          <Timeline bulletSize={12} lineWidth={2} active={items.length - 1}>
            {items.map((entry) => (
              <Timeline.Item key={entry.id}>
                <Text size="sm" fw={500}>
                  {actionLabel(entry.action)}
                </Text>
                <Text size="xs" c="dimmed">
                  <bdi>{actorLabel(entry)}</bdi> · {formatDateTime(entry.createdAt, timeZone)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        ) : null}
      </Stack>
    </Card>
  );
}
