import { Anchor, Card, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatTime } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { groupActivity, groupLabel } from './activity-groups.js';
import { actionLabel, actorLabel } from './audit-labels.js';
import { useRecentActivity } from './audit.queries.js';

/** How many lines the Overview shows, after repeated views are collapsed. */
const shownLines = 8;

/**
 * The newest audit entries for one client, on the profile's Overview (owners only). Repeated
 * views by the same person on the same day are one line ("Viewed 12 times today"), so the
 * changes around them stay in sight.
 */
export function RecentActivity({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const recent = useRecentActivity(clientId);
  const groups = useMemo(
    () => groupActivity(recent.data?.items ?? [], timeZone).slice(0, shownLines),
    [recent.data, timeZone],
  );
  const now = new Date();
  const headingId = useId();

  return (
    <Card withBorder shadow="xs" padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" id={headingId}>
            Recent activity
          </Title>
          <Anchor component={Link} to={`/audit?clientId=${encodeURIComponent(clientId)}`} size="sm">
            View full audit log
          </Anchor>
        </Group>
        <ErrorAlert error={recent.error} title="Could not load activity" />
        {recent.isPending ? <Loader size="sm" aria-label="Loading activity" /> : null}
        {recent.isSuccess && groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            No activity recorded yet.
          </Text>
        ) : null}
        {groups.length > 0 ? (
          <Timeline bulletSize={12} lineWidth={2} active={groups.length - 1}>
            {groups.map((group) => (
              <Timeline.Item key={group.latest.id}>
                <Text size="sm" fw={500}>
                  {groupLabel(group, actionLabel(group.latest.action), timeZone, now)}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  <bdi>{actorLabel(group.latest)}</bdi> · {formatDateTime(group.earliestAt, timeZone)}
                  {formatTime(group.earliestAt, timeZone) !== formatTime(group.latest.createdAt, timeZone)
                    ? ` to ${formatTime(group.latest.createdAt, timeZone)}`
                    : null}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        ) : null}
      </Stack>
    </Card>
  );
}
