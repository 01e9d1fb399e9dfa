import { Breadcrumbs, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { Link, useMatch } from 'react-router';
import { calendarReach, mayDo } from '../../../../shared/permissions.js';
import type { StaffRole } from '../../../../shared/schemas/auth.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { useSignedIn } from '../../common/session.js';

type Roles = readonly StaffRole[];
const everyone = () => true;
const owners = (roles: Roles) => roles.includes('owner');
/** Owners, schedulers and clinicians: whoever has a calendar to keep (their own, or everyone's). */
const calendarKeepers = (roles: Roles) => calendarReach(roles) !== 'none';
/** Owners and billers. */
const billingManagers = (roles: Roles) => mayDo(roles, 'manage_billing');

/** The settings pages, in the order of their tabs, each with who sees it. */
const pages = [
  { to: '/settings/practice', label: 'Practice profile', visible: everyone },
  { to: '/settings/account', label: 'My account', visible: everyone },
  { to: '/settings/security', label: 'Security', visible: everyone },
  { to: '/settings/team', label: 'Team', visible: owners },
  { to: '/settings/portal', label: 'Client Portal permissions', visible: owners },
  { to: '/settings/services', label: 'Services', visible: owners },
  { to: '/settings/availability', label: 'Availability', visible: calendarKeepers },
  { to: '/settings/documents', label: 'Documents', visible: owners },
  { to: '/settings/billing', label: 'Billing', visible: billingManagers },
] as const;

function SettingsTab({ to, label }: { to: string; label: string }) {
  // Documents has pages under it (each template): its tab stays current there.
  const active = useMatch({ path: to, end: to !== '/settings/documents' }) !== null;
  return (
    <Button
      component={Link}
      to={to}
      variant={active ? 'light' : 'subtle'}
      color={active ? 'portico' : 'gray'}
      aria-current={active ? 'page' : undefined}
      fw={600}
      size="sm"
      style={{ flexShrink: 0 }}
    >
      {label}
    </Button>
  );
}

interface SettingsFrameProps {
  title: string;
  description: ReactNode;
  children: ReactNode;
}

/** A settings page: where it is, the settings' own navigation, its title and what it is for. */
export function SettingsFrame({ title, description, children }: SettingsFrameProps) {
  usePageTitle(title);
  const { staff } = useSignedIn();
  const visible = pages.filter((page) => page.visible(staff.roles));
  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={6}>
        <Breadcrumbs separator="›">
          <Text size="sm" c="dimmed">
            Settings
          </Text>
          <Text size="sm" c="dimmed">
            {title}
          </Text>
        </Breadcrumbs>
        <Title order={1}>{title}</Title>
        <Text c="dimmed" size="sm">
          {description}
        </Text>
      </Stack>
      <Group component="nav" aria-label="Settings" gap={4}>
        {visible.map((page) => (
          <SettingsTab key={page.to} to={page.to} label={page.label} />
        ))}
      </Group>
      {children}
    </Stack>
  );
}

/** A part of a settings page, named by its heading (a landmark a screen reader can jump to). */
export function SettingsSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed" mt={4}>
              {description}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

/** What a settings page shows while its data loads, or when it cannot. */
export function SettingsLoading({ error, label }: { error: unknown; label: string }) {
  if (error) return <ErrorAlert error={error} title="Could not load the settings" />;
  return (
    <Group justify="center" py={48}>
      <Loader aria-label={label} />
    </Group>
  );
}
