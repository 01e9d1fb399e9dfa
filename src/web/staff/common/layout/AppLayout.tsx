import {
  AppShell,
  Burger,
  Container,
  Divider,
  Group,
  Indicator,
  NavLink as MantineNavLink,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, type ComponentType, type ReactNode } from 'react';
import { Link, Outlet, ScrollRestoration, useMatch } from 'react-router';
import type { CreateItem, NavItem } from '../area.js';
import { Logo } from '../Logo.js';
import { useSignedIn } from '../session.js';
import { CountBadge } from './CountBadge.js';
import { CreateMenu } from './CreateMenu.js';
import { DemoBanner } from './DemoBanner.js';
import { useFocusMainOnNavigation } from './focus-on-navigation.js';
import { HeaderLink } from './HeaderLink.js';
import { useNavCounts } from './use-nav-counts.js';
import { UserMenu } from './UserMenu.js';

interface AppLayoutProps {
  /** The main navigation, from every area, before checking who may see what. */
  nav: readonly NavItem[];
  create: readonly CreateItem[];
  /** Mounted once while the shell is shown (live updates). */
  live: readonly ComponentType[];
}

interface DrawerItem {
  to: string;
  label: string;
  icon: ReactNode;
  badge?: ReactNode;
  /** Only the exact address is this entry's (Create client under Clients). */
  end?: boolean;
}

function DrawerLink({ item, onNavigate }: { item: DrawerItem; onNavigate: () => void }) {
  const active = useMatch({ path: item.to, end: item.end ?? false }) !== null;
  return (
    <MantineNavLink
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={item.icon}
      rightSection={item.badge}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
      variant="light"
      fw={600}
    />
  );
}

/** The signed-in shell: top navigation on wide screens, a burger menu on phones. */
export function AppLayout({ nav, create: allCreate, live }: AppLayoutProps) {
  const signedIn = useSignedIn();
  const { staff, practice } = signedIn;
  const [opened, { toggle, close }] = useDisclosure(false);
  // On navigation: close the phone menu and move focus to the new page.
  useFocusMainOnNavigation(close);

  const items = nav.filter((item) => item.allowed?.(signedIn) ?? true);
  const create = allCreate.filter((item) => item.allowed?.(signedIn) ?? true);
  const counts = useNavCounts(items);
  const badgeOf = (to: string) => {
    const count = counts.get(to);
    return count?.value ? <CountBadge count={count.value} label={count.label(count.value)} /> : null;
  };
  // What waits beyond the burger, read out with it: "Open navigation (1 unread conversation)".
  const waiting = [...counts.values()].flatMap((count) => (count.value ? [count.label(count.value)] : []));

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !opened, desktop: true } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <ScrollRestoration />
      {live.map((Live, index) => (
        // Live updates show nothing; they load on demand (see messages.area.tsx).
        <Suspense key={index} fallback={null}>
          <Live />
        </Suspense>
      ))}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header px={{ base: 'sm', sm: 'lg' }}>
        <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Indicator
              hiddenFrom="sm"
              disabled={waiting.length === 0 || opened}
              color="red.8"
              size={10}
              offset={6}
              label={null}
            >
              <Burger
                opened={opened}
                onClick={toggle}
                size="sm"
                aria-label={`${opened ? 'Close navigation' : 'Open navigation'}${
                  waiting.length > 0 && !opened ? ` (${waiting.join(', ')})` : ''
                }`}
                aria-expanded={opened}
              />
            </Indicator>
            <Link to="/clients" className="portico-brand" aria-label={`Portico — ${practice.name}`}>
              <Group gap="sm" wrap="nowrap" miw={0}>
                <Logo size="sm" />
                <Divider orientation="vertical" visibleFrom="xs" />
                <Text fw={600} c="dark.7" truncate="end" maw={{ base: 120, xs: 220, lg: 380 }} visibleFrom="xs">
                  {practice.name}
                </Text>
              </Group>
            </Link>
            <Group component="nav" aria-label="Main" gap={4} ml="md" visibleFrom="sm" wrap="nowrap">
              {items.map((item) => (
                <HeaderLink key={item.to} to={item.to}>
                  {item.label}
                  {badgeOf(item.to)}
                </HeaderLink>
              ))}
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {create.length > 0 ? <CreateMenu items={create} /> : null}
            <UserMenu staff={staff} />
          </Group>
        </Group>
      </AppShell.Header>

      {opened ? (
        <AppShell.Navbar p="sm" id="portico-mobile-nav">
          <Stack gap={4} component="nav" aria-label="Main menu">
            <Text size="sm" fw={600} px="sm" pb="xs" truncate="end">
              {practice.name}
            </Text>
            {items.map((item) => (
              <DrawerLink
                key={item.to}
                item={{
                  to: item.to,
                  label: item.label,
                  icon: <item.icon size={18} aria-hidden />,
                  badge: badgeOf(item.to),
                }}
                onNavigate={close}
              />
            ))}
            {create.length > 0 ? <Divider my="xs" /> : null}
            {create.map((item) => (
              <DrawerLink
                key={item.to}
                item={{ to: item.to, label: item.label, icon: <item.icon size={18} aria-hidden />, end: true }}
                onNavigate={close}
              />
            ))}
          </Stack>
        </AppShell.Navbar>
      ) : null}

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Container size="lg" px={0}>
          <DemoBanner />
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
