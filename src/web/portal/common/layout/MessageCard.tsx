import { Stack, Text, ThemeIcon, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeading } from './PageHeading.js';

interface MessageCardProps {
  icon: ReactNode;
  color?: MantineColor;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  focusOnMount?: boolean;
}

/** A centred icon, h1 and sentence inside a portal card: for problems, confirmations and gaps. */
export function MessageCard({
  icon,
  color = 'portico',
  title,
  children,
  actions,
  focusOnMount = false,
}: MessageCardProps) {
  return (
    <Stack align="center" ta="center" gap="md">
      <ThemeIcon size={56} radius="xl" variant="light" color={color} aria-hidden>
        {icon}
      </ThemeIcon>
      <PageHeading focusOnMount={focusOnMount} className="portal-break">
        {title}
      </PageHeading>
      {children ? (
        <Text c="dimmed" className="portal-break" component="div">
          {children}
        </Text>
      ) : null}
      {actions ? (
        <Stack w="100%" gap="sm" mt="xs">
          {actions}
        </Stack>
      ) : null}
    </Stack>
  );
}
