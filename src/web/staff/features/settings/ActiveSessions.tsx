import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop, IconLogout } from '@tabler/icons-react';
import type { AccountSession } from '../../../../shared/schemas/settings.js';
import { formatDateTime } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useSignedIn } from '../../common/session.js';
import { SettingsLoading } from './SettingsFrame.js';
import { useMySessions, useSignOutEverywhere, useSignOutSession } from './settings.queries.js';
import { describeUserAgent } from './user-agent.js';

/** Where the staff member is signed in, with sign out of one and Sign out everywhere (else). */
export function ActiveSessions() {
  const sessions = useMySessions();
  const everywhere = useSignOutEverywhere();
  const others = (sessions.data ?? []).filter((session) => !session.current).length;
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div style={{ minWidth: 0, flex: '1 1 260px' }}>
            <Title order={2} size="h3">
              Active sessions
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              The browsers signed in to your account. Sign out any you do not recognise.
            </Text>
          </div>
          <Button
            variant="default"
            color="red"
            leftSection={<IconLogout size={16} aria-hidden />}
            disabled={others === 0}
            loading={everywhere.isPending}
            onClick={() =>
              everywhere.mutate(undefined, {
                onSuccess: ({ signedOut }) =>
                  notifications.show({
                    color: 'portico',
                    title: 'Signed out everywhere else',
                    message: `${signedOut === 1 ? '1 session was' : `${signedOut} sessions were`} signed out. This browser stays signed in.`,
                  }),
              })
            }
          >
            Sign out everywhere
          </Button>
        </Group>
        <ErrorAlert error={everywhere.error} title="Could not sign out the other sessions" />
        {sessions.data ? (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {sessions.data.map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </Stack>
        ) : (
          <SettingsLoading error={sessions.error} label="Loading your sessions" />
        )}
      </Stack>
    </Paper>
  );
}

function SessionRow({ session }: { session: AccountSession }) {
  const { practice } = useSignedIn();
  const signOut = useSignOutSession();
  const device = describeUserAgent(session.userAgent);
  return (
    <Group
      component="li"
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Group gap="sm" wrap="nowrap" miw={0} align="flex-start">
        <IconDeviceDesktop size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Stack gap={2} miw={0}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {device}
            </Text>
            {session.current ? (
              <Badge size="sm" variant="light" color="portico">
                This device
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {session.ip ?? 'Unknown address'} · Last seen {formatDateTime(session.lastSeenAt, practice.timeZone)}
          </Text>
          {signOut.error ? <ErrorAlert error={signOut.error} title="Could not sign out this session" /> : null}
        </Stack>
      </Group>
      {session.current ? null : (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          loading={signOut.isPending}
          onClick={() => signOut.mutate(session.id)}
          aria-label={`Sign out ${device}, last seen ${formatDateTime(session.lastSeenAt, practice.timeZone)}`}
          style={{ flexShrink: 0 }}
        >
          Sign out
        </Button>
      )}
    </Group>
  );
}
