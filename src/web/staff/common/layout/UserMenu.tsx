import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingCommunity, IconCheck, IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { practiceSwitchApi } from '../../../../shared/contract/team.js';
import type { SessionState } from '../../../../shared/schemas/auth.js';
import { call } from '../../../common/api.js';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { areaKeys } from '../query-keys.js';
import { resetToSession, useSignOut } from '../session.js';

type Staff = NonNullable<SessionState['staff']>;

const roleLabels: Record<Staff['roles'][number], string> = {
  owner: 'Owner',
  clinician: 'Clinician',
  biller: 'Biller',
  scheduler: 'Scheduler',
};

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return (
    letters
      .map((part) => Array.from(part ?? '')[0] ?? '')
      .join('')
      .toUpperCase() || '?'
  );
}

/**
 * The other practices whose team the account is on (active memberships), and opening one: a new
 * session there replaces this one, and everything cached for this practice is forgotten.
 */
function usePracticeSwitcher() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const practices = useQuery({
    queryKey: areaKeys.myPractices,
    queryFn: ({ signal }) => call(practiceSwitchApi.mine, { signal }),
  });
  const all = practices.data ?? [];
  const others = all.filter((practice) => !practice.current);
  const switchTo = async (practiceId: string) => {
    try {
      const state = await call(practiceSwitchApi.switch, { body: { practiceId } });
      resetToSession(queryClient, state);
      await navigate('/clients', { replace: true });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not switch practice', message: errorMessage(error) });
    }
  };
  return { all, others, switchTo };
}

export function UserMenu({ staff }: { staff: Staff }) {
  const signOut = useSignOut();
  const switcher = usePracticeSwitcher();
  // Opening the menu moves focus to its first item that can be chosen (marked data-autofocus for
  // Mantine's focus trap), so the arrows move through the items and Escape closes the menu and
  // gives focus back to its button. Mantine's own hidden placeholder (role=presentation inside
  // role=menu) fails axe, and without it the trap tried the first item, which is disabled when it
  // is the practice you are in: focus stayed on the button, and Escape did nothing.
  const firstChoice = switcher.others[0]?.id ?? 'account';
  return (
    <Menu position="bottom-end" width={280} shadow="md" withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <UnstyledButton
          aria-label={`Account menu for ${staff.name}`}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          p={4}
        >
          <Group gap={8} wrap="nowrap">
            <Avatar color="portico" radius="xl" size={32} aria-hidden>
              {initials(staff.name)}
            </Avatar>
            <Text fw={600} size="sm" visibleFrom="md" maw={160} truncate="end">
              {staff.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate="end">
            {staff.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {staff.email} · {staff.roles.map((role) => roleLabels[role]).join(', ')}
          </Text>
        </Menu.Label>
        {switcher.others.length > 0 ? (
          <>
            <Menu.Divider />
            <Menu.Label>Switch practice</Menu.Label>
            {switcher.all.map((practice) => (
              <Menu.Item
                key={practice.id}
                leftSection={
                  practice.current ? (
                    <IconCheck size={16} aria-hidden />
                  ) : (
                    <IconBuildingCommunity size={16} aria-hidden />
                  )
                }
                disabled={practice.current}
                aria-current={practice.current ? 'true' : undefined}
                data-autofocus={practice.id === firstChoice || undefined}
                onClick={() => void switcher.switchTo(practice.id)}
              >
                <Text size="sm" truncate="end">
                  {practice.name}
                </Text>
              </Menu.Item>
            ))}
          </>
        ) : null}
        <Menu.Divider />
        <Menu.Item
          component={Link}
          to="/settings/account"
          leftSection={<IconUserCircle size={16} aria-hidden />}
          data-autofocus={firstChoice === 'account' || undefined}
        >
          My account
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
