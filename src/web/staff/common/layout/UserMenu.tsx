import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { SessionState } from '../../../../shared/schemas/auth.js';
import { useSignOut } from '../session.js';

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

export function UserMenu({ staff }: { staff: Staff }) {
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={240} shadow="md">
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
        <Menu.Divider />
        <Menu.Item component={Link} to="/settings/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
          My account
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
