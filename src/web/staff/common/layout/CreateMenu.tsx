import { ActionIcon, Menu } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { CreateItem } from '../area.js';

/** The "+" menu: quick creation of records from anywhere, as the areas offer it. */
export function CreateMenu({ items }: { items: readonly CreateItem[] }) {
  if (items.length === 0) return null;
  return (
    <Menu position="bottom-end" width={200} shadow="md">
      <Menu.Target>
        <ActionIcon variant="filled" size="lg" radius="xl" aria-label="Create">
          <IconPlus size={20} stroke={2} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {items.map((item) => (
          <Menu.Item key={item.to} component={Link} to={item.to} leftSection={<item.icon size={16} aria-hidden />}>
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
