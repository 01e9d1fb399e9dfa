import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from '../../common/router.js';

export interface HomeTileProps {
  /** The tile's heading, also the id stem its section is labelled by. */
  title: string;
  icon: ReactNode;
  /** How many things wait (undefined while loading): the badge shows `label(count)`. */
  count: number | undefined;
  label: (count: number) => string;
  /** One line under the heading: what waits when something does, and what the area is otherwise. */
  waitingText: ReactNode;
  idleText: ReactNode;
  to: string;
  action: string;
}

/** A Home tile: an area of the portal, how many things in it wait for the client, and the way in. */
export function HomeTile({ title, icon, count, label, waitingText, idleText, to, action }: HomeTileProps) {
  const waiting = count !== undefined && count > 0;
  const titleId = `${title.toLowerCase().replaceAll(/[^a-z]+/g, '-')}-card-title`;

  return (
    <Paper
      withBorder
      radius="lg"
      p={{ base: 'lg', sm: 'xl' }}
      component="section"
      aria-labelledby={titleId}
      style={waiting ? { borderColor: 'var(--mantine-color-portico-3)' } : undefined}
    >
      <Group justify="space-between" gap="lg" align="center">
        <Group gap="md" wrap="nowrap" align="flex-start" miw={0} style={{ flex: '1 1 320px' }}>
          <ThemeIcon size={48} radius="md" variant="light" aria-hidden>
            {icon}
          </ThemeIcon>
          <Stack gap={6} miw={0}>
            <Group gap="sm" wrap="wrap" align="center">
              <Title order={2} id={titleId}>
                {title}
              </Title>
              {count === undefined ? null : (
                <Badge
                  variant={waiting ? 'filled' : 'light'}
                  color={waiting ? 'red.8' : 'gray'}
                  c={waiting ? undefined : 'dark.6'}
                  size="lg"
                  radius="sm"
                  tt="none"
                  fw={600}
                >
                  {label(count)}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" className="portal-break">
              {waiting ? waitingText : idleText}
            </Text>
          </Stack>
        </Group>
        <Button
          component={Link}
          to={to}
          size="md"
          rightSection={<IconArrowRight size={18} aria-hidden />}
          w={{ base: '100%', xs: 'auto' }}
        >
          {action}
        </Button>
      </Group>
    </Paper>
  );
}
