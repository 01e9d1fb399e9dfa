import { Badge, Button, Group, Text, UnstyledButton } from '@mantine/core';
import { IconHome, IconLogout, IconMessages } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import type { PortalMe } from '../../../../shared/schemas/portal.js';
import { portalPaths } from '../../paths.js';
import { useSignOut } from '../../common/session.js';
import { useUnreadCount } from '../messages/messages.queries.js';
import { PracticeMark } from './PracticeMark.js';

interface PortalHeaderProps {
  practice: { name: string; slug: string };
  clientName: string;
  permissions: PortalMe['permissions'];
}

/**
 * The signed-in bar: the practice as the brand, the sections the client may use, who is signed in
 * and Sign out. On phones the sections take a row of their own below the brand.
 */
export function PortalHeader({ practice, clientName, permissions }: PortalHeaderProps) {
  const signOut = useSignOut(practice.slug);
  // Home alone needs no navigation; it appears once there is somewhere else to go.
  const hasSections = permissions.messaging;
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
            <PracticeMark name={practice.name} size={36} />
            <Text fw={650} fz="md" truncate="end" c="dark.8">
              <bdi>{practice.name}</bdi>
            </Text>
          </Group>
        </UnstyledButton>
        {hasSections ? (
          <nav aria-label="Client Portal" className="portal-nav">
            <SectionLink to={portalPaths.home(practice.slug)} icon={<IconHome size={18} stroke={1.8} />}>
              Home
            </SectionLink>
            {permissions.messaging ? <MessagesLink slug={practice.slug} /> : null}
          </nav>
        ) : null}
        <Group gap="sm" wrap="nowrap" className="portal-header-account">
          <Text size="sm" c="dimmed" visibleFrom="md" maw={200} truncate="end">
            Signed in as{' '}
            <Text span fw={600} c="dark.7" inherit>
              <bdi>{clientName}</bdi>
            </Text>
          </Text>
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

function SectionLink({ to, icon, label, children }: { to: string; icon: ReactNode; label?: string; children: ReactNode }) {
  return (
    <NavLink to={to} className="portal-nav-link" aria-label={label}>
      <span aria-hidden className="portal-nav-icon">
        {icon}
      </span>
      {children}
    </NavLink>
  );
}

/** Messages, with the number of unread messages from the practice (spoken as "Messages, 2 unread"). */
function MessagesLink({ slug }: { slug: string }) {
  const { data: unread = 0 } = useUnreadCount(slug);
  return (
    <SectionLink
      to={portalPaths.messages(slug)}
      icon={<IconMessages size={18} stroke={1.8} />}
      label={unread > 0 ? `Messages, ${unread} unread` : undefined}
    >
      Messages
      {unread > 0 ? (
        <Badge size="sm" circle={unread < 10} color="red.8" variant="filled" aria-hidden ml={2}>
          {unread > 99 ? '99+' : unread}
        </Badge>
      ) : null}
    </SectionLink>
  );
}
