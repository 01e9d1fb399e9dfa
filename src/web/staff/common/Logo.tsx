import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';

/** The Portico mark with its name; the icon is decorative. */
export function Logo({ size = 'md' }: { size?: 'sm' | 'md' }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'sm' ? 28 : 34} radius="md" variant="filled" aria-hidden>
        <IconBuildingBank size={size === 'sm' ? 16 : 20} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} fz={size === 'sm' ? 'md' : 'lg'} c="portico.9">
        Portico
      </Text>
    </Group>
  );
}
