import { AppShell, Burger, Container, Divider, Group, Indicator, NavLink as MantineNavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconInbox, IconListDetails, IconMessages, IconSettings, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, Outlet, ScrollRestoration, useMatch } from 'react-router';
import { useSignedIn } from '../../session.js';
import { canUseMessaging } from '../messages/access.js';
import { unreadConversationsLabel } from '../messages/message-labels.js';
import { UnreadBadge } from '../messages/UnreadBadge.js';
import { useMessagingLive } from '../messages/use-messaging-live.js';
import { CreateMenu } from './CreateMenu.js';
import { useFocusMainOnNavigation } from './focus-on-navigation.js';
import { HeaderLink } from './HeaderLink.js';
import { Logo } from './Logo.js';
import { UserMenu } from './UserMenu.js';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Shown after the label, e.g. an unread count. */
  badge?: ReactNode;
}

function DrawerLink({ item, onNavigate }: { item: NavItem; onNavigate: () => void }) {
  const active = useMatch({ path: item.to, end: item.to === '/clients/new' }) !== null;
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
export function AppLayout() {
  const { staff, practice, session } = useSignedIn();
  const [opened, { toggle, close }] = useDisclosure(false);
  // On navigation: close the phone menu and move focus to the new page.
  useFocusMainOnNavigation(close);

  const messaging = canUseMessaging(staff.role);
  const unreadConversations = useMessagingLive(messaging);

  const items: NavItem[] = [{ to: '/clients', label: 'Clients', icon: <IconUsers size={18} aria-hidden /> }];
  if (messaging) {
    items.push({
      to: '/messages',
      label: 'Messages',
      icon: <IconMessages size={18} aria-hidden />,
      badge: <UnreadBadge count={unreadConversations} />,
    });
  }
  if (staff.role === 'owner') {
    items.push({ to: '/audit', label: 'Audit log', icon: <IconListDetails size={18} aria-hidden /> });
    items.push({ to: '/settings', label: 'Settings', icon: <IconSettings size={18} aria-hidden /> });
  }
  if (session.devMailbox) {
    items.push({ to: '/dev/mailbox', label: 'Mailbox', icon: <IconInbox size={18} aria-hidden /> });
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !opened, desktop: true } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <ScrollRestoration />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header px={{ base: 'sm', sm: 'lg' }}>
        <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Indicator
              hiddenFrom="sm"
              disabled={!unreadConversations || opened}
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
                  unreadConversations && !opened ? ` (${unreadConversationsLabel(unreadConversations)})` : ''
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
                  {item.badge}
                </HeaderLink>
              ))}
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <CreateMenu />
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
              <DrawerLink key={item.to} item={item} onNavigate={close} />
            ))}
            <Divider my="xs" />
            <DrawerLink
              item={{ to: '/clients/new', label: 'Create client', icon: <IconUserPlus size={18} aria-hidden /> }}
              onNavigate={close}
            />
          </Stack>
        </AppShell.Navbar>
      ) : null}

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
