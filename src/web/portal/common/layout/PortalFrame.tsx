import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { PracticeMark } from './PracticeMark.js';

interface PortalFrameProps {
  /** The practice, shown as the brand above the card; omitted when unknown. */
  practiceName?: string | null;
  /** The practice's logo beside its name (Settings → Practice profile). */
  logoUrl?: string | null;
  /** The landing page shows the practice inside the card instead. */
  showBrand?: boolean;
  children: ReactNode;
  /** Quiet links below the card. */
  below?: ReactNode;
}

/** The signed-out pages: the practice as the brand, a centred card, a calm backdrop. */
export function PortalFrame({ practiceName, logoUrl = null, showBrand = true, children, below }: PortalFrameProps) {
  return (
    <div className="portal-backdrop">
      {showBrand && practiceName ? (
        <Box component="header" pt={{ base: 'xl', sm: 48 }} px="md">
          <Group justify="center" gap="sm" wrap="nowrap">
            <PracticeMark name={practiceName} logoUrl={logoUrl} size={36} />
            <Text fw={650} fz="lg" c="dark.8" className="portal-break" lineClamp={2}>
              <bdi>{practiceName}</bdi>
            </Text>
          </Group>
        </Box>
      ) : null}
      <Box
        component="main"
        id="main"
        flex={1}
        px="md"
        pt={showBrand && practiceName ? 'lg' : { base: 'xl', sm: 64 }}
        pb="xl"
      >
        <Stack w="100%" maw={440} mx="auto" gap="lg">
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 32 }}>
            {children}
          </Paper>
          {below ? (
            <Text ta="center" size="sm" component="div">
              {below}
            </Text>
          ) : null}
        </Stack>
      </Box>
      <Box component="footer" pb="lg" px="md">
        <Group justify="center" gap={6} c="dimmed">
          <IconLock size={14} aria-hidden />
          <Text size="xs" c="dimmed">
            Secure Client Portal · Powered by Portico
          </Text>
        </Group>
      </Box>
    </div>
  );
}
