import { Badge, Button, Group, Text, UnstyledButton } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, NavLink } from '../router.js';
import type { PortalMe } from '../../../../shared/schemas/portal.js';
import type { PortalNavItem } from '../area.js';
import { displayName } from '../names.js';
import { portalPaths } from '../paths.js';
import { useSignOut } from '../session.js';
import { PracticeMark } from './PracticeMark.js';
import { useSectionCounts } from './use-section-counts.js';

interface PortalHeaderProps {
  me: PortalMe;
  /** The sections of every area, before checking which this client may use. */
  nav: readonly PortalNavItem[];
}

/**
 * The signed-in bar: the practice as the brand, the sections the client may use, who is signed in
 * and Sign out. On phones the sections take a row of their own below the brand.
 */
export function PortalHeader({ me, nav }: PortalHeaderProps) {
  const { practice } = me;
  const signOut = useSignOut(practice.slug);
  const sections = nav.filter((item) => item.allowed?.(me) ?? true);
  const counts = useSectionCounts(sections, practice.slug);
  // Home alone needs no navigation; it appears once there is somewhere else to go.
  const hasSections = sections.length > 1;
  return (
    <header className="portal-header">
      <div className="portal-header-bar" data-with-nav={hasSections || undefined}>
        <UnstyledButton
          component={Link}
          to={portalPaths.home(practice.slug)}
          miw={0}
          className="portal-header-brand"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        >
          <Group gap="sm" wrap="nowrap">
            <PracticeMark name={practice.name} logoUrl={practice.logoUrl} size={36} />
            <Text fw={650} fz="md" truncate="end" c="dark.8">
              <bdi>{practice.name}</bdi>
            </Text>
          </Group>
        </UnstyledButton>
        {hasSections ? (
          <nav aria-label="Client Portal" className="portal-nav">
            {sections.map((item, index) => {
              const count = counts[index] ?? 0;
              return (
                <SectionLink
                  key={item.label}
                  to={item.path(practice.slug)}
                  icon={<item.icon size={18} stroke={1.8} />}
                  label={count > 0 ? item.count?.label(count) : undefined}
                >
                  {item.label}
                  {count > 0 ? (
                    <Badge size="sm" circle={count < 10} color="red.8" variant="filled" aria-hidden ml={2}>
                      {count > 99 ? '99+' : count}
                    </Badge>
                  ) : null}
                </SectionLink>
              );
            })}
          </nav>
        ) : null}
        <Group gap="sm" wrap="nowrap" className="portal-header-account">
          {/* Beside four sections the name would squeeze out the practice's: Home greets them anyway. */}
          {sections.length <= 3 ? (
            <Text size="sm" c="dimmed" visibleFrom="md" maw={200} truncate="end">
              Signed in as{' '}
              <Text span fw={600} c="dark.7" inherit>
                <bdi>{displayName(me.client)}</bdi>
              </Text>
            </Text>
          ) : null}
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
      </div>
    </header>
  );
}

/** A section of the portal; the current one is marked aria-current by NavLink. */
function SectionLink({
  to,
  icon,
  label,
  children,
}: {
  to: string;
  icon: ReactNode;
  label?: string | undefined;
  children: ReactNode;
}) {
  return (
    <NavLink to={to} className="portal-nav-link" aria-label={label}>
      <span aria-hidden className="portal-nav-icon">
        {icon}
      </span>
      <span className="portal-nav-label">{children}</span>
    </NavLink>
  );
}
