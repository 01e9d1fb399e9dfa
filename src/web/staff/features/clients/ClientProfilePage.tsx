import { Anchor, Badge, Breadcrumbs, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, Outlet, useMatch, useParams } from 'react-router';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import type { ProfileSection } from '../../common/area.js';
import { fullName, nameWithPreferred } from '../../common/client-name.js';
import type { ProfileContext } from '../../common/profile-client.js';
import { useSignedIn } from '../../common/session.js';
import { ClientNotFound } from './ClientNotFound.js';
import { useClient } from './clients.queries.js';

function SectionLink({ to, label, active }: { to: string; label: string; active: boolean }) {
  return (
    <Button
      component={Link}
      to={to}
      variant={active ? 'filled' : 'default'}
      aria-current={active ? 'page' : undefined}
      size="sm"
    >
      {label}
    </Button>
  );
}

/**
 * A client's profile: the name, then its sections — Overview (the index), Edit, and those other
 * areas add (`sections`, e.g. Messages), each shown to whom it allows.
 */
export function ClientProfilePage({ sections }: { sections: readonly ProfileSection[] }) {
  const { id = '' } = useParams();
  const client = useClient(id);
  const signedIn = useSignedIn();
  const all = [{ path: 'edit', label: 'Edit' }, ...sections];
  const shown = [{ path: 'edit', label: 'Edit' }, ...sections.filter((section) => section.allowed?.(signedIn) ?? true)];
  const sectionPath = useMatch('/clients/:id/:section')?.params.section;
  const current = all.find((section) => section.path === sectionPath);
  usePageTitle(client.data ? `${nameWithPreferred(client.data)}${current ? ` · ${current.label}` : ''}` : 'Client');

  if (isApiError(client.error) && (client.error.status === 404 || client.error.code === 'validation_failed')) {
    return <ClientNotFound />;
  }
  if (!client.data) {
    if (client.error) return <ErrorAlert error={client.error} title="Could not load the client" />;
    return (
      <Group justify="center" py={64}>
        <Loader aria-label="Loading client" />
      </Group>
    );
  }

  const data = client.data;
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} to="/clients" size="sm">
            Clients
          </Anchor>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            <bdi>{fullName(data)}</bdi>
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-end" gap="sm">
          <Group gap="sm" align="baseline" wrap="wrap" miw={0}>
            <Title order={1} style={{ overflowWrap: 'anywhere' }}>
              <bdi>{fullName(data)}</bdi>
              {data.preferredName ? (
                <Text span inherit c="dimmed" fw={500}>
                  {' '}
                  (<bdi>{data.preferredName}</bdi>)
                </Text>
              ) : null}
            </Title>
            {data.archivedAt ? (
              <Badge color="gray" variant="filled" size="lg">
                Archived
              </Badge>
            ) : null}
          </Group>
          <Group component="nav" aria-label="Client sections" gap="xs">
            <SectionLink to={`/clients/${data.id}`} label="Overview" active={current === undefined} />
            {shown.map((section) => (
              <SectionLink
                key={section.path}
                to={`/clients/${data.id}/${section.path}`}
                label={section.label}
                active={section.path === current?.path}
              />
            ))}
          </Group>
        </Group>
      </Stack>
      <Outlet context={{ client: data } satisfies ProfileContext} />
    </Stack>
  );
}
