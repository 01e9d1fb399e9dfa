import { Box, Text } from '@mantine/core';
import { Suspense, type ComponentType } from 'react';
import { Outlet, useMatches } from '../router.js';
import type { PortalNavItem, PortalRouteHandle } from '../area.js';
import { useSignedIn } from '../session.js';
import { PortalHeader } from './PortalHeader.js';

function isFill(handle: unknown): boolean {
  return typeof handle === 'object' && handle !== null && (handle as PortalRouteHandle).fill === true;
}

interface SignedInLayoutProps {
  /** The header's sections, from every area. */
  nav: readonly PortalNavItem[];
  /** Mounted once while the client is signed in, wherever they are in the portal (live messages). */
  live: readonly ComponentType[];
}

/** The frame of every signed-in page: skip link, header with the sections, the page, the footer. */
export function SignedInLayout({ nav, live }: SignedInLayoutProps) {
  const me = useSignedIn();
  const fill = useMatches().some((match) => isFill(match.handle));

  return (
    <div className="portal-shell" data-fill={fill || undefined}>
      {live.map((Live, index) => (
        // Live updates show nothing; they may load on demand (see messages.area.tsx).
        <Suspense key={index} fallback={null}>
          <Live />
        </Suspense>
      ))}
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <PortalHeader me={me} nav={nav} />
      <Box component="main" id="main" className="portal-main">
        <Outlet />
      </Box>
      {fill ? null : (
        <Box component="footer" pb="lg" px="md">
          <Text size="xs" c="dimmed" ta="center">
            Secure Client Portal · Powered by Portico
          </Text>
        </Box>
      )}
    </div>
  );
}
