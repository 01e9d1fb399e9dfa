import { Box, Button, Group, Text, UnstyledButton } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { Link } from 'react-router';
import { portalPaths } from '../../paths.js';
import { PracticeMark } from '../layout/PracticeMark.js';
import { useSignOut } from './use-sign-out.js';

interface PortalHeaderProps {
  practice: { name: string; slug: string };
  clientName: string;
}

/** The signed-in bar: the practice as the brand, who is signed in, and Sign out. */
export function PortalHeader({ practice, clientName }: PortalHeaderProps) {
  const signOut = useSignOut(practice.slug);
  return (
    <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group maw={960} mx="auto" px="md" h={64} justify="space-between" wrap="nowrap" gap="sm">
        <UnstyledButton component={Link} to={portalPaths.home(practice.slug)} miw={0} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group gap="sm" wrap="nowrap">
            <PracticeMark name={practice.name} size={36} />
            <Text fw={650} fz="md" truncate="end" c="dark.8">
              <bdi>{practice.name}</bdi>
            </Text>
          </Group>
        </UnstyledButton>
        <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
          <Text size="sm" c="dimmed" visibleFrom="sm" maw={200} truncate="end">
            Signed in as{' '}
            <Text span fw={600} c="dark.7" inherit>
              <bdi>{clientName}</bdi>
            </Text>
          </Text>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconLogout size={16} aria-hidden />}
            loading={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            Sign out
          </Button>
        </Group>
      </Group>
    </Box>
  );
}
