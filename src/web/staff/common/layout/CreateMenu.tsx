import { ActionIcon, Menu } from '@mantine/core';
import { IconPlus, IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';

/** The "+" menu: quick creation of records from anywhere. */
export function CreateMenu() {
  return (
    <Menu position="bottom-end" width={200} shadow="md">
      <Menu.Target>
        <ActionIcon variant="filled" size="lg" radius="xl" aria-label="Create">
          <IconPlus size={20} stroke={2} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/clients/new" leftSection={<IconUserPlus size={16} aria-hidden />}>
          Create client
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
