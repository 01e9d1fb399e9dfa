import { Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconClockHour4, IconDeviceMobile, IconMail } from '@tabler/icons-react';
import type { ReactNode } from 'react';

const points: { icon: ReactNode; title: string; text: string }[] = [
  {
    icon: <IconMail size={18} stroke={1.8} />,
    title: 'A link by email, no password',
    text: 'To sign in, enter your email address on the portal and open the link we send you. Each link works once.',
  },
  {
    icon: <IconDeviceMobile size={18} stroke={1.8} />,
    title: 'On another device',
    text: 'Every sign-in email also has a 6-digit code. Enter it on the device you want to use.',
  },
  {
    icon: <IconClockHour4 size={18} stroke={1.8} />,
    title: 'Signed out when idle',
    text: 'For your privacy, you are signed out after 30 minutes without activity. On a shared device, sign out when you are done.',
  },
];

/** A short, calm explanation of how signing in works. */
export function SignInHelpCard() {
  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby="sign-in-help-title">
      <Stack gap="lg">
        <Title order={2} id="sign-in-help-title">
          How signing in works
        </Title>
        <Stack gap="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {points.map((point) => (
            <Group key={point.title} component="li" gap="md" wrap="nowrap" align="flex-start">
              <ThemeIcon size={36} radius="md" variant="light" aria-hidden>
                {point.icon}
              </ThemeIcon>
              <Stack gap={2}>
                <Text fw={600}>{point.title}</Text>
                <Text size="sm" c="dimmed">
                  {point.text}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
